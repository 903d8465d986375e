// P09: P01's pipeline (Kafka → Flink SQL → Iceberg on MinIO → dbt) run by Dagster: flow/definitions.py
// makes every stage an asset of the job p01_flow, run by the daemon; the harness launches the job
// through Dagster's GraphQL API and checks each step's state as well as silver and dbt.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { dagster } from "../../harness/stacks/orchestrated/dagster.js";
import { orchestrated } from "../../harness/stacks/orchestrated/stack.js";
import { orchestratedFlow } from "../../harness/stacks/orchestrated/steps.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export default definePipeline({
  id: "p09",
  ruleSet: "silver-core",
  stack: orchestrated(dagster, join(import.meta.dirname, "flow")),
  ...orchestratedFlow(P01_SQL),
  edgePoison: 6,
});
