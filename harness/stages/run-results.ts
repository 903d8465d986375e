// dbt's target/run_results.json, folded into per-node outcomes and counts by resource type.
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import type { DbtCounts, DbtNodeResult, DbtOutcome, DbtResourceType, DbtSummary } from "../model.js";

const OUTCOME: Record<string, DbtOutcome> = {
  success: "pass",
  pass: "pass",
  warn: "warn",
  fail: "fail",
  error: "error",
  "runtime error": "error",
  skipped: "skip",
  skip: "skip",
};

interface RawResult {
  unique_id?: unknown;
  status?: unknown;
  execution_time?: unknown;
  failures?: unknown;
  message?: unknown;
}

const emptyCounts = (): DbtCounts => ({ pass: 0, warn: 0, fail: 0, error: 0, skip: 0, total: 0 });

export function parseRunResults(text: string, source = "run_results.json"): DbtSummary {
  let doc: { results?: unknown; elapsed_time?: unknown };
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${source} is corrupt (${(err as Error).message}): rerun dbt build`);
  }
  if (!Array.isArray(doc.results)) throw new InputError(`${source} has no "results" list: rerun dbt build`);
  const nodes = (doc.results as RawResult[]).map((r, i): DbtNodeResult => {
    if (typeof r.unique_id !== "string" || typeof r.status !== "string") throw new InputError(`${source}: result ${i} lacks unique_id or status: rerun dbt build`);
    const outcome = OUTCOME[r.status];
    if (!outcome) throw new InputError(`${source}: node ${r.unique_id} has unknown status "${r.status}"`);
    const [type, , ...rest] = r.unique_id.split(".");
    return {
      uniqueId: r.unique_id,
      name: rest.join("."),
      resourceType: (type === "unit_test" ? "test" : type) as DbtResourceType,
      outcome,
      seconds: typeof r.execution_time === "number" ? r.execution_time : 0,
      failures: typeof r.failures === "number" ? r.failures : null,
      message: typeof r.message === "string" ? r.message : null,
    };
  });
  const summary: DbtSummary = { models: emptyCounts(), seeds: emptyCounts(), tests: emptyCounts(), nodes, elapsedSeconds: Number(doc.elapsed_time ?? 0) };
  const bucket: Partial<Record<DbtResourceType, DbtCounts>> = { model: summary.models, seed: summary.seeds, test: summary.tests };
  for (const node of nodes) {
    const counts = bucket[node.resourceType];
    if (!counts) continue;
    counts[node.outcome] += 1;
    counts.total += 1;
  }
  return summary;
}

export function readRunResults(path: string): DbtSummary {
  if (!existsSync(path)) throw new InputError(`${path} is missing: dbt build did not write its results (see the dbt log above)`);
  return parseRunResults(readFileSync(path, "utf8"), path);
}

/** Nodes that failed or errored, the ones a report lists first. */
export const brokenNodes = (s: DbtSummary): DbtNodeResult[] => s.nodes.filter((n) => n.outcome === "fail" || n.outcome === "error");
