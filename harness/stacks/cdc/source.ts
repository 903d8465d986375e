// The source side of a CDC pipeline: the loader (the run's events into the source table through
// multi-row INSERTs), the change script (UPDATEs/DELETEs, each statement its own transaction, rows
// affected counted) and the reader of the table's final state into DuckDB (`source_trips`, the
// silver-cdc oracle's input).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { lit, type Duck } from "../../db/duck.js";
import { TLC_COLUMNS } from "../../fixtures/schema.js";
import type { Paced } from "../../stages/produce.js";
import { loadSqlScript } from "../../stages/sql-script.js";

/** The source table's columns in order: the surrogate key, then the 19 TLC columns. */
export const SOURCE_COLUMNS = ["id", ...TLC_COLUMNS.map((c) => c.name)];
const quoted = SOURCE_COLUMNS.map((c) => `"${c}"`).join(", ");

/** PostgreSQL takes at most 65,535 bind parameters per statement: 1,000 rows × 20 columns fit. */
export const DEFAULT_BATCH_ROWS = 1_000;

/** One multi-row INSERT of `rows` (values in SOURCE_COLUMNS order) with numbered parameters. */
export function insertStatement(table: string, rows: unknown[][]): { text: string; values: unknown[] } {
  const width = SOURCE_COLUMNS.length;
  const tuples = rows.map((row, r) => {
    if (row.length !== width) throw new Error(`row ${r} has ${row.length} values, the table ${width} columns`);
    return `(${row.map((_, c) => `$${r * width + c + 1}`).join(", ")})`;
  });
  return { text: `INSERT INTO ${table} (${quoted}) VALUES ${tuples.join(", ")}`, values: rows.flat() };
}

export function batches<T>(items: T[], size: number): T[][] {
  if (size < 1) throw new Error(`batch size ${size} is not positive`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface LoadResult {
  rows: number;
  seconds: number;
  perSecond: number;
}

/**
 * Inserts the run's events (DuckDB `events`) with id = event_seq, in event order, one transaction
 * per batch. Values go as text/numbers: timestamps 'YYYY-MM-DD HH:MM:SS', BIGINTs as strings.
 */
export async function loadSource(client: pg.Client, duck: Duck, table: string, batchRows = DEFAULT_BATCH_ROWS, paced?: Paced): Promise<LoadResult> {
  const rows = await duck.rows<Record<string, unknown>>(`SELECT event_seq AS id, * EXCLUDE (event_seq) FROM events ORDER BY event_seq`);
  const values = rows.map((row) => SOURCE_COLUMNS.map((c) => row[c] ?? null));
  const t0 = performance.now();
  let done = 0;
  for (const batch of batches(values, paced?.slice ?? batchRows)) {
    if (paced) await paced.until(t0, done);
    const { text, values: params } = insertStatement(table, batch);
    await client.query(text, params);
    // Streaming: a row's "acknowledgement" is its INSERT's commit (autocommit).
    if (paced) paced.acked(batch.map((row) => Number(row[0])));
    done += batch.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rows: rows.length, seconds, perSecond: seconds > 0 ? rows.length / seconds : 0 };
}

export interface ChangeResult {
  /** Each statement's first line and the rows it changed. */
  statements: Array<{ statement: string; rows: number }>;
  /** Rows changed in all: one change event each. */
  rows: number;
  /** performance.now() when the first statement started and when the last had committed. */
  startedAt: number;
  lastCommitAt: number;
}

/** Runs a change script statement by statement, each in its own (autocommit) transaction. */
export async function runChanges(client: pg.Client, path: string, vars: Record<string, string | number> = {}): Promise<ChangeResult> {
  const statements: ChangeResult["statements"] = [];
  const startedAt = performance.now();
  for (const statement of loadSqlScript(path, vars)) {
    const result = await client.query(statement);
    const first = statement.split("\n").find((l) => l.trim() && !l.trim().startsWith("--")) ?? statement;
    statements.push({ statement: first.trim(), rows: result.rowCount ?? 0 });
  }
  return { statements, rows: statements.reduce((n, s) => n + s.rows, 0), startedAt, lastCommitAt: performance.now() };
}

/**
 * Reads the source table's current state into DuckDB table `source_trips` (id + the TLC columns
 * with their TLC types), through an NDJSON file in `workDir`. Returns its row count.
 */
export async function readSourceState(client: pg.Client, duck: Duck, table: string, workDir: string): Promise<number> {
  const select = SOURCE_COLUMNS.map((c) => {
    const kind = TLC_COLUMNS.find((t) => t.name === c)?.kind;
    // timestamps as text: pg would otherwise read them in the host's time zone
    return kind === "timestamp" ? `"${c}"::text AS "${c}"` : `"${c}"`;
  });
  const { rows } = await client.query(`SELECT ${select.join(", ")} FROM ${table} ORDER BY id`);
  const file = join(workDir, "source_trips.ndjson");
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
  const types = [`'id': 'BIGINT'`, ...TLC_COLUMNS.map((c) => `'${c.name}': '${c.sqlType}'`)].join(", ");
  await duck.run(
    `CREATE OR REPLACE TABLE source_trips AS SELECT ${quoted} FROM read_json(${lit(file)}, format = 'newline_delimited', columns = {${types}}, timestampformat = '%Y-%m-%d %H:%M:%S')`,
  );
  return Number(await duck.scalar(`SELECT count(*) FROM source_trips`));
}
