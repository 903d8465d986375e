// The serving pipelines' steps: ingestion that also starts the engine's consumption of the topic,
// and the declared serving stage — the engine holds every event, and the standard queries answer on
// it and on dbt's gold as DuckDB answers them over the same data.
import { Duck } from "../../db/duck.js";
import type { ExtraStage, Ingested, Step } from "../../pipeline.js";
import { produceEvents } from "../../stages/produce.js";
import { benchmarkQueries, duckdbEngine } from "../../stages/standard-queries.js";
import { flinkBronze, flinkSilver, lakehouseDbt, type FlinkLakehouseSql } from "../lakehouse/steps.js";
import type { ServingStack } from "./stack.js";

/** How long the engine may take to hold the events after the serving stage starts waiting. */
const CONSUME_TIMEOUT_MS = 240_000;

/** The events produced as in every Kafka pipeline; on the main pass the engine then starts consuming the topic. */
export const servingIngest: Step<ServingStack, Ingested> = async (ctx) => {
  const ingested = await produceEvents(ctx);
  if (ctx.names.scenario === "main") await ctx.stack.serving.consume(ctx.names.topic, ctx.stack.kafka.internalBootstrapServers);
  return ingested;
};

export const servingQueries: ExtraStage<ServingStack> = {
  name: "serving",
  kind: "core",
  title: "serving: the engine holds every event, and the standard queries answer on it and on dbt's gold as DuckDB does over the same data",
  run: async (ctx) => {
    const engine = ctx.stack.serving;
    const ingested = ctx.ingested;
    const dbt = ctx.dbt;
    if (!ingested || !dbt) throw new Error("the serving stage needs the ingestion and dbt's gold: an earlier stage did not complete");
    const counts = await engine.awaitConsumed(ingested.messages, CONSUME_TIMEOUT_MS);
    ctx.note(`${engine.name}: ${counts.rows} rows stand for ${counts.events} events${counts.unparseable === null ? "" : `, ${counts.unparseable} messages unparseable`} (${ingested.messages} messages in ${ctx.names.topic}); ${counts.storage}`);
    if (counts.events !== ctx.events) {
      const malformed = ingested.messages - ctx.events;
      const extra = counts.events - ctx.events;
      const why = extra > 0 && extra <= malformed ? `: ${extra} of the ${malformed} malformed messages became rows (${engine.name} reads the raw topic and checks no field's type)` : "";
      throw new Error(`${engine.name} holds ${counts.events} events, the topic ${ctx.events} valid ones${why}`);
    }

    const gold = duckdbEngine("gold (DuckDB)", () => Duck.open(dbt.duckdbPath, { readOnly: true }), "fct_trips", { relation: await ctx.oracle.goldTrips(), label: "the oracle's silver kept by §4's rules for fct_trips" });
    try {
      const timings = [...(await benchmarkQueries(ctx.duck, gold)), ...(await benchmarkQueries(ctx.duck, engine.queries))];
      ctx.record({ queries: timings });
      const differing = timings.filter((t) => t.difference !== null);
      if (differing.length) throw new Error(`answers differ from the reference: ${differing.map((t) => `${t.query} on ${t.engine}: ${t.difference}`).join("; ")}`);
    } finally {
      await gold.close();
    }
  },
};

/** A serving pipeline's steps on P01's stack with `sql` (P01's Flink SQL): ingestion that starts the engine, the Flink jobs, dbt, and the serving stage. */
export function servingFlow(sql: FlinkLakehouseSql) {
  return { ingest: servingIngest, bronze: flinkBronze(sql), silver: flinkSilver(sql), dbt: lakehouseDbt, stages: [servingQueries] };
}
