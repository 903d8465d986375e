// P17: P01 (Kafka → Flink → Iceberg → dbt) with Druid serving the topic: a Kafka supervisor ingests
// taxi.raw_trips into datasource taxi_trips (DAY segments, HOUR query granularity, rollup), and the
// standard queries answer on Druid and on dbt's gold. P01's Flink SQL is reused, not copied.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { druidEngine } from "../../harness/stacks/serving/druid.js";
import { serving } from "../../harness/stacks/serving/stack.js";
import { servingFlow } from "../../harness/stacks/serving/steps.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

const druid = (file: string) => join(import.meta.dirname, "druid", file);

export default definePipeline({
  id: "p17",
  ruleSet: "silver-core",
  stack: serving(druidEngine({ supervisor: druid("supervisor.json"), queries: druid("queries.sql") })),
  ...servingFlow(P01_SQL),
  edgePoison: 6,
});
