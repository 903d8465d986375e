// P16: P01 (Kafka → Flink → Iceberg → dbt) with Pinot serving the topic: a REALTIME table
// consuming taxi.raw_trips, Pinot's row count = the events, and the standard queries on Pinot and
// on dbt's gold. Kafka in place of Redpanda (the catalog's broker, an official image only): the
// same Kafka API, a different broker, so this is P16 "on Kafka" and its reports say so.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { pinotEngine } from "../../harness/stacks/serving/pinot.js";
import { serving } from "../../harness/stacks/serving/stack.js";
import { servingFlow } from "../../harness/stacks/serving/steps.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

const pinot = (file: string) => join(import.meta.dirname, "pinot", file);

export default definePipeline({
  id: "p16",
  ruleSet: "silver-core",
  stack: serving(pinotEngine({ table: pinot("table.json"), queries: pinot("queries.sql") })),
  ...servingFlow(P01_SQL),
  edgePoison: 6,
});
