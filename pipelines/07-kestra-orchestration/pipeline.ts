// P07: P01's pipeline (Kafka → Flink SQL → Iceberg on MinIO → dbt) run by Kestra: the flow in
// flow/flow.yml does every stage as a task; the harness creates and executes it through Kestra's API
// and checks each task's state as well as silver and dbt. Runs on the official kestra/kestra image
// only (no replica can be forged here: harness/images/specs/kestra.ts), SKIPPED where none is pulled.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { kestra } from "../../harness/stacks/orchestrated/kestra.js";
import { orchestrated } from "../../harness/stacks/orchestrated/stack.js";
import { orchestratedFlow } from "../../harness/stacks/orchestrated/steps.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export default definePipeline({
  id: "p07",
  ruleSet: "silver-core",
  stack: orchestrated(kestra, join(import.meta.dirname, "flow")),
  ...orchestratedFlow(P01_SQL),
  edgePoison: 6,
});
