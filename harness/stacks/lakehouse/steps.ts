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
import { JOB_TIMEOUT_MS, LAKEHOUSE_SQL, type LakehouseStack } from "./stack.js";

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
function vars(ctx: StepContext<LakehouseStack>): Record<string, string> {
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

async function runSql(ctx: StepContext<LakehouseStack>, stage: string, files: string[], extra: Record<string, string> = {}): Promise<void> {
  const session = await ctx.stack.session();
  try {
    await session.runScript(stage, loadSqlScript(files, { ...vars(ctx), ...extra }), JOB_TIMEOUT_MS);
  } finally {
    await session.close();
  }
}

/**
 * Bronze: the topic as a bounded source (topic-source.sql) and the dead-letter topic as a sink
 * (dead-letters.sql), then the pipeline's bronze SQL, which writes `<bronze namespace>.<table>`
 * and sends what does not fit to `dead_letters`, with the
 * checks of `message`'s trip fields as `trip.checks` and their parsed values as `trip.values`; a
 * view `checked` (the message and its `reject_reason`) feeds `dead_letters.insert`, which goes in
 * the same statement set as bronze's insert (one job reads the topic once).
 * Reads back bronze's row count and the dead letters this run wrote.
 */
export function flinkBronze(file: string, table: string, message: TripMessage): Step<LakehouseStack, Bronze> {
  return async (ctx) => {
    const { kafka } = ctx.stack;
    const dlq = ctx.names.deadLetters;
    // The dead letters of this run of the job: a second run (an increment) re-reads the whole topic.
    const before = await kafka.messageCount(dlq);
    await runSql(ctx, "bronze", [LAKEHOUSE_SQL("topic-source.sql"), LAKEHOUSE_SQL("dead-letters.sql"), file], {
      "trip.checks": tripChecks(message),
      "trip.values": tripValues(message),
      "dead_letters.insert": DEAD_LETTERS_INSERT,
    });
    const { relation } = await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.bronze}.${table}` }, ctx.workDir);
    const rows = Number(await ctx.duck.scalar(`SELECT count(*) FROM ${relation}`));
    return { rows, deadLetters: await deadLettersSince(kafka, dlq, before) };
  };
}

/** Silver: the shared table (Iceberg v2 by pickup_date), the pipeline's `silver_rows` view, the shared write. */
export function flinkSilver(file: string): Step<LakehouseStack, Silver> {
  return async (ctx) => {
    await runSql(ctx, "silver", [LAKEHOUSE_SQL("silver-table.sql"), file, LAKEHOUSE_SQL("silver-insert.sql")]);
    return { ...(await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.silver}.cleaned_trips` }, ctx.workDir)), layout: LAKE_LAYOUT };
  };
}

/** dbt build of the shared project over silver read from Iceberg (the `lakehouse` target). */
export const lakehouseDbt: Step<LakehouseStack, DbtRun> = (ctx) => ctx.stack.dbt.dbt("build", "lakehouse", { source_layer: "silver" });
