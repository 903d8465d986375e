// P12, CDC: PostgreSQL WAL → Debezium (Kafka Connect) → Kafka → Flink SQL (one bounded job for bronze
// and silver, or an unbounded one in streaming mode, the source loaded at the run's rate) → Iceberg
// on MinIO → dbt. The source table is loaded, then changed (updates, deletes) as the increment; bronze keeps every change event
// as received, silver is the table's current state under silver-cdc, and dbt runs after each, the
// second time incrementally.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { cdc } from "../../harness/stacks/cdc/stack.js";
import { CDC_FAILURES, cdcChanges, cdcLoad, cdcOracleInput, cdcTopic } from "../../harness/stacks/cdc/steps.js";
import { flinkOneJob, flinkStreaming, lakehouseDbt, type FlinkLakehouseSql } from "../../harness/stacks/lakehouse/steps.js";

const sql = (file: string) => join(import.meta.dirname, "sql", file);
const SQL: FlinkLakehouseSql = {
  bronze: { file: sql("bronze.sql"), table: "cdc_raw_trips", message: { root: "$.after", timestamps: "epoch-micros" } },
  silver: sql("silver.sql"),
};

export default definePipeline({
  id: "p12",
  ruleSet: "silver-cdc",
  stack: cdc,
  ingest: cdcLoad(sql("source.sql")),
  ...flinkOneJob(SQL),
  oracleInput: cdcOracleInput,
  dbt: lakehouseDbt,
  increment: { title: "UPDATEs and DELETEs on the source table (changes.sql)", ingest: cdcChanges(sql("changes.sql")) },
  edgePoison: 6,
  streaming: flinkStreaming(SQL, { topic: (names) => ({ name: cdcTopic(names), partitions: 1 }), failures: CDC_FAILURES }),
});
