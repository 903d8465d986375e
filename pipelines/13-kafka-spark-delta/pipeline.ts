// P13: Kafka → Spark Structured Streaming (available-now) → Delta on MinIO → dbt. Bronze and silver are
// Delta tables; silver (silver-core, snake_case) is replaced by each run, and dbt and the oracle read
// it through the Delta log (delta-rs), so files an overwrite removed never come back.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { SPARK_FORMATS } from "../../harness/stacks/spark/formats.js";
import { sparkLakehouse } from "../../harness/stacks/spark/stack.js";
import { sparkBronze, sparkDbt, sparkSilver, sparkSilverFiles } from "../../harness/stacks/spark/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);
const delta = SPARK_FORMATS.delta;

export default definePipeline({
  id: "p13",
  ruleSet: "silver-core",
  stack: sparkLakehouse,
  ingest: produceEvents,
  bronze: sparkBronze(delta, sql("bronze-table.sql")),
  silver: sparkSilver(delta, sql("silver.sql"), { partitionBy: ["pickup_date:identity"] }),
  dbt: sparkDbt(delta),
  overwrite: { dataFileRows: sparkSilverFiles(delta) },
  edgePoison: 6,
});
