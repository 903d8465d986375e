// The steps the Spark pipelines share: a bronze job (Structured Streaming, available-now trigger) into
// the pipeline's bronze table, a silver job (silver-core, then the pipeline's write), and dbt over
// silver read through the table format's own reader. A pipeline passes its format and its SQL files;
// the pass's names (topics, namespaces), the tables and their column lists fill placeholders.
import { join } from "node:path";
import { TLC_COLUMNS } from "../../fixtures/schema.js";
import { SILVER_COLUMNS, type SilverKind, type TableLayout } from "../../oracle/silver-schema.js";
import type { Bronze, DbtRun, Silver, Step, StepContext } from "../../pipeline.js";
import { deadLettersSince } from "../../stages/dead-letters.js";
import { loadSqlScript } from "../../stages/sql-script.js";
import { NATURAL_KEY } from "../common/natural-key.js";
import { dataFileRows, readTable } from "../tables/read.js";
import type { SparkFormat } from "./formats.js";
import type { SparkStack } from "./stack.js";

/** Bounds of a Spark job, so a stuck job fails its stage, not the whole run. */
export const SPARK_JOB_TIMEOUT_MS = 300_000;

const SPARK_SQL = (file: string) => join(import.meta.dirname, "sql", file);

const TLC_TYPE: Record<string, string> = { INTEGER: "INT", BIGINT: "BIGINT", DOUBLE: "DOUBLE", VARCHAR: "STRING" };
const SILVER_TYPE: Record<Exclude<SilverKind, "timestamp">, string> = { text: "STRING", int: "INT", double: "DOUBLE", money: "DECIMAL(10, 2)", date: "DATE", bool: "BOOLEAN" };

/**
 * Column lists of the tables, from the harness's one definition of each (fixtures/schema.ts for the
 * 19 TLC fields, oracle/silver-schema.ts for silver), in the format's types: bronze is the fields as
 * received plus ingestion time and Kafka position; silver may add the ingestion time (Hudi's precombine field).
 */
function columns(format: SparkFormat): Record<string, string> {
  const list = (cols: Array<[string, string]>) => cols.map(([name, type]) => `${name} ${type}`).join(",\n  ");
  const bronze: Array<[string, string]> = [
    ...TLC_COLUMNS.map((c): [string, string] => [c.name, c.kind === "timestamp" ? format.timestamp : TLC_TYPE[c.sqlType]!]),
    ["ingestion_ts", format.timestamp],
    ["kafka_partition", "INT"],
    ["kafka_offset", "BIGINT"],
  ];
  const silver = SILVER_COLUMNS.map(([name, kind]): [string, string] => [name, kind === "timestamp" ? format.timestamp : SILVER_TYPE[kind]]);
  return { "bronze.columns": list(bronze), "silver.columns": list(silver), "silver.columns_ingested": list([...silver, ["ingestion_ts", format.timestamp]]) };
}

/** The placeholders of a pass: namespaces, the bronze and silver tables as SQL names them, their paths and columns. */
function vars(ctx: StepContext<SparkStack>, format: SparkFormat): Record<string, string> {
  const bronze = format.table(ctx.names.bronze, "raw_trips");
  const silver = format.table(ctx.names.silver, "cleaned_trips");
  return {
    ...columns(format),
    timestamp: format.timestamp,
    bronze: ctx.names.bronze,
    silver: ctx.names.silver,
    "bronze.table": bronze.sql,
    "bronze.path": bronze.path,
    "silver.table": silver.sql,
    "silver.path": silver.path,
    natural_key: NATURAL_KEY,
  };
}

interface JobSpec {
  setup: string[];
  stream?: { bootstrap: string; topic: string; deadLetters: string; columns: typeof TLC_COLUMNS; checkpoint: string };
  batch?: string[];
}

/** Submits job.py with `spec` (JOB.json) in the stack's application for `format` (or, with HARNESS_SPARK_JOBS=submit, an application of its own). */
async function runJob(ctx: StepContext<SparkStack>, stage: string, format: SparkFormat, spec: JobSpec): Promise<void> {
  const name = `${ctx.pipelineId}-${ctx.names.scenario}-${stage}`;
  const started = performance.now();
  const { report } = await ctx.stack.runJob(stage, format, { name, ...spec, setup: [...format.session, ...spec.setup] }, SPARK_JOB_TIMEOUT_MS);
  // Where a job's time goes: its wall time here, and the driver's own laps (the rest is JVM and Python start, or waiting for the application).
  const laps = Object.entries((report.seconds ?? {}) as Record<string, number>).map(([k, v]) => `${k} ${v}`);
  ctx.note(`spark job ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s (driver: ${laps.join(", ")})`);
}

/**
 * Bronze: the pipeline's `table` SQL (run once: the bronze table), then the topic read from the
 * earliest to the latest offset with an available-now trigger; each micro-batch is checked into the
 * view `checked` (trip fields, reject_reason, ingestion_ts, kafka_partition, kafka_offset) and the
 * stack's bronze-insert.sql writes its accepted rows; rejects go to the dead-letter topic. Reads back
 * bronze's row count and the dead letters this run wrote.
 */
export function sparkBronze(format: SparkFormat, table: string): Step<SparkStack, Bronze> {
  return async (ctx) => {
    const { kafka } = ctx.stack;
    const dlq = ctx.names.deadLetters;
    const before = await kafka.messageCount(dlq);
    const v = vars(ctx, format);
    await runJob(ctx, "bronze", format, {
      setup: loadSqlScript(table, v),
      stream: {
        bootstrap: kafka.internalBootstrapServers,
        topic: ctx.ingested?.topic ?? ctx.names.topic,
        deadLetters: dlq,
        columns: TLC_COLUMNS,
        // a new checkpoint per job: each run reads the topic from its earliest offset
        checkpoint: `/tmp/checkpoints/${ctx.names.scenario}-${Date.now()}`,
      },
      batch: loadSqlScript(SPARK_SQL("bronze-insert.sql"), v),
    });
    const { relation } = await readTable(ctx.stack, format.table(ctx.names.bronze, "raw_trips").ref, ctx.workDir);
    const rows = Number(await ctx.duck.scalar(`SELECT count(*) FROM ${relation}`));
    return { rows, deadLetters: await deadLettersSince(kafka, dlq, before) };
  };
}

/** Silver: silver-core over bronze (the stack's silver-core.sql: views `silver_rows`, `silver_rows_ingested`), then the pipeline's write. */
export function sparkSilver(format: SparkFormat, file: string, layout?: TableLayout): Step<SparkStack, Silver> {
  return async (ctx) => {
    const setup = [...format.register(ctx.names.bronze, "raw_trips"), ...loadSqlScript([SPARK_SQL("silver-core.sql"), file], vars(ctx, format))];
    await runJob(ctx, "silver", format, { setup });
    return { ...(await readTable(ctx.stack, format.table(ctx.names.silver, "cleaned_trips").ref, ctx.workDir)), layout };
  };
}

/** The rows all data files under silver's location hold (every version: what a file glob returns). */
export function sparkSilverFiles(format: SparkFormat): Step<SparkStack, number> {
  return async (ctx) => (await dataFileRows(ctx.stack, format.table(ctx.names.silver, "cleaned_trips").location)).rows;
}

/** dbt build of the shared project over silver as the format's reader returns it (the format's dbt source). */
export function sparkDbt(format: SparkFormat): Step<SparkStack, DbtRun> {
  return (ctx) => {
    const silver = format.table(ctx.names.silver, "cleaned_trips").ref;
    return ctx.stack.dbt.dbt("build", "lakehouse", { source_layer: "silver", silver_source: format.dbtSource, silver_path: silver.name });
  };
}
