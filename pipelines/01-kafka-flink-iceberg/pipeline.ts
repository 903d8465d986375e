// P01, the reference pipeline: Kafka → Flink SQL (one bounded job writing bronze and silver, or an
// unbounded one in streaming mode) → Iceberg on MinIO → dbt.
// Bronze takes every event of the topic (malformed ones go to the dead-letter topic), silver applies
// silver-core; dbt reads silver through pyiceberg.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { lakehouse } from "../../harness/stacks/lakehouse/stack.js";
import { flinkOneJob, flinkStreaming, lakehouseDbt, type FlinkLakehouseSql } from "../../harness/stacks/lakehouse/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);

/** P01's Flink SQL: the orchestrated pipelines (P07–P09, P18) run the same files as their tasks (bronze, then silver). */
export const P01_SQL: FlinkLakehouseSql = {
  bronze: { file: sql("bronze.sql"), table: "raw_trips", message: { root: "$", timestamps: "iso" } },
  silver: sql("silver.sql"),
};

export default definePipeline({
  id: "p01",
  ruleSet: "silver-core",
  stack: lakehouse,
  ingest: produceEvents,
  ...flinkOneJob(P01_SQL),
  dbt: lakehouseDbt,
  edgePoison: 6,
  streaming: flinkStreaming(P01_SQL),
});
