// The status rules of pipelines.md §5, applied to one run and the names of its failed vitest tests.
import type { DbtNodeResult, DbtOutcome, PipelineRun, Status } from "../model.js";

/** A failed test whose name matches this checks dbt or a quality layer: with silver right it makes the run PARTIAL, not FAIL. */
export const QUALITY_TEST = /\b(dbt|quality)\b/i;

export function judge(run: PipelineRun, failedTests: string[]): { status: Status; reason: string } {
  if (run.status === "SKIPPED") return { status: "SKIPPED", reason: run.reason };

  const qualityTests = failedTests.filter((t) => QUALITY_TEST.test(t));
  const failures = [
    ...run.stages.filter((s) => !s.ok).map((s) => `stage ${s.name} failed${s.error ? `: ${s.error}` : ""}`),
    ...silverFailure(run),
    ...failedTests.filter((t) => !QUALITY_TEST.test(t)).map((t) => `test failed: ${t}`),
  ];
  if (failures.length) return { status: "FAIL", reason: failures.join("; ") };

  const silver = run.silver!;
  const matched = `silver matches the oracle (${silver.actualRows} rows, ${silver.ruleSet})`;
  const nodes = run.dbt?.nodes ?? [];
  const broken = [...withOutcome(nodes, "fail"), ...withOutcome(nodes, "error"), ...qualityTests.map((t) => `quality test failed: ${t}`)];
  if (broken.length) return { status: "PARTIAL", reason: [matched, ...broken].join("; ") };

  return { status: "PASS", reason: [matched, dbtSummary(run), ...withOutcome(nodes, "warn")].join("; ") };
}

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

function dbtSummary(run: PipelineRun): string {
  if (!run.dbt) return "no dbt stage";
  const { models, seeds, tests } = run.dbt;
  return `dbt ${tests.pass}/${tests.total} tests pass (${models.total} models, ${seeds.total} seeds)`;
}
