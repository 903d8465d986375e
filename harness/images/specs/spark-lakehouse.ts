// The harness layer over the Spark engine (official apache/spark or its forged replica): the Kafka
// source, the three table formats and S3 access, staged in the image so no job downloads anything
// (no Ivy at run time). Versions chosen to work together on Spark 3.5.7 (Scala 2.12):
//  - Kafka: spark-sql-kafka-0-10 + its token provider at Spark's own version, kafka-clients and
//    commons-pool2 at the versions Spark 3.5.7's pom names. Always on the classpath (jars/).
//  - Iceberg 1.10.1 runtime + AWS bundle (S3FileIO): the JDBC catalog on PostgreSQL that the Flink
//    pipelines and pyiceberg use (1.10.2's AWS bundle is not served here).
//  - Delta 3.3.2 (built against Spark 3.5.3) and Hudi 0.15.0 read and write s3a://, which needs
//    hadoop-aws 3.3.4 (the Hadoop client version pyspark ships) and the AWS SDK v1 bundle its pom names.
// Each format sits in a folder of its own under formats/, put on the classpath only by the jobs
// of the pipelines that use it, so the three never share a classpath.
import type { ImageSpec } from "../types.js";
import { SPARK_VERSION } from "./spark.js";

const ICEBERG = "1.10.1";

export const sparkLakehouse: ImageSpec = {
  name: "spark-lakehouse",
  version: SPARK_VERSION,
  forged: `pipeline-harness/spark-lakehouse:${SPARK_VERSION}-java17-python3`,
  recipe: "images/spark-lakehouse",
  layerOf: "spark",
  artifacts: [
    { kind: "maven", coordinate: `org.apache.spark:spark-sql-kafka-0-10_2.12:${SPARK_VERSION}`, dest: "jars" },
    { kind: "maven", coordinate: `org.apache.spark:spark-token-provider-kafka-0-10_2.12:${SPARK_VERSION}`, dest: "jars" },
    { kind: "maven", coordinate: "org.apache.kafka:kafka-clients:3.4.1", dest: "jars" },
    { kind: "maven", coordinate: "org.apache.commons:commons-pool2:2.11.1", dest: "jars" },
    { kind: "maven", coordinate: "org.apache.hadoop:hadoop-aws:3.3.4", dest: "jars" },
    { kind: "maven", coordinate: "com.amazonaws:aws-java-sdk-bundle:1.12.262", dest: "jars" },
    { kind: "maven", coordinate: `org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:${ICEBERG}`, dest: "formats/iceberg" },
    { kind: "maven", coordinate: `org.apache.iceberg:iceberg-aws-bundle:${ICEBERG}`, dest: "formats/iceberg" },
    { kind: "maven", coordinate: "org.postgresql:postgresql:42.7.7", dest: "formats/iceberg" },
    { kind: "maven", coordinate: "io.delta:delta-spark_2.12:3.3.2", dest: "formats/delta" },
    { kind: "maven", coordinate: "io.delta:delta-storage:3.3.2", dest: "formats/delta" },
    { kind: "maven", coordinate: "org.apache.hudi:hudi-spark3.5-bundle_2.12:0.15.0", dest: "formats/hudi" },
  ],
  ports: [7077, 8080, 4040],
};
