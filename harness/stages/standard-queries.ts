// The standard queries (pipelines.md §7) for gold and every serving engine: Q1 daily revenue, Q2
// top-10 pickup zones, Q3 hour × weekday heatmap, Q4 payment breakdown. Each engine runs its own
// dialect of them; the protocol is the same everywhere (10 runs in a row, the first 2 discarded,
// p50/p95/p99 of the rest), and each answer is checked against the reference: the query as written
// here, run by DuckDB over the data that engine serves (the oracle's events for an engine fed from
// the topic, the oracle's gold trips for dbt's gold), so answers agree across engines on the same data.
import { readFileSync } from "node:fs";
import type { Duck } from "../db/duck.js";
import type { QueryTiming } from "../model.js";

export type QueryId = "Q1" | "Q2" | "Q3" | "Q4";

/** How a column of an answer is compared: dates and integers exactly, money to the cent. */
export type AnswerKind = "date" | "int" | "money";

export interface StandardQuery {
  id: QueryId;
  title: string;
  /** The answer's columns, in order: every engine's dialect returns these. */
  columns: ReadonlyArray<readonly [string, AnswerKind]>;
  /**
   * The query in DuckDB over `{trips}`, a relation of one row per trip with pickup_datetime
   * (TIMESTAMP), pickup_location_id, payment_type_id (INTEGER), total_amount and tip_amount.
   */
  sql: string;
}

export const STANDARD_QUERIES: readonly StandardQuery[] = [
  {
    id: "Q1",
    title: "daily revenue",
    columns: [["day", "date"], ["trips", "int"], ["revenue", "money"]],
    sql: `SELECT CAST(pickup_datetime AS DATE) AS day, count(*) AS trips, sum(total_amount) AS revenue FROM {trips} GROUP BY 1 ORDER BY 1`,
  },
  {
    id: "Q2",
    title: "top-10 pickup zones",
    columns: [["pickup_location_id", "int"], ["trips", "int"], ["revenue", "money"]],
    // Ties broken by the zone's id, so every engine's top 10 is the same ten.
    sql: `SELECT pickup_location_id, count(*) AS trips, sum(total_amount) AS revenue FROM {trips} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
  },
  {
    id: "Q3",
    title: "hour × weekday heatmap",
    // ISO weekday: 1 Monday … 7 Sunday.
    columns: [["weekday", "int"], ["hour", "int"], ["trips", "int"]],
    sql: `SELECT isodow(pickup_datetime) AS weekday, hour(pickup_datetime) AS hour, count(*) AS trips FROM {trips} GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    id: "Q4",
    title: "payment breakdown",
    columns: [["payment_type_id", "int"], ["trips", "int"], ["revenue", "money"], ["tips", "money"]],
    sql: `SELECT payment_type_id, count(*) AS trips, sum(total_amount) AS revenue, sum(tip_amount) AS tips FROM {trips} GROUP BY 1 ORDER BY 1 NULLS FIRST`,
  },
];

/**
 * An engine's dialect of the standard queries: a SQL file with one query after each `-- Q1` … `-- Q4`
 * header line (the rest of the header line is a comment), ${…} placeholders filled from `vars`.
 */
export function loadDialect(file: string, vars: Record<string, string> = {}): Record<QueryId, string> {
  const text = readFileSync(file, "utf8").replace(/\$\{([A-Za-z0-9_.]+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`${file}: placeholder \${${name}} has no value`);
    return vars[name]!;
  });
  const found: Partial<Record<QueryId, string>> = {};
  let current: QueryId | null = null;
  for (const line of text.split("\n")) {
    const header = /^--\s*(Q[1-4])\b/.exec(line);
    if (header) current = header[1] as QueryId;
    else if (current && !/^\s*--/.test(line)) found[current] = `${found[current] ?? ""}${line}\n`;
  }
  const missing = STANDARD_QUERIES.map((q) => q.id).filter((id) => !found[id]?.trim());
  if (missing.length) throw new Error(`${file} has no query for ${missing.join(", ")}`);
  return Object.fromEntries(Object.entries(found).map(([id, sql]) => [id, sql.trim().replace(/;$/, "")])) as Record<QueryId, string>;
}

/** The oracle's events as `{trips}`: the reference for an engine that ingests the topic (every valid event, no silver rule). */
export const EVENT_TRIPS = `(SELECT tpep_pickup_datetime AS pickup_datetime, CAST(PULocationID AS INTEGER) AS pickup_location_id, CAST(payment_type AS INTEGER) AS payment_type_id, total_amount, tip_amount FROM events)`;

export const RUNS = 10;
export const DISCARDED = 2;

/** One engine's answers: each query in its dialect, returned as rows of the query's columns in order. */
export interface QueryEngine {
  name: string;
  /** The reference's trips: a DuckDB relation in the oracle's database over the data this engine serves. */
  reference: { relation: string; label: string };
  run(query: StandardQuery): Promise<unknown[][]>;
}

export type Answer = Array<Array<string | number | null>>;

/** An answer in comparable form: dates as YYYY-MM-DD, integers as numbers, money as numbers (compared to the cent). */
export function normalize(query: StandardQuery, rows: unknown[][]): Answer {
  return rows.map((row, r) => {
    if (row.length !== query.columns.length) throw new Error(`${query.id}: row ${r + 1} has ${row.length} columns, the query ${query.columns.length}`);
    return query.columns.map(([name, kind], i) => {
      const v = row[i];
      if (v === null || v === undefined) return null;
      if (kind === "date") {
        const text = v instanceof Date ? v.toISOString() : String(v);
        if (!/^\d{4}-\d\d-\d\d/.test(text)) throw new Error(`${query.id}: ${name} ${JSON.stringify(v)} is not a date`);
        return text.slice(0, 10);
      }
      const n = typeof v === "bigint" ? Number(v) : Number(v);
      if (!Number.isFinite(n)) throw new Error(`${query.id}: ${name} ${JSON.stringify(v)} is not a number`);
      return n;
    });
  });
}

/**
 * The first difference between two answers, or null. Money agrees to the cent: engines sum doubles
 * in their own order (Druid's doubleSum) or decimals exactly (gold), which may differ past the cent.
 */
export function answerDifference(query: StandardQuery, actual: Answer, expected: Answer): string | null {
  if (actual.length !== expected.length) return `${actual.length} rows, the reference ${expected.length}`;
  for (let r = 0; r < expected.length; r++) {
    for (let c = 0; c < query.columns.length; c++) {
      const [name, kind] = query.columns[c]!;
      const [a, e] = [actual[r]![c], expected[r]![c]];
      const same = a === e || (kind === "money" && typeof a === "number" && typeof e === "number" && Math.abs(a - e) < 0.005 + 1e-9);
      if (!same) return `row ${r + 1} ${name}: ${a} where the reference has ${e} (reference row ${JSON.stringify(expected[r])})`;
    }
  }
  return null;
}

/** Percentile by linear interpolation between closest ranks (numpy's default), of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The reference answer: the query as written here, in the oracle's DuckDB over `relation`. */
export async function referenceAnswer(duck: Duck, query: StandardQuery, relation: string): Promise<Answer> {
  const rows = await duck.values<Record<string, unknown>>(query.sql.replaceAll("{trips}", relation));
  return normalize(query, rows.map((r) => query.columns.map(([name]) => r[name])));
}

/** The protocol for one engine: each query RUNS times in a row, timed; the last answer checked against the reference. */
export async function benchmarkQueries(duck: Duck, engine: QueryEngine, queries = STANDARD_QUERIES): Promise<QueryTiming[]> {
  const timings: QueryTiming[] = [];
  for (const query of queries) {
    const seconds: number[] = [];
    let rows: unknown[][] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      rows = await engine.run(query);
      seconds.push((performance.now() - t0) / 1000);
    }
    const kept = seconds.slice(DISCARDED).sort((a, b) => a - b);
    const expected = await referenceAnswer(duck, query, engine.reference.relation);
    timings.push({
      engine: engine.name,
      query: query.id,
      title: query.title,
      seconds,
      discarded: DISCARDED,
      p50: percentile(kept, 0.5),
      p95: percentile(kept, 0.95),
      p99: percentile(kept, 0.99),
      rows: rows.length,
      reference: engine.reference.label,
      difference: answerDifference(query, normalize(query, rows), expected),
    });
  }
  return timings;
}

/** DuckDB as a serving engine: the standard queries as written, over a table of a DuckDB file (dbt's gold), opened read-only. */
export function duckdbEngine(name: string, open: () => Promise<Duck>, relation: string, reference: QueryEngine["reference"]): QueryEngine & { close(): Promise<void> } {
  let db: Promise<Duck> | undefined;
  return {
    name,
    reference,
    async run(query) {
      db ??= open();
      const rows = await (await db).values<Record<string, unknown>>(query.sql.replaceAll("{trips}", relation));
      return rows.map((r) => query.columns.map(([column]) => r[column]));
    },
    async close() {
      (await db)?.close();
    },
  };
}
