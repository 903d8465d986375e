// P11: P01 (Kafka → Flink → Iceberg → dbt) observed: Flink's Prometheus reporter scraped by
// Prometheus — each operator's records in and out against the harness's own counts — and Soda's
// checks on fct_trips. Grafana (official image only) is not run here; its dashboard is committed
// (grafana/) and its queries are evaluated against Prometheus. P01's Flink SQL is reused.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { flinkBronze, flinkSilver, lakehouseDbt } from "../../harness/stacks/lakehouse/steps.js";
import { observed } from "../../harness/stacks/observed/stack.js";
import { flinkOperatorMetrics, sodaChecks } from "../../harness/stacks/observed/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export default definePipeline({
  id: "p11",
  ruleSet: "silver-core",
  stack: observed,
  ingest: produceEvents,
  bronze: flinkBronze(P01_SQL),
  silver: flinkSilver(P01_SQL),
  dbt: lakehouseDbt,
  stages: [flinkOperatorMetrics(join(import.meta.dirname, "grafana", "flink-records.json")), sodaChecks(join(import.meta.dirname, "soda", "fct_trips.yml"))],
  edgePoison: 6,
});
