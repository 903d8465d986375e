// Every catalog entry, one module per image so that recipes are edited without touching a shared file.
export { base } from "./base.js";
export { jre } from "./jre.js";
export { minio } from "./minio.js";
export { postgres } from "./postgres.js";
export { dbt } from "./dbt.js";
export { kafka } from "./kafka.js";
export { flink } from "./flink.js";
export { flinkLakehouse } from "./flink-lakehouse.js";
export { debezium } from "./debezium.js";
export { spark } from "./spark.js";
export { sparkLakehouse } from "./spark-lakehouse.js";
export { python } from "./python.js";
export { airflow, airflowHarness } from "./airflow.js";
export { dagster, dagsterHarness } from "./dagster.js";
export { prefect, prefectHarness } from "./prefect.js";
export { kestra, kestraHarness } from "./kestra.js";
export { kafkaStreamsApp } from "./kafka-streams.js";
export { bytewax } from "./bytewax.js";
