// P12, CDC: PostgreSQL WAL → Debezium (Kafka Connect) → Kafka → Flink SQL (bounded jobs) → Iceberg on
// MinIO → dbt. The source table is loaded and then changed (updates, deletes); bronze keeps every
// change event as received, silver is the table's current state under silver-cdc.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { projectRoot } from "../../harness/paths.js";
import { SQL as P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export const p12 = definePipeline("p12", {
  ruleSet: "silver-cdc",
  needsContainerEngine: true,
  images: ["kafka", "minio", "postgres", "flink", "dbt", "debezium"],
  dbtSource: "silver",
});

/** The source table (public schema), its publication, and Debezium's naming of its topic. */
export const SOURCE = { table: "taxi_trips", publication: "dbz_taxi_trips", topicPrefix: "dbserver1" };
/** One partition: the offset is the total order of the changes (one key's changes keep their order anyway). */
export const TOPIC = { name: `${SOURCE.topicPrefix}.public.${SOURCE.table}`, partitions: 1 };

export const TABLES = { bronze: "bronze.cdc_raw_trips", silver: "silver.cleaned_trips" };

const sql = (file: string) => join(projectRoot(), "pipelines", "12-cdc-debezium", "sql", file);
export const SQL = {
  /** The Flink session (batch mode, UTC, the Iceberg catalog) is P01's. */
  session: P01_SQL.session,
  source: sql("source.sql"),
  changes: sql("changes.sql"),
  bronze: [P01_SQL.topicSource, sql("bronze.sql")],
  /** P01's silver table and write around this pipeline's rows (the current state under silver-cdc). */
  silver: [P01_SQL.silverTable, sql("silver.sql"), P01_SQL.silverInsert],
};

/** Bounds of the stages that wait on Flink or on the capture. */
export const JOB_TIMEOUT_MS = 240_000;
export const CAPTURE_TIMEOUT_MS = 240_000;
