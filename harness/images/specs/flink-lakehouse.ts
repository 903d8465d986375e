// The harness layer over the Flink engine (official flink:2.0.1-java17 or its forged replica): what the
// lakehouse pipelines need in lib/, the Kafka SQL connector and Iceberg with S3 and a JDBC catalog.
//
// Iceberg catalog: JDBC catalog on PostgreSQL, tables on MinIO through S3FileIO (iceberg-aws-bundle).
//  - pyiceberg (dbt image) reads the same catalog with its SqlCatalog (same iceberg_tables schema)
//    and the same S3 paths, so both sides share one source of truth for metadata locations.
//  - Hadoop catalog on s3a was the alternative: it needs hadoop-aws plus the AWS SDK v2 bundle
//    (hundreds of MB), S3A settings in a core-site.xml, and pyiceberg can only read it through
//    static metadata files (no catalog to list tables or find the newest snapshot).
//  - JDBC on sqlite inside the JobManager would be invisible to pyiceberg in another container.
// The Hadoop client jars are still needed: iceberg-flink-runtime's catalog factory loads
// org.apache.hadoop.conf.Configuration whatever the catalog (NoClassDefFoundError without them).
import type { ImageSpec } from "../types.js";
import { FLINK_VERSION } from "./flink.js";

const ICEBERG = "1.10.1"; // newest 1.10.x served by Maven Central
const HADOOP = "3.4.1";

export const flinkLakehouse: ImageSpec = {
  name: "flink-lakehouse",
  version: FLINK_VERSION,
  forged: `pipeline-harness/flink-lakehouse:${FLINK_VERSION}-java17`,
  recipe: "images/flink-lakehouse",
  layerOf: "flink",
  artifacts: [
    // Shaded ("sql-") connector jars: self-contained, no transitive dependencies wanted.
    { kind: "maven", coordinate: "org.apache.flink:flink-sql-connector-kafka:4.0.1-2.0", dest: "lib" },
    { kind: "maven", coordinate: `org.apache.iceberg:iceberg-flink-runtime-2.0:${ICEBERG}`, dest: "lib" },
    { kind: "maven", coordinate: `org.apache.iceberg:iceberg-aws-bundle:${ICEBERG}`, dest: "lib" },
    { kind: "maven", coordinate: "org.postgresql:postgresql:42.7.7", dest: "lib" },
    { kind: "maven", coordinate: `org.apache.hadoop:hadoop-client-api:${HADOOP}`, dest: "lib" },
    { kind: "maven", coordinate: `org.apache.hadoop:hadoop-client-runtime:${HADOOP}`, dest: "lib" },
    // The harness's SQL functions (json_fields: one JSON parse per message), built from functions/.
    { kind: "maven-build", project: "images/flink-lakehouse/functions", dest: "lib" },
  ],
  ports: [8081, 6123, 8083],
};
