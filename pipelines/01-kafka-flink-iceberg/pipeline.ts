// P01, the reference pipeline: Kafka → Flink SQL (bounded jobs) → Iceberg on MinIO → dbt.
// Bronze takes every event of the topic (malformed ones go to the dead-letter topic), silver applies
// silver-core; dbt reads silver through pyiceberg.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { projectRoot } from "../../harness/paths.js";

export const p01 = definePipeline("p01", {
  ruleSet: "silver-core",
  needsContainerEngine: true,
  images: ["kafka", "minio", "postgres", "flink", "dbt"],
  dbtSource: "silver",
});

export const TOPICS = {
  events: { name: "taxi.raw_trips", partitions: 3 },
  deadLetters: { name: "taxi.raw_trips.dlq", partitions: 1 },
};

export const TABLES = { bronze: "bronze.raw_trips", silver: "silver.cleaned_trips" };

const sql = (file: string) => join(projectRoot(), "pipelines", "01-kafka-flink-iceberg", "sql", file);
export const SQL = {
  session: sql("session.sql"),
  /** The topic as a bounded source (shared by the Flink pipelines), then this pipeline's bronze job. */
  topicSource: sql("topic-source.sql"),
  bronze: [sql("topic-source.sql"), sql("bronze.sql")],
  /** Silver in three steps, the first and last shared by the Flink pipelines: the table, this pipeline's rows, the write. */
  silverTable: sql("silver-table.sql"),
  silverInsert: sql("silver-insert.sql"),
  silver: [sql("silver-table.sql"), sql("silver.sql"), sql("silver-insert.sql")],
};

/** Bounds of the stages that wait on Flink, so a stuck job fails its stage, not the whole run. */
export const JOB_TIMEOUT_MS = 240_000;
