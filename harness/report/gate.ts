// The regression gate: compares this run's matrix.json with the committed reports/baseline.json.
//
// baseline.json:
//   {
//     "tolerance": 1.5,                       // optional; stage budgets may be exceeded up to budget × tolerance
//     "<fixture label>": {                    // FixtureInfo.label, e.g. "yellow_tripdata_2024-01_sample10k"
//       "<pipeline id>": {                    // e.g. "p01"; a streaming run's entry is "p01@streaming"
//         "events": 10000,                    // the entry applies only to runs with this many events
//         "status": "PASS",                   // a worse status fails (PASS < PARTIAL < FAIL)
//         "silver_rows": 9854,                // exact
//         "silver_checksum": "5695…",         // exact: silver's content
//         "dbt_pass": 74,                     // dbt test nodes that passed: fewer fails
//         "stage_budget_s": { "processing": 60, "e2e": 200 },  // any of startup, ingestion, processing, dbt, teardown, e2e
//         "latency_p99_s": 10                 // streaming: event-to-silver p99 budget (× tolerance)
//       }
//     }
//   }
// Whatever the baseline says, silver whose checksum differs from the oracle's fails. A pipeline the
// baseline expects for the run's fixture that is SKIPPED or absent fails, unless --allow-skip names it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TIMED_FIGURES, type FigureName, type Status } from "../model.js";
import { projectRoot, reportsDir } from "../paths.js";
import type { Matrix, MatrixRow } from "./matrix.js";

export interface BaselineEntry {
  events: number;
  status?: Status;
  silver_rows?: number;
  silver_checksum?: string;
  dbt_pass?: number;
  stage_budget_s?: Partial<Record<FigureName, number>>;
  latency_p99_s?: number;
}

/** A run's key in the baseline: the pipeline id, with `@streaming` for a streaming run (other figures, other budgets). */
export const baselineKey = (row: Pick<MatrixRow, "id" | "mode">): string => (row.mode === "streaming" ? `${row.id}@streaming` : row.id);

export interface Baseline {
  tolerance?: number;
  fixtures: Record<string, Record<string, BaselineEntry>>;
}

export interface Violation {
  pipeline: string;
  metric: string;
  baseline: number | string;
  actual: number | string | null;
  allowed: number | string;
}

const DEFAULT_TOLERANCE = 1.5;
/** Worse is larger; SKIPPED is handled apart (an expected pipeline that did not run). */
const RANK: Record<Status, number> = { PASS: 0, PARTIAL: 1, FAIL: 2, SKIPPED: 3 };

export function parseBaseline(json: unknown): Baseline {
  if (!isObject(json)) throw new Error("baseline must be a JSON object");
  const { tolerance, ...fixtures } = json;
  if (tolerance !== undefined && !(typeof tolerance === "number" && tolerance >= 1)) throw new Error(`tolerance must be a number ≥ 1, got ${JSON.stringify(tolerance)}`);
  for (const [label, pipelines] of Object.entries(fixtures)) {
    if (!isObject(pipelines)) throw new Error(`baseline["${label}"] must map pipeline ids to entries`);
    for (const [id, e] of Object.entries(pipelines)) {
      const where = `baseline["${label}"]["${id}"]`;
      if (!isObject(e) || typeof e.events !== "number") throw new Error(`${where} needs a numeric "events"`);
      if (e.status !== undefined && !(typeof e.status === "string" && e.status in RANK)) throw new Error(`${where}.status must be one of ${Object.keys(RANK).join(", ")}`);
      if (e.latency_p99_s !== undefined && !(typeof e.latency_p99_s === "number" && e.latency_p99_s > 0)) throw new Error(`${where}.latency_p99_s must be a positive number of seconds`);
      const unknown = Object.keys(isObject(e.stage_budget_s) ? e.stage_budget_s : {}).filter((s) => !(TIMED_FIGURES as readonly string[]).includes(s));
      if (unknown.length) throw new Error(`${where}.stage_budget_s has unknown stages ${unknown.join(", ")} (known: ${TIMED_FIGURES.join(", ")})`);
    }
  }
  return { tolerance, fixtures: fixtures as Baseline["fixtures"] };
}

export function evaluate(matrix: Matrix, baseline: Baseline, tolerance: number, allowSkip: readonly string[] = []): { checked: string[]; violations: Violation[]; notes: string[] } {
  const checked: string[] = [];
  const violations: Violation[] = [];
  const notes: string[] = [];
  const ran = matrix.rows.filter((r) => r.ran);
  for (const row of ran) {
    if (row.silverChecksum !== null && row.silverChecksum !== row.expectedChecksum) {
      violations.push({ pipeline: row.id, metric: "silver_checksum_vs_oracle", baseline: row.expectedChecksum ?? "none", actual: row.silverChecksum, allowed: row.expectedChecksum ?? "none" });
    }
    const entry = row.fixture === null ? undefined : baseline.fixtures[row.fixture]?.[baselineKey(row)];
    if (row.status === "SKIPPED") continue; // judged below against what the baseline expects
    if (!entry) notes.push(`${baselineKey(row)}: no baseline for fixture ${row.fixture ?? "(none)"}, not gated`);
    else if (entry.events !== row.events) notes.push(`${row.id}: baseline for ${row.fixture} is for ${entry.events} events, this run had ${row.events}, not gated`);
    else {
      checked.push(row.id);
      violations.push(...check(row, entry, tolerance));
    }
  }
  // Every pipeline the baseline expects for the fixtures this run used must have run.
  for (const fixture of new Set(ran.map((r) => r.fixture).filter((f): f is string => f !== null))) {
    // A run in one mode answers for its mode's entries only.
    const modes = new Set(ran.filter((r) => r.fixture === fixture).map((r) => r.mode === "streaming"));
    for (const id of Object.keys(baseline.fixtures[fixture] ?? {}).filter((key) => modes.has(key.endsWith("@streaming")))) {
      const row = ran.find((r) => baselineKey(r) === id && r.status !== "SKIPPED" && r.fixture === fixture);
      if (row) continue;
      const why = ran.find((r) => baselineKey(r) === id)?.reason ?? "not run";
      if (allowSkip.includes(id)) notes.push(`${id}: expected by the baseline, did not run (${why}); allowed by --allow-skip`);
      else violations.push({ pipeline: id, metric: "ran", baseline: "ran", actual: `did not run: ${why}`, allowed: "ran (or --allow-skip)" });
    }
  }
  return { checked, violations, notes };
}

function check(row: MatrixRow, entry: BaselineEntry, tolerance: number): Violation[] {
  const out: Violation[] = [];
  const v = (metric: string, baseline: number | string, actual: number | string | null, allowed: number | string = baseline) => out.push({ pipeline: row.id, metric, baseline, actual, allowed });
  if (entry.status && RANK[row.status] > RANK[entry.status]) v("status", entry.status, row.status);
  if (entry.silver_rows !== undefined && row.silverRows !== entry.silver_rows) v("silver_rows", entry.silver_rows, row.silverRows);
  if (entry.silver_checksum !== undefined && row.silverChecksum !== entry.silver_checksum) v("silver_checksum", entry.silver_checksum, row.silverChecksum);
  if (entry.dbt_pass !== undefined && (row.dbtPass ?? -1) < entry.dbt_pass) v("dbt_pass", entry.dbt_pass, row.dbtPass, `≥ ${entry.dbt_pass}`);
  for (const [stage, budget] of Object.entries(entry.stage_budget_s ?? {}) as [FigureName, number][]) {
    const actual = row.stages[stage] ?? null;
    const allowed = budget * tolerance;
    if (actual === null || actual > allowed) v(`${stage}_s`, budget, actual, allowed);
  }
  if (entry.latency_p99_s !== undefined && (row.latencyP99 === null || row.latencyP99 > entry.latency_p99_s * tolerance)) {
    v("latency_p99_s", entry.latency_p99_s, row.latencyP99, entry.latency_p99_s * tolerance);
  }
  return out;
}

export function formatViolation(v: Violation): string {
  const n = (x: number | string) => (typeof x === "string" ? x : Number.isInteger(x) ? String(x) : x.toFixed(2));
  return `VIOLATION ${v.pipeline} ${v.metric}: baseline ${n(v.baseline)}, actual ${v.actual === null ? "missing" : n(v.actual)}, allowed ${n(v.allowed)}`;
}

/**
 * A new baseline from this run: each pipeline that ran (not SKIPPED) gets its status, rows,
 * checksum and dbt passes; stage budgets stay as they were (new entries get none). Returns the
 * baseline and one line per change.
 */
export function updatedBaseline(matrix: Matrix, old: Baseline): { baseline: Baseline; changes: string[] } {
  const fixtures: Baseline["fixtures"] = structuredClone(old.fixtures);
  const changes: string[] = [];
  for (const row of matrix.rows.filter((r) => r.ran && r.status !== "SKIPPED" && r.fixture !== null && r.events !== null)) {
    const key = baselineKey(row);
    const before = fixtures[row.fixture!]?.[key];
    const after: BaselineEntry = {
      events: row.events!,
      status: row.status,
      ...(row.silverRows !== null ? { silver_rows: row.silverRows } : {}),
      ...(row.silverChecksum !== null ? { silver_checksum: row.silverChecksum } : {}),
      ...(row.dbtPass !== null ? { dbt_pass: row.dbtPass } : {}),
      ...(before?.stage_budget_s ? { stage_budget_s: before.stage_budget_s } : {}),
      ...(before?.latency_p99_s !== undefined ? { latency_p99_s: before.latency_p99_s } : {}),
    };
    for (const field of ["events", "status", "silver_rows", "silver_checksum", "dbt_pass"] as const) {
      if (before?.[field] !== after[field]) changes.push(`${row.fixture} ${key} ${field}: ${before?.[field] ?? "(none)"} → ${after[field] ?? "(none)"}`);
    }
    (fixtures[row.fixture!] ??= {})[key] = after;
  }
  return { baseline: { tolerance: old.tolerance, fixtures }, changes };
}

const USAGE = "usage: harness gate [--reports DIR] [--baseline FILE] [--tolerance X] [--allow-skip ID[,ID…]] [--update]";

/** Exit code: 0 no violation, 1 violations, 2 bad input. */
export async function runGate(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        reports: { type: "string" },
        baseline: { type: "string" },
        tolerance: { type: "string" },
        "allow-skip": { type: "string", multiple: true },
        update: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      log(USAGE);
      return 0;
    }
    const matrixPath = join(values.reports ?? reportsDir(), "matrix.json");
    const baselinePath = values.baseline ?? join(projectRoot(), "reports", "baseline.json");
    if (!existsSync(matrixPath)) throw new Error(`no ${matrixPath}: run the pipeline suites first`);
    const matrix = JSON.parse(readFileSync(matrixPath, "utf8")) as Matrix;
    if (values.update) {
      const old = existsSync(baselinePath) ? parseBaseline(JSON.parse(readFileSync(baselinePath, "utf8"))) : { fixtures: {} };
      const { baseline, changes } = updatedBaseline(matrix, old);
      writeFileSync(baselinePath, `${JSON.stringify({ tolerance: baseline.tolerance, ...baseline.fixtures }, null, 2)}\n`);
      changes.forEach((c) => log(`gate: ${c}`));
      log(`gate: wrote ${baselinePath} (${changes.length} change(s))`);
      return 0;
    }
    if (!existsSync(baselinePath)) {
      log(`gate: no baseline at ${baselinePath}, nothing gated (not a failure)`);
      return 0;
    }
    const baseline = parseBaseline(JSON.parse(readFileSync(baselinePath, "utf8")));
    const tolerance = values.tolerance === undefined ? (baseline.tolerance ?? DEFAULT_TOLERANCE) : Number(values.tolerance);
    if (!(tolerance >= 1)) throw new Error(`--tolerance must be a number ≥ 1, got ${values.tolerance}`);
    const allowSkip = (values["allow-skip"] ?? []).flatMap((a) => a.split(","));

    const { checked, violations, notes } = evaluate(matrix, baseline, tolerance, allowSkip);
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

/**
 * `harness ran pNN`: a CI job that was to run a pipeline fails when the pipeline came out SKIPPED
 * or did not run at all (a job without an engine or an image must not look green).
 */
export async function runRanCheck(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { reports: { type: "string" } } });
  const [id] = positionals;
  if (!id) {
    log("usage: harness ran pNN [--reports DIR]");
    return 2;
  }
  const matrixPath = join(values.reports ?? reportsDir(), "matrix.json");
  if (!existsSync(matrixPath)) {
    log(`ran: no ${matrixPath}: ${id} did not run`);
    return 1;
  }
  const row = (JSON.parse(readFileSync(matrixPath, "utf8")) as Matrix).rows.find((r) => r.id === id);
  if (!row?.ran || row.status === "SKIPPED") {
    log(`ran: ${id} did not run: ${row?.reason ?? "not in the matrix"}`);
    return 1;
  }
  log(`ran: ${id} ${row.status}`);
  return 0;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
