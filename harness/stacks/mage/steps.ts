// The steps of a Mage pipeline: bronze triggers the pass's pipeline run through Mage's API (the
// blocks read the topic, write dead letters, and export bronze and silver into DuckDB files of the
// pass), waits for it and reads every block run's state back; a failed block fails the stage with
// Mage's log. Silver is read from that file; dbt builds the shared project over it.
import { join, relative } from "node:path";
import { logTail, waitFor } from "../../components/container.js";
import { DBT_RUN_DIR } from "../../components/dbt.js";
import { MAGE_RUN_DIR, StartedMageContainer, type MageBlockRun } from "../../components/mage.js";
import { copyTable } from "../../db/duck.js";
import { StageError } from "../../errors.js";
import type { Bronze, DbtRun, Silver, Step, StepContext } from "../../pipeline.js";
import { heartbeat } from "../../runtime/exec.js";
import { deadLettersSince } from "../../stages/dead-letters.js";
import type { MageStack } from "./stack.js";

const RUN_TIMEOUT_MS = 180_000;
/** A DuckDB file of the pass (one per layer; not named after its schema, which DuckDB would find ambiguous): on the host, and as Mage and dbt see it. */
function passFile(ctx: StepContext<MageStack>, layer: "bronze" | "silver") {
  const inRun = relative(ctx.stack.workDir, join(ctx.workDir, `${layer}-layer.duckdb`));
  return { host: join(ctx.workDir, `${layer}-layer.duckdb`), mage: `${MAGE_RUN_DIR}/${inRun}`, dbt: `${DBT_RUN_DIR}/${inRun}` };
}

const seconds = (b: MageBlockRun) => (b.started_at && b.completed_at ? (Date.parse(b.completed_at) - Date.parse(b.started_at)) / 1000 : null);

/** Bronze: the pass's pipeline run, triggered and awaited; bronze.raw_trips and the dead letters it left. */
export const mageBronze: Step<MageStack, Bronze> = async (ctx) => {
  const { mage, kafka } = ctx.stack;
  const before = await kafka.messageCount(ctx.names.deadLetters);
  const variables = { bootstrap_servers: kafka.internalBootstrapServers, topic: ctx.names.topic, dead_letters: ctx.names.deadLetters, group: `${ctx.pipelineId}-${ctx.names.scenario}`, bronze_path: passFile(ctx, "bronze").mage, silver_path: passFile(ctx, "silver").mage };
  const runId = await ctx.stack.trigger(variables);
  let status = "initial";
  const stop = heartbeat(10, () => `bronze: Mage run ${runId} ${status}`);
  const run = await waitFor(`Mage run ${runId} to end`, RUN_TIMEOUT_MS, async () => {
    const r = await mage.run(runId);
    status = r.status;
    return StartedMageContainer.ended(r) ? r : undefined;
  })
    .catch(async (err: Error) => {
      const blocks = await mage.blockRuns(runId).catch(() => []);
      const states = blocks.map((b) => `${b.block_uuid} ${b.status}`).join(", ");
      throw new StageError("bronze", `${err.message} (run ${status}; blocks: ${states})`, mage.name, await logTail(mage.container, 40));
    })
    .finally(stop);
  const blocks = await mage.blockRuns(runId);
  ctx.note(`Mage run ${runId} ${run.status}: ${blocks.map((b) => `${b.block_uuid} ${b.status} ${seconds(b)?.toFixed(1) ?? "?"} s`).join(", ")}`);
  if (run.status !== "completed") {
    const failed = blocks.find((b) => b.status !== "completed");
    throw new StageError("bronze", `block ${failed?.block_uuid ?? "?"} ${failed?.status ?? "?"} in Mage run ${runId} (${run.status})`, mage.name, await logTail(mage.container, 40));
  }
  await copyTable(ctx.duck, passFile(ctx, "bronze").host, "raw_trips", `mage_bronze_${ctx.names.scenario}`);
  const rows = Number(await ctx.duck.scalar(`SELECT count(*) FROM mage_bronze_${ctx.names.scenario}`));
  return { rows, deadLetters: await deadLettersSince(kafka, ctx.names.deadLetters, before) };
};

/** Silver: silver.cleaned_trips of the pass's silver DuckDB file, with its columns' types as DuckDB stores them. */
export const mageSilver: Step<MageStack, Silver> = async (ctx) => {
  const table = await copyTable(ctx.duck, passFile(ctx, "silver").host, "cleaned_trips", `mage_silver_${ctx.names.scenario}`);
  const columns = await ctx.duck.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`);
  return { relation: table, schema: { columns: columns.map((c) => [c.column_name, c.column_type]) } };
};

/** dbt over the pass's silver file, attached read-only (target duckdb_file, source duckdb_silver). */
export const mageDbt: Step<MageStack, DbtRun> = (ctx) =>
  ctx.stack.dbt.dbt("build", "duckdb_file", { source_layer: "silver", silver_source: "duckdb_silver" }, [], { HARNESS_SILVER_DUCKDB: passFile(ctx, "silver").dbt });
