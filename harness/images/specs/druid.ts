// Druid 33.0.0 as apache/druid:33.0.0 lays it out (P17's serving engine). Druid 31 cannot be
// assembled here; 33.0.0 can: druid-services and its runtime jars into lib/ (less org.hyperic:sigar,
// which no registry here serves: only SysMonitor needs it) and the Kafka indexing extension with its
// own runtime jars into extensions/ (its Druid dependencies are `provided`). No S3 extension is
// served at 33.0.0, so deep storage is a folder shared by the services (/opt/shared), as in Druid's
// own docker-compose. Druid's web console is not on Maven Central: the router serves the APIs only.
import type { ImageSpec } from "../types.js";

export const DRUID_VERSION = "33.0.0";

export const druid: ImageSpec = {
  name: "druid",
  version: DRUID_VERSION,
  official: `apache/druid:${DRUID_VERSION}`,
  forged: `pipeline-harness/druid:${DRUID_VERSION}`,
  recipe: "images/druid",
  base: "jre",
  artifacts: [
    { kind: "maven", coordinate: `org.apache.druid:druid-services:${DRUID_VERSION}`, dest: "lib", transitive: true, exclude: ["org.hyperic:sigar"] },
    { kind: "maven", coordinate: `org.apache.druid.extensions:druid-kafka-indexing-service:${DRUID_VERSION}`, dest: "extensions/druid-kafka-indexing-service", transitive: true },
  ],
  ports: [8081, 8082, 8083, 8091, 8888],
};
