// P08: P01's pipeline (Kafka → Flink SQL → Iceberg on MinIO → dbt) run by Airflow: the DAG in
// flow/p01_flow.py does every stage as a task, run by the scheduler's LocalExecutor; the harness
// triggers it through Airflow's REST API and checks each task's state as well as silver and dbt.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { airflow } from "../../harness/stacks/orchestrated/airflow.js";
import { orchestrated } from "../../harness/stacks/orchestrated/stack.js";
import { orchestratedFlow } from "../../harness/stacks/orchestrated/steps.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export default definePipeline({
  id: "p08",
  ruleSet: "silver-core",
  stack: orchestrated(airflow, join(import.meta.dirname, "flow")),
  ...orchestratedFlow(P01_SQL),
  edgePoison: 6,
});
