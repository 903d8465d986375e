// Every pipeline of ../shared/docs/pipelines.md §7, whether or not it has a suite yet.
// The matrix lists all of them, so a pipeline without a suite is visible as such.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { RuleSet } from "./model.js";

export interface CatalogEntry {
  id: string;
  name: string;
  ingestion: string;
  processor: string;
  storage: string;
  ruleSet: RuleSet | "p10-load";
}

const entry = (id: string, name: string, ingestion: string, processor: string, storage: string, ruleSet: CatalogEntry["ruleSet"]): CatalogEntry => ({
  id,
  name,
  ingestion,
  processor,
  storage,
  ruleSet,
});

export const CATALOG: readonly CatalogEntry[] = [
  entry("p00", "batch baseline", "file", "dbt-duckdb", "DuckDB", "silver-core"),
  entry("p01", "Kafka + Flink + Iceberg", "Kafka", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p02", "Kafka + Spark + Iceberg", "Kafka", "Spark", "Iceberg/MinIO", "silver-core"),
  entry("p03", "Kafka + RisingWave", "Kafka", "RisingWave", "RisingWave MVs", "silver-metrics"),
  entry("p04", "Redpanda + Flink + Iceberg", "Redpanda", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p05", "Redpanda + Spark + Iceberg", "Redpanda", "Spark", "Iceberg/MinIO", "silver-core"),
  entry("p06", "Redpanda + RisingWave", "Redpanda", "RisingWave", "RisingWave MVs", "silver-metrics"),
  entry("p07", "Kestra orchestration", "Kafka", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p08", "Airflow orchestration", "Kafka", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p09", "Dagster orchestration", "Kafka", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p10", "serving comparison", "file", "ClickHouse", "ClickHouse", "p10-load"),
  entry("p11", "observability", "Kafka", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p12", "CDC Debezium", "PostgreSQL WAL", "Flink", "Iceberg/MinIO", "silver-cdc"),
  entry("p13", "Kafka + Spark + Delta", "Kafka", "Spark", "Delta/MinIO", "silver-core"),
  entry("p14", "Kafka + Materialize", "Kafka", "Materialize", "Materialize MVs", "silver-metrics"),
  entry("p15", "Kafka Streams", "Kafka", "Kafka Streams", "topics", "silver-lite"),
  entry("p16", "Pinot serving (Kafka in place of Redpanda)", "Kafka", "Flink + Pinot", "Iceberg + Pinot", "silver-core"),
  entry("p17", "Druid serving", "Kafka", "Flink + Druid", "Iceberg + Druid", "silver-core"),
  entry("p18", "Prefect orchestration", "Kafka", "Flink", "Iceberg/MinIO", "silver-core"),
  entry("p19", "Mage AI", "Kafka", "Mage blocks", "DuckDB", "silver-lite"),
  entry("p20", "Bytewax", "Kafka", "Bytewax", "topics", "silver-lite"),
  entry("p21", "Feast feature store", "Kafka", "Flink", "Iceberg + Feast", "silver-core"),
  entry("p22", "Kafka + Spark + Hudi", "Kafka", "Spark", "Hudi/MinIO", "silver-core"),
  entry("p23", "full-stack capstone", "PostgreSQL WAL", "Flink", "Iceberg + ClickHouse", "silver-cdc"),
];

export function catalogEntry(id: string): CatalogEntry {
  const found = CATALOG.find((e) => e.id === id);
  if (!found) throw new Error(`unknown pipeline "${id}": the catalog has ${CATALOG.map((e) => e.id).join(", ")}`);
  return found;
}

/** The pipelines with a suite under `root`: its suites/pNN folders, in order. */
export function suiteIds(root: string): Set<string> {
  const dir = join(root, "suites");
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && /^p\d\d$/.test(d.name)).map((d) => d.name).sort());
}
