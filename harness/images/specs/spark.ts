// Spark 3.5.7 (Scala 2.12, Java 17, Python 3) as the official apache/spark image lays it out, and
// nothing more: the engine. What the lakehouse pipelines add (Kafka source, table formats, S3) is the
// spark-lakehouse layer.
import type { ImageSpec } from "../types.js";

/** 3.5.7: the newest 3.5 patch whose Kafka source jars Maven Central serves here (engines-offline.md). */
export const SPARK_VERSION = "3.5.7";

export const spark: ImageSpec = {
  name: "spark",
  version: SPARK_VERSION,
  official: `apache/spark:${SPARK_VERSION}-scala2.12-java17-python3-ubuntu`,
  forged: `pipeline-harness/spark:${SPARK_VERSION}-java17-python3`,
  recipe: "images/spark",
  base: "jre",
  artifacts: [
    // The distribution: the pyspark sdist's deps/ holds bin/, sbin/, jars/, data/ and examples/; its
    // pyspark/ package becomes python/pyspark and python/lib/pyspark.zip, as in the official image.
    { kind: "pypi", requirements: [`pyspark==${SPARK_VERSION}`], dest: "dist", python: "3.11", noDeps: true },
    // The Python side of py4j (its jar is in jars/): the sdist leaves python/lib/ out. A pure-Python
    // wheel is a zip Python imports from, placed where spark-submit looks for py4j-*-src.zip.
    { kind: "pypi", requirements: ["py4j==0.10.9.7"], dest: "py4j", python: "3.11" },
  ],
  ports: [7077, 8080, 4040],
};
