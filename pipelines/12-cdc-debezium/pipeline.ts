// P12, CDC: PostgreSQL WAL → Debezium (Kafka Connect) → Kafka → Flink SQL (bounded jobs) → Iceberg on
// MinIO → dbt. The source table is loaded and then changed (updates, deletes); bronze keeps every
// change event as received, silver is the table's current state under silver-cdc.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { cdc } from "../../harness/stacks/cdc/stack.js";
import { cdcIngest, cdcOracleInput } from "../../harness/stacks/cdc/steps.js";
import { flinkBronze, flinkSilver, lakehouseDbt } from "../../harness/stacks/lakehouse/steps.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);

export default definePipeline({
  id: "p12",
  ruleSet: "silver-cdc",
  stack: cdc,
  ingest: cdcIngest({ source: sql("source.sql"), changes: sql("changes.sql") }),
  bronze: flinkBronze(sql("bronze.sql"), "cdc_raw_trips", { deadLetters: false }),
  silver: flinkSilver(sql("silver.sql")),
  oracleInput: cdcOracleInput,
  dbt: lakehouseDbt,
  edgePoison: 0,
});
