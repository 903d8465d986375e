// P01, the reference pipeline: Kafka → Flink SQL (bounded jobs) → Iceberg on MinIO → dbt.
// Bronze takes every event of the topic (malformed ones go to the dead-letter topic), silver applies
// silver-core; dbt reads silver through pyiceberg.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { lakehouse } from "../../harness/stacks/lakehouse/stack.js";
import { flinkBronze, flinkSilver, lakehouseDbt } from "../../harness/stacks/lakehouse/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);

export default definePipeline({
  id: "p01",
  ruleSet: "silver-core",
  stack: lakehouse,
  ingest: produceEvents,
  bronze: flinkBronze(sql("bronze.sql"), "raw_trips", { root: "$", timestamps: "iso" }),
  silver: flinkSilver(sql("silver.sql")),
  dbt: lakehouseDbt,
  edgePoison: 6,
});
