// Scale benchmark: `npx tsx scripts/bench-scale.ts [--sizes 10000,100000,1000000] p00 p01 …`.
// For each size, grows the embedded sample to that many rows (harness/fixtures/synthetic.ts, kept in
// the cache), runs each pipeline's suite once on it (HARNESS_FIXTURE, HARNESS_EVENTS), and writes
// reports/benchmarks/scale.{json,md}: wall time per stage, events per second per core (events over
// bronze + silver time, over the machine's cores), and peak memory — the containers' (each one's
// cgroup high-water mark, summed) and the largest harness process's (vitest, dbt). Run it alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { machine, machineLine } from "../harness/bench/machine.js";
import type { PipelineRun } from "../harness/model.js";
import { cacheDir, projectRoot, reportsDir } from "../harness/paths.js";
import type { ReportEntry } from "../harness/report/entry.js";

const { values, positionals: ids } = parseArgs({ allowPositionals: true, options: { sizes: { type: "string", default: "10000,100000,1000000" } } });
const sizes = values.sizes.split(",").map(Number);
if (!ids.length || !ids.every((id) => /^p\d\d$/.test(id)) || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
  console.error("usage: npx tsx scripts/bench-scale.ts [--sizes 10000,100000,1000000] pNN …");
  process.exit(2);
}

interface Point {
  pipeline: string;
  events: number;
  status: string;
  reason: string;
  figures: PipelineRun["figures"];
  eventsPerSecondPerCore: number | null;
  containersPeakMb: number;
  processPeakMb: number;
  gitSha: string;
}

const cores = cpus().length;
const dir = join(reportsDir(), "benchmarks");
// The curve so far: a run replaces its own pipelines' points at its sizes and keeps the others.
const previous = existsSync(join(dir, "scale.json")) ? (JSON.parse(readFileSync(join(dir, "scale.json"), "utf8")) as { points: Point[] }).points : [];
const points: Point[] = [];
for (const size of sizes) {
  const fixture = join(cacheDir(), "fixtures", `synthetic-${size}.parquet`);
  if (!existsSync(fixture)) spawnSync("node", ["bin/harness.js", "synth", "--rows", String(size), "--out", fixture], { cwd: projectRoot(), stdio: "inherit" });
  for (const id of ids) {
    console.log(`bench-scale: ${id} at ${size} events`);
    const reports = mkdtempSync(join(tmpdir(), `scale-${id}-`));
    // GNU time's %M: the largest resident set of the processes it waited for (vitest, or dbt under it).
    // A test's bound grows with the events (10 ms each, at least the project's 600 s): 1M events take minutes a stage.
    const testTimeout = Math.max(600_000, size * 10);
    const timed = spawnSync("/usr/bin/time", ["-f", "peak_rss_kb=%M", "npx", "vitest", "run", "--project", "pipelines", `--testTimeout=${testTimeout}`, `suites/${id}/`], {
      cwd: projectRoot(),
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, HARNESS_FIXTURE: fixture, HARNESS_EVENTS: String(size), HARNESS_REPORTS_DIR: reports },
    });
    const stderr = timed.stderr.toString();
    process.stderr.write(stderr);
    const entry = JSON.parse(readFileSync(join(reports, "runs", `${id}.json`), "utf8")) as ReportEntry;
    rmSync(reports, { recursive: true, force: true });
    const run = entry.run as PipelineRun;
    const processing = run.figures.processing ?? 0;
    points.push({
      pipeline: id,
      events: run.events,
      status: entry.status,
      reason: entry.reason,
      figures: run.figures,
      eventsPerSecondPerCore: processing > 0 ? run.events / processing / cores : null,
      containersPeakMb: Math.round(run.containers.reduce((sum, c) => sum + (c.peakMemMb ?? 0), 0)),
      processPeakMb: Math.round(Number(/peak_rss_kb=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024),
      gitSha: run.gitSha,
    });
  }
}

const kept = previous.filter((p) => !points.some((q) => q.pipeline === p.pipeline && q.events === p.events));
const all = [...kept, ...points].sort((a, b) => a.pipeline.localeCompare(b.pipeline) || a.events - b.events);
const report = { date: new Date().toISOString(), machine: await machine(), cores, points: all };
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "scale.json"), `${JSON.stringify(report, null, 2)}\n`);
const s = (x: number | undefined | null) => (x === undefined || x === null ? "–" : x.toFixed(1));
writeFileSync(
  join(dir, "scale.md"),
  [
    "# Scale: the cost curve",
    "",
    `${report.date} · ${machineLine(report.machine)} · each row's git sha in scale.json`,
    "",
    "Synthetic fixtures grown from the embedded sample (`npx harness synth --rows N`), one run per pipeline and size, batch mode. Events/s per core: events over processing (bronze + silver) over the machine's cores. Peak memory: the containers' high-water marks summed, and the largest harness process (vitest, or dbt run by it).",
    "",
    "| pipeline | events | status | startup s | ingestion s | processing s | dbt s | e2e s | events/s per core | containers peak MB | process peak MB |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...all.map((p) => `| ${p.pipeline} | ${p.events} | ${p.status} | ${s(p.figures.startup)} | ${s(p.figures.ingestion)} | ${s(p.figures.processing)} | ${s(p.figures.dbt)} | ${s(p.figures.e2e)} | ${s(p.eventsPerSecondPerCore)} | ${p.containersPeakMb || "–"} | ${p.processPeakMb} |`),
    "",
    ...all.filter((p) => p.status !== "PASS").map((p) => `- ${p.pipeline} at ${p.events}: ${p.reason}`),
    "",
  ].join("\n"),
);
