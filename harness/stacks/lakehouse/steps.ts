// The steps Flink lakehouse pipelines share: a bronze job over the bounded topic source, a silver
// job between the shared silver table and write, and dbt over silver read from Iceberg. A
// pipeline passes its own SQL files; the names of the pass (topics, namespaces) fill placeholders.
import { readFileSync } from "node:fs";
import type { RuleSet } from "../../model.js";
import type { Bronze, DbtRun, Silver, Step, StepContext } from "../../pipeline.js";
import { deadLettersSince } from "../../stages/dead-letters.js";
import { loadSqlScript } from "../../stages/sql-script.js";
import { LAKE_LAYOUT } from "../../oracle/silver-schema.js";
import { NATURAL_KEY } from "../common/natural-key.js";
import { readTable } from "../tables/read.js";
import { tripChecks, tripValues, type TripMessage } from "./trip-fields.js";
import { JOB_TIMEOUT_MS, LAKEHOUSE_SQL, type LakehouseCore, type LakehouseStack } from "./stack.js";

/** Bronze tables of every lakehouse pipeline (pipelines.md §3): Iceberg v1, unpartitioned, parquet zstd. */
const BRONZE_PROPERTIES = "'format-version' = '1', 'write.format.default' = 'parquet', 'write.parquet.compression-codec' = 'zstd'";

/**
 * The key trip_id hashes, as the oracle's rule-sets define it: the natural key as canonical text
 * (common/natural-key.sql, an expression over `silver_rows`), or for silver-cdc the source table's primary
 * key, which a CDC pipeline's `silver_rows` carries as `source_key`.
 */
const tripKey = (ruleSet: RuleSet) => (ruleSet === "silver-cdc" ? "CAST(source_key AS STRING)" : NATURAL_KEY);

/** The statement that sends the `checked` view's rejects to `dead_letters` (in bronze's statement set). */
const DEAD_LETTERS_INSERT = readFileSync(LAKEHOUSE_SQL("dead-letters-insert.sql"), "utf8").trim();

/** The placeholders of a pass: the stack's addresses, the topic read, the dead-letter topic, the namespaces. */
function vars(ctx: StepContext<LakehouseCore>): Record<string, string> {
  const { names, stack, ingested } = ctx;
  return {
    ...stack.sqlVars(),
    topic: ingested?.topic ?? names.topic,
    "dlq.topic": names.deadLetters,
    bronze: names.bronze,
    silver: names.silver,
    "bronze.properties": BRONZE_PROPERTIES,
    trip_key: tripKey(ctx.ruleSet),
  };
}

/** The statements of a stage's script: the session's (settings, catalog) first when `withSession`. */
function script(ctx: StepContext<LakehouseCore>, files: string[], extra: Record<string, string>, withSession: boolean): string[] {
  return loadSqlScript([...(withSession ? [LAKEHOUSE_SQL("session.sql")] : []), ...files], { ...vars(ctx), ...extra });
}

async function runSql(ctx: StepContext<LakehouseCore>, stage: string, statements: string[]): Promise<void> {
  const session = await ctx.stack.session();
  try {
    await session.runScript(stage, statements, JOB_TIMEOUT_MS);
  } finally {
    await session.close();
  }
}

/** A Flink lakehouse pipeline's own SQL: what its bronze and silver jobs run. */
export interface FlinkLakehouseSql {
  /** Bronze's SQL file, the table it writes in the bronze namespace, and the shape of the topic's messages. */
  bronze: { file: string; table: string; message: TripMessage };
  /** Silver's SQL file (the `silver_rows` view). */
  silver: string;
}

/**
 * Bronze's statements: the topic as a bounded source (topic-source.sql) and the dead-letter topic as
 * a sink (dead-letters.sql), then the pipeline's bronze SQL, which writes `<bronze namespace>.<table>`
 * and sends what does not fit to `dead_letters`, with the checks of `message`'s trip fields as
 * `trip.checks` and their parsed values as `trip.values`; a view `checked` (the message and its
 * `reject_reason`) feeds `dead_letters.insert`, which goes in the same statement set as bronze's
 * insert (one job reads the topic once).
 */
export function bronzeStatements(ctx: StepContext<LakehouseCore>, { bronze }: FlinkLakehouseSql, withSession = false): string[] {
  return script(ctx, [LAKEHOUSE_SQL("topic-source.sql"), LAKEHOUSE_SQL("dead-letters.sql"), bronze.file], {
    "trip.checks": tripChecks(bronze.message),
    "trip.values": tripValues(bronze.message),
    "dead_letters.insert": DEAD_LETTERS_INSERT,
  }, withSession);
}

/** Silver's statements: the shared table (Iceberg v2 by pickup_date), the pipeline's `silver_rows` view, the shared write. */
export function silverStatements(ctx: StepContext<LakehouseCore>, sql: FlinkLakehouseSql, withSession = false): string[] {
  return script(ctx, [LAKEHOUSE_SQL("silver-table.sql"), sql.silver, LAKEHOUSE_SQL("silver-insert.sql")], {}, withSession);
}

/** Bronze as written: its row count, and the dead letters written since the topic held `before`. */
export async function readBronze(ctx: StepContext<LakehouseCore>, table: string, before = 0): Promise<Bronze> {
  const { relation } = await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.bronze}.${table}` }, ctx.workDir);
  const rows = Number(await ctx.duck.scalar(`SELECT count(*) FROM ${relation}`));
  return { rows, deadLetters: await deadLettersSince(ctx.stack.kafka, ctx.names.deadLetters, before) };
}

/** Silver as written, with its schema, for the oracle. */
export async function readSilver(ctx: StepContext<LakehouseCore>): Promise<Silver> {
  return { ...(await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.silver}.cleaned_trips` }, ctx.workDir)), layout: LAKE_LAYOUT };
}

/** Bronze: the bronze job, then bronze read back with this run's dead letters. */
export function flinkBronze(sql: FlinkLakehouseSql): Step<LakehouseStack, Bronze> {
  return async (ctx) => {
    // The dead letters of this run of the job: a second run (an increment) re-reads the whole topic.
    const before = await ctx.stack.kafka.messageCount(ctx.names.deadLetters);
    await runSql(ctx, "bronze", bronzeStatements(ctx, sql));
    return readBronze(ctx, sql.bronze.table, before);
  };
}

/** Silver: the silver job, then silver read back. */
export function flinkSilver(sql: FlinkLakehouseSql): Step<LakehouseStack, Silver> {
  return async (ctx) => {
    await runSql(ctx, "silver", silverStatements(ctx, sql));
    return readSilver(ctx);
  };
}

/** dbt build of the shared project over silver read from Iceberg (the `lakehouse` target). */
export const lakehouseDbt: Step<LakehouseStack, DbtRun> = (ctx) => ctx.stack.dbt.dbt("build", "lakehouse", { source_layer: "silver" });
