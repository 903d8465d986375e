// The steps Flink lakehouse pipelines share: a bronze job over the bounded topic source, a silver
// job between the shared silver table and write, and dbt over silver read from Iceberg. A
// pipeline passes its own SQL files; the names of the pass (topics, namespaces) fill placeholders.
import type { Bronze, DbtRun, Silver, Step, StepContext } from "../../pipeline.js";
import { loadSqlScript } from "../../stages/sql-script.js";
import { LAKE_LAYOUT } from "../../oracle/silver-schema.js";
import { icebergTable } from "./iceberg.js";
import { JOB_TIMEOUT_MS, LAKEHOUSE_SQL, type LakehouseStack } from "./stack.js";

/** Bronze tables of every lakehouse pipeline (pipelines.md §3): Iceberg v1, unpartitioned, parquet zstd. */
const BRONZE_PROPERTIES = "'format-version' = '1', 'write.format.default' = 'parquet', 'write.parquet.compression-codec' = 'zstd'";

/** The placeholders of a pass: the stack's addresses, the topic read, the dead-letter topic, the namespaces. */
function vars(ctx: StepContext<LakehouseStack>): Record<string, string> {
  const { names, stack, ingested } = ctx;
  return { ...stack.sqlVars(), topic: ingested?.topic ?? names.topic, "dlq.topic": names.deadLetters, bronze: names.bronze, silver: names.silver, "bronze.properties": BRONZE_PROPERTIES };
}

async function runSql(ctx: StepContext<LakehouseStack>, stage: string, files: string[]): Promise<void> {
  const session = await ctx.stack.session(ctx.names.scenario);
  await session.runScript(stage, loadSqlScript(files, vars(ctx)), JOB_TIMEOUT_MS);
}

/**
 * Bronze: the topic as a bounded source (topic-source.sql), then the pipeline's bronze SQL, which
 * writes `<bronze namespace>.<table>`. Reads back its row count and the dead-letter topic.
 */
export function flinkBronze(file: string, table: string, options: { deadLetters: boolean }): Step<LakehouseStack, Bronze> {
  return async (ctx) => {
    await runSql(ctx, "bronze", [LAKEHOUSE_SQL("topic-source.sql"), file]);
    const { relation } = await icebergTable(ctx.stack, `${ctx.names.bronze}.${table}`, ctx.workDir);
    const rows = Number(await ctx.duck.scalar(`SELECT count(*) FROM ${relation}`));
    if (!options.deadLetters) return { rows };
    const { kafka } = ctx.stack;
    const dead = await kafka.readMessages(ctx.names.deadLetters, await kafka.messageCount(ctx.names.deadLetters));
    const letters = dead.map((m) => JSON.parse(m.value) as { raw_value?: string | null; reason?: string });
    return { rows, deadLetters: letters.map((d) => ({ raw: d.raw_value ?? null, reason: d.reason ?? "" })) };
  };
}

/** Silver: the shared table (Iceberg v2 by pickup_date), the pipeline's `silver_rows` view, the shared write. */
export function flinkSilver(file: string): Step<LakehouseStack, Silver> {
  return async (ctx) => {
    await runSql(ctx, "silver", [LAKEHOUSE_SQL("silver-table.sql"), file, LAKEHOUSE_SQL("silver-insert.sql")]);
    return { ...(await icebergTable(ctx.stack, `${ctx.names.silver}.cleaned_trips`, ctx.workDir)), layout: LAKE_LAYOUT };
  };
}

/** dbt build of the shared project over silver read from Iceberg (the `lakehouse` target). */
export const lakehouseDbt: Step<LakehouseStack, DbtRun> = (ctx) => ctx.stack.dbt.dbt("build", "lakehouse", { source_layer: "silver" });
