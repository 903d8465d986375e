// P18: P01's pipeline (Kafka → Flink SQL → Iceberg on MinIO → dbt) run by Prefect: the flow in
// flow/flow.py does every stage as a task, in a process worker; the harness deploys it, triggers it
// through Prefect's API and checks each task's state as well as silver and dbt.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { prefect } from "../../harness/stacks/orchestrated/prefect.js";
import { orchestrated } from "../../harness/stacks/orchestrated/stack.js";
import { orchestratedFlow } from "../../harness/stacks/orchestrated/steps.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export default definePipeline({
  id: "p18",
  ruleSet: "silver-core",
  stack: orchestrated(prefect, join(import.meta.dirname, "flow")),
  ...orchestratedFlow(P01_SQL),
  edgePoison: 6,
});
