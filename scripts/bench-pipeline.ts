// Pipeline benchmark: `npx tsx scripts/bench-pipeline.ts p01 [--runs N] [--label NAME]` (default 3
// runs; a label, e.g. for a design compared under an environment variable, names the files
// <id>-<label>.{json,md} and records the HARNESS_* variables set). Runs the
// pipeline's suite N times in a row (images present: forge time is not the pipeline's; each run in
// reports of its own), then writes reports/benchmarks/<id>.{json,md}: the median and the range of
// every figure over the runs, events per second, each container's peak memory (the highest seen),
// the git sha and the machine. The machine's speed moves from hour to hour: medians, not one run.
// Run it alone on the machine.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { machine, machineLine } from "../harness/bench/machine.js";
import type { PipelineRun } from "../harness/model.js";
import { projectRoot, reportsDir } from "../harness/paths.js";
import type { ReportEntry } from "../harness/report/entry.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: "string", default: "3" }, label: { type: "string" } } });
const [id] = positionals;
const count = Number(values.runs);
if (!id || !/^p\d\d$/.test(id) || !(count >= 1)) {
  console.error("usage: npx tsx scripts/bench-pipeline.ts pNN [--runs N] [--label NAME]");
  process.exit(2);
}

const entries: ReportEntry[] = [];
for (let i = 1; i <= count; i++) {
  console.log(`bench ${id}: run ${i} of ${count}`);
  const reports = mkdtempSync(join(tmpdir(), `bench-${id}-`));
  spawnSync("npx", ["vitest", "run", "--project", "pipelines", `suites/${id}/`], { cwd: projectRoot(), stdio: "inherit", env: { ...process.env, HARNESS_REPORTS_DIR: reports } });
  entries.push(JSON.parse(readFileSync(join(reports, "runs", `${id}.json`), "utf8")) as ReportEntry);
  rmSync(reports, { recursive: true, force: true });
}

const runs = entries.map((e) => e.run as PipelineRun);
const last = runs.at(-1)!;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const figureNames = Object.keys(last.figures) as Array<keyof PipelineRun["figures"]>;
const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });
const figures = {
  ...Object.fromEntries(figureNames.map((name) => [name, spread(runs.map((r) => r.figures[name] ?? 0))])),
  // An orchestrated pipeline: its flow run (trigger to end) and the orchestrator's own overhead in it.
  ...(last.flow
    ? { "flow run": spread(runs.map((r) => r.flow?.seconds ?? 0)), "scheduling gaps": spread(runs.map((r) => r.flow?.schedulingSeconds ?? 0)) }
    : {}),
};
const stageNames = [...new Set(runs.flatMap((r) => r.stages.map((s) => s.name)))];
const stages = Object.fromEntries(stageNames.map((name) => [name, median(runs.map((r) => r.stages.find((s) => s.name === name)?.seconds ?? 0))]));
const containers = last.containers.map((c) => {
  const of = (r: PipelineRun) => r.containers.find((x) => x.name === c.name);
  const ready = runs.map((r) => of(r)?.readySeconds).filter((s): s is number => typeof s === "number");
  return { ...c, peakMemMb: Math.max(...runs.map((r) => of(r)?.peakMemMb ?? 0)), readySeconds: ready.length ? median(ready) : null };
});
// The standard queries (serving pipelines): per engine and query, the median over the runs of each
// run's p50/p95/p99 (each over its 8 kept runs of 10), and whether every run's answer agreed.
const queryKeys = [...new Set(runs.flatMap((r) => (r.queries ?? []).map((q) => `${q.engine}\u0000${q.query}`)))];
const queries = queryKeys.map((key) => {
  const [engine, query] = key.split("\u0000") as [string, string];
  const mine = runs.flatMap((r) => (r.queries ?? []).filter((q) => q.engine === engine && q.query === query));
  const ms = (f: "p50" | "p95" | "p99") => median(mine.map((q) => q[f] * 1000));
  return { engine, query, title: mine[0]!.title, p50Ms: ms("p50"), p95Ms: ms("p95"), p99Ms: ms("p99"), rows: mine[0]!.rows, agreed: mine.every((q) => q.difference === null), runs: mine.length };
});
// Streaming: the latency percentiles (median over the runs) and each failure's recovery.
const latencyOf = (pick: (r: PipelineRun) => PipelineRun["latency"]) => {
  const mine = runs.map(pick).filter((l): l is NonNullable<PipelineRun["latency"]> => !!l);
  return mine.length ? Object.fromEntries((["p50", "p95", "p99", "max", "processing"] as const).map((k) => [k, median(mine.map((l) => l[k]))])) : null;
};
const latency = latencyOf((r) => r.latency);
const failureNames = [...new Set(runs.flatMap((r) => (r.failures ?? []).map((f) => f.name)))];
const failures = failureNames.map((name) => {
  const mine = runs.flatMap((r) => (r.failures ?? []).filter((f) => f.name === name));
  return { name, title: mine[0]!.title, recoverySeconds: spread(mine.map((f) => f.recoverySeconds ?? NaN)), silverEqual: mine.every((f) => f.silver?.equal), latency: latencyOf((r) => r.failures?.find((f) => f.name === name)?.latency ?? undefined) };
});
const settings = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("HARNESS_") && k !== "HARNESS_REPORTS_DIR"));
const report = {
  date: new Date().toISOString(),
  settings,
  gitSha: last.gitSha,
  machine: await machine(),
  statuses: entries.map((e) => e.status),
  reason: entries.at(-1)!.reason,
  fixture: last.fixture.label,
  events: last.events,
  eventsPerSecond: median(runs.map((r) => r.eventsPerSecond ?? 0)),
  figures,
  stages,
  containers,
  queries,
  latency,
  failures,
  /** The last run's notes: where its time went (e.g. each Spark job's laps). */
  notes: last.notes,
};
const name = values.label ? `${id}-${values.label}` : id;
const dir = join(reportsDir(), "benchmarks");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
const s = (x: number) => x.toFixed(2);
writeFileSync(
  join(dir, `${name}.md`),
  [
    `# ${id} benchmark: ${last.pipelineName}`,
    "",
    `${report.date} · git ${report.gitSha} · ${machineLine(report.machine)}`,
    "",
    ...(Object.keys(settings).length ? [`Settings: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(" ")}`, ""] : []),
    `${count} runs: ${report.statuses.join(", ")}. Last: ${report.reason}. ${report.events} events of ${report.fixture}; ingestion ${Math.round(report.eventsPerSecond)} events/s (median).`,
    "",
    "| figure | median s | min | max |",
    "|---|---:|---:|---:|",
    ...Object.entries(figures).map(([name, f]) => `| ${name} | ${s(f.median)} | ${s(f.min)} | ${s(f.max)} |`),
    "",
    "| stage | median s |",
    "|---|---:|",
    ...Object.entries(stages).map(([name, sec]) => `| ${name} | ${s(sec)} |`),
    "",
    "| container | image | source | ready s (median) | peak memory (MB, highest of the runs) |",
    "|---|---|---|---:|---:|",
    ...containers.map((c) => `| ${c.name} | ${c.image} | ${c.source ?? ""} | ${c.readySeconds?.toFixed(1) ?? ""} | ${c.peakMemMb || ""} |`),
    "",
    ...(queries.length
      ? [
          "Standard queries (each run: 10 in a row, the first 2 discarded; medians over the runs of each run's percentiles; answers checked against DuckDB over the same data):",
          "",
          "| query | engine | p50 ms | p95 ms | p99 ms | rows | answers agree |",
          "|---|---|---:|---:|---:|---:|---|",
          ...queries.map((q) => `| ${q.query} ${q.title} | ${q.engine} | ${s(q.p50Ms)} | ${s(q.p95Ms)} | ${s(q.p99Ms)} | ${q.rows} | ${q.agreed ? `yes (${q.runs} of ${q.runs})` : "NO"} |`),
          "",
        ]
      : []),
    ...(latency
      ? [
          `Event-to-silver latency (streaming at ${last.latency?.rate} events/s; medians over the runs): p50 ${s(latency.p50!)} s, p95 ${s(latency.p95!)} s, p99 ${s(latency.p99!)} s, max ${s(latency.max!)} s; last event → silver final ${s(latency.processing!)} s.`,
          "",
        ]
      : []),
    ...(failures.length
      ? [
          "| failure survived | recovery s (median, min–max) | silver = oracle every run | latency p99 s |",
          "|---|---:|---|---:|",
          ...failures.map((f) => `| ${f.title} | ${s(f.recoverySeconds.median)} (${s(f.recoverySeconds.min)}–${s(f.recoverySeconds.max)}) | ${f.silverEqual ? "yes" : "NO"} | ${f.latency ? s(f.latency.p99!) : "–"} |`),
          "",
        ]
      : []),
    ...(report.notes.length ? ["Notes of the last run:", "", ...report.notes.map((n) => `- ${n}`), ""] : []),
  ].join("\n"),
);
process.exit(entries.every((e) => e.status === "PASS") ? 0 : 1);
