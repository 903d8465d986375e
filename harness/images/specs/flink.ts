// Flink 2.0.1 (Scala 2.12, Java 17) as the official flink:2.0.1-java17 lays it out, and nothing more:
// the engine. What the lakehouse pipelines add (connectors, Iceberg) is the flink-lakehouse layer.
import type { ImageSpec } from "../types.js";

export const FLINK_VERSION = "2.0.1";
const FLINK = FLINK_VERSION;

export const flink: ImageSpec = {
  name: "flink",
  version: FLINK,
  official: `flink:${FLINK}-java17`,
  forged: `pipeline-harness/flink:${FLINK}-java17`,
  recipe: "images/flink",
  base: "jre",
  artifacts: [
    // The distribution: the apache-flink sdist's deps/ holds bin/ and conf/ (config.yaml), the
    // apache-flink-libraries sdist's deps/ holds lib/, opt/, plugins/ (pip picks both sdists; the
    // lock pins them). No dependencies: the image runs no Python.
    { kind: "pypi", requirements: [`apache-flink==${FLINK}`, `apache-flink-libraries==${FLINK}`], dest: "dist", python: "3.11", noDeps: true },
    // The SQL Gateway (bin/sql-gateway.sh looks for opt/flink-sql-gateway*.jar): the PyPI
    // distribution leaves it out, and Maven Central serves it for 2.0.0 but not 2.0.1 (404), so the
    // 2.0.0 jar runs on the 2.0.1 distribution (same minor line: REST API v1..v3 unchanged).
    { kind: "maven", coordinate: "org.apache.flink:flink-sql-gateway:2.0.0", dest: "opt" },
  ],
  ports: [8081, 6123, 8083],
};
