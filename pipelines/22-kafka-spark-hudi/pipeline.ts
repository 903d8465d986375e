// P22: Kafka → Spark Structured Streaming (available-now) → Hudi on MinIO → dbt. Bronze and silver are
// Hudi copy-on-write tables; silver is upserted on record key trip_id with the ingestion time as the
// precombine field, and dbt and the oracle read it through the Hudi timeline (hudi-rs).
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { SPARK_FORMATS } from "../../harness/stacks/spark/formats.js";
import { sparkLakehouse } from "../../harness/stacks/spark/stack.js";
import { sparkBronze, sparkDbt, sparkSilver, sparkSilverFiles } from "../../harness/stacks/spark/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);
const hudi = SPARK_FORMATS.hudi;

export default definePipeline({
  id: "p22",
  ruleSet: "silver-core",
  stack: sparkLakehouse,
  ingest: produceEvents,
  bronze: sparkBronze(hudi, sql("bronze-table.sql")),
  silver: sparkSilver(hudi, sql("silver.sql"), { partitionBy: [], formatVersion: 6, utcTimestamps: true }),
  dbt: sparkDbt(hudi),
  overwrite: { dataFileRows: sparkSilverFiles(hudi) },
  edgePoison: 6,
});
