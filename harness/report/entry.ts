// What the reporter hands to every writer: one pipeline run as judged, with its vitest tests.
import type { DbtOutcome, FigureName, PipelineRun, Status } from "../model.js";

export interface TestOutcome {
  name: string;
  state: "passed" | "failed" | "skipped" | "pending";
  seconds: number;
  errors: string[];
}

export interface ReportEntry {
  pipelineId: string;
  status: Status;
  reason: string;
  tests: TestOutcome[];
  /** null when a pipeline suite left no pipelineRun meta: it crashed before recording one, or no hook ran. */
  run: PipelineRun | null;
}

/** A timed figure of the run (startup, ingestion, processing, dbt, teardown, e2e, images), or null. */
export function figure(run: PipelineRun, name: FigureName | "images"): number | null {
  return run.figures[name] ?? null;
}

export function silverRows(run: PipelineRun): number | null {
  return run.silver?.actualRows ?? run.rows.silver;
}

export function peakMemMb(run: PipelineRun): number | null {
  const peaks = run.containers.map((c) => c.peakMemMb).filter((m): m is number => m !== null);
  return peaks.length ? Math.max(...peaks) : null;
}

export function dbtTests(run: PipelineRun): { total: number; pass: number } | null {
  return run.dbt ? { total: run.dbt.tests.total, pass: run.dbt.tests.pass } : null;
}

export const OUTCOME_ORDER: readonly DbtOutcome[] = ["fail", "error", "warn", "pass", "skip"];

export const fixed2 = (n: number | null): string => (n === null ? "" : n.toFixed(2));
