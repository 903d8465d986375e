// The local stack (P00): no containers. The events file is the bronze layer, dbt-duckdb from the
// project's virtualenv reads it, and its staging model is silver.
import { join } from "node:path";
import { LocalDbt } from "../components/dbt.js";
import { copyTable, lit } from "../db/duck.js";
import { writeEventsParquet } from "../fixtures/events.js";
import type { DbtRun, Ingested, Silver, StackDefinition, StartedStack, Step, StepContext } from "../pipeline.js";

export type LocalStack = StartedStack;

export const local: StackDefinition<LocalStack> = {
  name: "local dbt-duckdb",
  images: [],
  start: async () => ({ containers: () => [], stop: async () => undefined }),
};

const eventsPath = (ctx: StepContext<LocalStack>) => join(ctx.workDir, "events.parquet");
const raw = (ctx: StepContext<LocalStack>) => ({ HARNESS_EVENTS_PATH: eventsPath(ctx) });

/** Ingestion: the pass's events written as the parquet file dbt reads. */
export const eventsFile: Step<LocalStack, Ingested> = async (ctx) => {
  const t0 = performance.now();
  await writeEventsParquet(ctx.duck, eventsPath(ctx));
  return { messages: ctx.events, seconds: (performance.now() - t0) / 1000, expectedBronze: ctx.events, expectedDeadLetters: 0 };
};

/** Bronze: the events file as written. */
export const eventsFileRows: Step<LocalStack, { rows: number }> = async (ctx) => ({
  rows: Number(await ctx.duck.scalar(`SELECT count(*) FROM read_parquet(${lit(eventsPath(ctx))})`)),
});

/** Silver: dbt's staging model built over the events file (`model` names it), read from dbt's DuckDB file. */
export function dbtStagingModel(model: string): Step<LocalStack, Silver> {
  return async (ctx) => {
    const { duckdbPath, summary, logTail } = await new LocalDbt(ctx.workDir).dbt("run", "duckdb", { source_layer: "raw" }, raw(ctx), ["--select", model]);
    const failed = summary.nodes.filter((n) => n.outcome !== "pass");
    if (failed.length || !summary.nodes.length) throw new Error(`dbt run --select ${model} failed: ${failed.map((n) => n.message).join("; ") || logTail}`);
    const relation = await copyTable(ctx.duck, duckdbPath, model, `produced_${model}`);
    const columns = await ctx.duck.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${relation}`);
    return { relation, schema: { columns: columns.map((c) => [c.column_name, c.column_type]) } };
  };
}

/** dbt build of the shared project over the events file. */
export const localDbt: Step<LocalStack, DbtRun> = (ctx) => new LocalDbt(ctx.workDir).dbt("build", "duckdb", { source_layer: "raw" }, raw(ctx));
