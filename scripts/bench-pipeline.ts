// Pipeline benchmark: `npx tsx scripts/bench-pipeline.ts p01`. Runs the pipeline's
// suite once (images present: forge time is not the pipeline's), then writes
// reports/benchmarks/<id>.{json,md}: every stage's seconds, events per second, and each container's
// peak memory, with the machine. Run it alone on the machine.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { machine, machineLine } from "../harness/bench/machine.js";
import type { PipelineRun } from "../harness/model.js";
import { projectRoot, reportsDir } from "../harness/paths.js";
import type { ReportEntry } from "../harness/report/entry.js";

const [id] = process.argv.slice(2);
if (!id || !/^p\d\d$/.test(id)) {
  console.error("usage: npx tsx scripts/bench-pipeline.ts pNN");
  process.exit(2);
}
const vitest = spawnSync("npx", ["vitest", "run", `suites/${id}/`], { cwd: projectRoot(), stdio: "inherit" });
const entry = JSON.parse(readFileSync(join(reportsDir(), "runs", `${id}.json`), "utf8")) as ReportEntry;
const run = entry.run as PipelineRun;
const report = { date: new Date().toISOString(), gitSha: run.gitSha, machine: await machine(), status: entry.status, reason: entry.reason, events: run.events, eventsPerSecond: run.eventsPerSecond, figures: run.figures, stages: run.stages, containers: run.containers };
const dir = join(reportsDir(), "benchmarks");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(dir, `${id}.md`),
  [
    `# ${id} benchmark: ${run.pipelineName}`,
    "",
    `${report.date} · git ${run.gitSha} · ${machineLine(report.machine)}`,
    "",
    `${entry.status}: ${entry.reason}. ${run.events} events of ${run.fixture.label}; ingestion ${Math.round(run.eventsPerSecond ?? 0)} events/s.`,
    "",
    "| figure | seconds |",
    "|---|---:|",
    ...Object.entries(run.figures).map(([name, seconds]) => `| ${name} | ${(seconds ?? 0).toFixed(2)} |`),
    "",
    "| stage | kind | seconds | ok |",
    "|---|---|---:|---|",
    ...run.stages.map((s) => `| ${s.name} | ${s.kind} | ${s.seconds.toFixed(2)} | ${s.ok ? "yes" : "no"} |`),
    "",
    "| container | image | source | peak memory (MB) |",
    "|---|---|---|---:|",
    ...run.containers.map((c) => `| ${c.name} | ${c.image} | ${c.source ?? ""} | ${c.peakMemMb ?? ""} |`),
    "",
  ].join("\n"),
);
process.exit(vitest.status ?? 1);
