// P02: Kafka → Spark Structured Streaming (available-now) → Iceberg on MinIO → dbt. Bronze takes every
// event of the topic (malformed ones go to the dead-letter topic), a batch job writes silver-core into
// an Iceberg v2 table partitioned by pickup_date; dbt and the oracle read it through pyiceberg.
import { join } from "node:path";
import { LAKE_LAYOUT } from "../../harness/oracle/silver-schema.js";
import { definePipeline } from "../../harness/pipeline.js";
import { SPARK_FORMATS } from "../../harness/stacks/spark/formats.js";
import { sparkLakehouse } from "../../harness/stacks/spark/stack.js";
import { sparkBronze, sparkDbt, sparkSilver, sparkSilverFiles } from "../../harness/stacks/spark/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);
const iceberg = SPARK_FORMATS.iceberg;

export default definePipeline({
  id: "p02",
  ruleSet: "silver-core",
  stack: sparkLakehouse,
  ingest: produceEvents,
  bronze: sparkBronze(iceberg, sql("bronze-table.sql")),
  silver: sparkSilver(iceberg, sql("silver.sql"), LAKE_LAYOUT),
  dbt: sparkDbt(iceberg),
  overwrite: { dataFileRows: sparkSilverFiles(iceberg) },
  edgePoison: 6,
});
