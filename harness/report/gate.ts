// The regression gate: compares this run's matrix.json with the committed reports/baseline.json.
//
// baseline.json:
//   {
//     "tolerance": 1.5,                       // optional; stage budgets may be exceeded up to budget × tolerance
//     "<fixture label>": {                    // FixtureInfo.label, e.g. "tlc-2024-01-first10k"
//       "<pipeline id>": {                    // e.g. "p01"
//         "events": 10000,                    // the entry applies only to runs with this many events
//         "silver_rows": 9855,                // exact
//         "dbt_pass": 74,                     // exact: dbt test nodes that passed
//         "stage_budget_s": { "processing": 60, "e2e": 200 }   // any of startup, ingestion, processing, dbt, teardown, e2e
//       }
//     }
//   }
// A run with no entry for its fixture, pipeline and event count is reported and not gated; so are SKIPPED runs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TIMED_FIGURES, type FigureName } from "../model.js";
import { projectRoot, reportsDir } from "../paths.js";
import type { Matrix, MatrixRow } from "./matrix.js";

export interface BaselineEntry {
  events: number;
  silver_rows?: number;
  dbt_pass?: number;
  stage_budget_s?: Partial<Record<FigureName, number>>;
}

export interface Baseline {
  tolerance?: number;
  fixtures: Record<string, Record<string, BaselineEntry>>;
}

export interface Violation {
  pipeline: string;
  metric: string;
  baseline: number;
  actual: number | null;
  allowed: number;
}

const DEFAULT_TOLERANCE = 1.5;

export function parseBaseline(json: unknown): Baseline {
  if (!isObject(json)) throw new Error("baseline must be a JSON object");
  const { tolerance, ...fixtures } = json;
  if (tolerance !== undefined && !(typeof tolerance === "number" && tolerance >= 1)) throw new Error(`tolerance must be a number ≥ 1, got ${JSON.stringify(tolerance)}`);
  for (const [label, pipelines] of Object.entries(fixtures)) {
    if (!isObject(pipelines)) throw new Error(`baseline["${label}"] must map pipeline ids to entries`);
    for (const [id, e] of Object.entries(pipelines)) {
      const where = `baseline["${label}"]["${id}"]`;
      if (!isObject(e) || typeof e.events !== "number") throw new Error(`${where} needs a numeric "events"`);
      const unknown = Object.keys(isObject(e.stage_budget_s) ? e.stage_budget_s : {}).filter((s) => !(TIMED_FIGURES as readonly string[]).includes(s));
      if (unknown.length) throw new Error(`${where}.stage_budget_s has unknown stages ${unknown.join(", ")} (known: ${TIMED_FIGURES.join(", ")})`);
    }
  }
  return { tolerance, fixtures: fixtures as Baseline["fixtures"] };
}

export function evaluate(matrix: Matrix, baseline: Baseline, tolerance: number): { checked: string[]; violations: Violation[]; notes: string[] } {
  const checked: string[] = [];
  const violations: Violation[] = [];
  const notes: string[] = [];
  for (const row of matrix.rows.filter((r) => r.ran)) {
    const entry = row.fixture === null ? undefined : baseline.fixtures[row.fixture]?.[row.id];
    if (row.status === "SKIPPED") notes.push(`${row.id}: SKIPPED (${row.reason}), not gated`);
    else if (!entry) notes.push(`${row.id}: no baseline for fixture ${row.fixture ?? "(none)"}, not gated`);
    else if (entry.events !== row.events) notes.push(`${row.id}: baseline for ${row.fixture} is for ${entry.events} events, this run had ${row.events}, not gated`);
    else {
      checked.push(row.id);
      violations.push(...check(row, entry, tolerance));
    }
  }
  return { checked, violations, notes };
}

function check(row: MatrixRow, entry: BaselineEntry, tolerance: number): Violation[] {
  const out: Violation[] = [];
  const exact = (metric: string, baseline: number | undefined, actual: number | null) => {
    if (baseline !== undefined && actual !== baseline) out.push({ pipeline: row.id, metric, baseline, actual, allowed: baseline });
  };
  exact("silver_rows", entry.silver_rows, row.silverRows);
  exact("dbt_pass", entry.dbt_pass, row.dbtPass);
  for (const [stage, budget] of Object.entries(entry.stage_budget_s ?? {}) as [FigureName, number][]) {
    const actual = row.stages[stage] ?? null;
    const allowed = budget * tolerance;
    if (actual === null || actual > allowed) out.push({ pipeline: row.id, metric: `${stage}_s`, baseline: budget, actual, allowed });
  }
  return out;
}

export function formatViolation(v: Violation): string {
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  return `VIOLATION ${v.pipeline} ${v.metric}: baseline ${n(v.baseline)}, actual ${v.actual === null ? "missing" : n(v.actual)}, allowed ${n(v.allowed)}`;
}

const USAGE = "usage: harness gate [--reports DIR] [--baseline FILE] [--tolerance X]";

/** Exit code: 0 no violation, 1 violations, 2 bad input. */
export async function runGate(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { reports: { type: "string" }, baseline: { type: "string" }, tolerance: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      log(USAGE);
      return 0;
    }
    const matrixPath = join(values.reports ?? reportsDir(), "matrix.json");
    const baselinePath = values.baseline ?? join(projectRoot(), "reports", "baseline.json");
    if (!existsSync(matrixPath)) throw new Error(`no ${matrixPath}: run the pipeline suites first`);
    if (!existsSync(baselinePath)) {
      log(`gate: no baseline at ${baselinePath}, nothing gated (not a failure)`);
      return 0;
    }
    const matrix = JSON.parse(readFileSync(matrixPath, "utf8")) as Matrix;
    const baseline = parseBaseline(JSON.parse(readFileSync(baselinePath, "utf8")));
    const tolerance = values.tolerance === undefined ? (baseline.tolerance ?? DEFAULT_TOLERANCE) : Number(values.tolerance);
    if (!(tolerance >= 1)) throw new Error(`--tolerance must be a number ≥ 1, got ${values.tolerance}`);

    const { checked, violations, notes } = evaluate(matrix, baseline, tolerance);
    notes.forEach((n) => log(`gate: ${n}`));
    violations.forEach((v) => log(formatViolation(v)));
    const scope = `${checked.length} pipeline(s) checked: ${checked.join(" ") || "none"}; tolerance ${tolerance}`;
    log(violations.length ? `gate: FAILED, ${violations.length} violation(s) (${scope})` : `gate: ok (${scope})`);
    return violations.length ? 1 : 0;
  } catch (err) {
    log(`gate: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
