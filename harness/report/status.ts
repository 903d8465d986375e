// The status rules of pipelines.md §5, applied to one run's typed stage results. Test titles play
// no part: a stage is what the scenario recorded, and a failed test that is not a stage (a
// pipeline's own extra check) counts as a core failure.
import type { DbtNodeResult, DbtOutcome, PipelineRun, Status } from "../model.js";

export function judge(run: PipelineRun, failedChecks: string[] = []): { status: Status; reason: string } {
  if (run.status === "SKIPPED") return { status: "SKIPPED", reason: run.reason };

  const ran = new Map(run.stages.map((s) => [s.name, s]));
  const missing = (kind: "core" | "quality") =>
    run.declared.filter((d) => d.kind === kind && !ran.has(d.name)).map((d) => `stage ${d.name} did not run (skipped or filtered out)`);
  const failed = (kind: "core" | "quality") => run.stages.filter((s) => s.kind === kind && !s.ok).map((s) => `stage ${s.name} failed${s.error ? `: ${firstLine(s.error)}` : ""}`);

  const failures = [...failed("core"), ...missing("core"), ...silverFailure(run), ...failedChecks.map((t) => `check failed: ${t}`)];
  const flow = flowSummary(run);
  if (failures.length) return { status: "FAIL", reason: [...failures, ...flow].join("; ") };

  const silver = run.silver!;
  const matched = `silver matches the oracle (${silver.actualRows} rows, ${silver.ruleSet})`;
  const nodes = run.dbt?.nodes ?? [];
  const broken = [...failed("quality"), ...missing("quality"), ...withOutcome(nodes, "fail"), ...withOutcome(nodes, "error")];
  if (broken.length) return { status: "PARTIAL", reason: [matched, ...broken, ...flow].join("; ") };

  return { status: "PASS", reason: [matched, ...edgeSummary(run), dbtSummary(run), ...withOutcome(nodes, "warn"), ...flow].filter(Boolean).join("; ") };
}

const firstLine = (text: string) => text.split("\n")[0]!;

function silverFailure(run: PipelineRun): string[] {
  const s = run.silver;
  if (!s) return ["silver was not compared with the oracle"];
  if (s.equal) return [];
  const detail = s.expectedRows === s.actualRows ? `, same count but checksum ${s.expectedChecksum} vs ${s.actualChecksum}` : "";
  return [`silver differs from the oracle: expected ${s.expectedRows} rows, actual ${s.actualRows}${detail}`];
}

function withOutcome(nodes: DbtNodeResult[], outcome: DbtOutcome): string[] {
  const names = nodes.filter((n) => n.outcome === outcome).map((n) => n.name);
  if (!names.length) return [];
  const shown = names.slice(0, 5).join(", ");
  return [`dbt ${outcome}: ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ""}`];
}

/** An orchestrated pipeline's run, named by the orchestrator's run id. */
function flowSummary(run: PipelineRun): string[] {
  const flow = run.flow;
  if (!flow) return [];
  return [`${flow.orchestrator} run ${flow.runId} ${flow.state}: ${flow.tasks.filter((t) => t.ok).length}/${flow.tasks.length} tasks succeeded`];
}

function edgeSummary(run: PipelineRun): string[] {
  return run.edge?.silver ? [`edge rows ${run.edge.silver.actualRows}/${run.edge.events} kept as the oracle says`] : [];
}

function dbtSummary(run: PipelineRun): string {
  if (!run.dbt) return "";
  const { models, seeds, tests } = run.dbt;
  return `dbt ${tests.pass}/${tests.total} tests pass (${models.total} models, ${seeds.total} seeds)`;
}
