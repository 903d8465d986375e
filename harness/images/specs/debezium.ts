// Kafka Connect with the Debezium PostgreSQL connector, as quay.io/debezium/connect lays it out:
// /kafka (bin, libs, config), plugins under /kafka/connect, entry /docker-entrypoint.sh start,
// user kafka (1001), REST on 8083, configured by BOOTSTRAP_SERVERS, GROUP_ID, *_STORAGE_TOPIC and
// CONNECT_* variables. Debezium 3.6.1.Final (the newest line Maven Central serves whole); Connect
// at Kafka 4.3.0, the version Debezium 3.6.1 is built against (its parent POM's version.kafka) and
// whose kafka-clients/connect-api its plugin archive bundles. Connect 4.3 talks to the 4.0 broker.
import type { ImageSpec } from "../types.js";

const DEBEZIUM = "3.6.1.Final";
const KAFKA = "4.3.0";
const LOG4J = "2.24.3";

export const debezium: ImageSpec = {
  name: "debezium",
  version: DEBEZIUM,
  official: "quay.io/debezium/connect:3.6",
  forged: `pipeline-harness/debezium:${DEBEZIUM}`,
  recipe: "images/debezium",
  base: "jre",
  artifacts: [
    // The worker: runtime (REST server, herder, JSON converter, transforms, clients) and the file
    // connectors Kafka's distribution ships in libs/.
    { kind: "maven", coordinate: `org.apache.kafka:connect-runtime:${KAFKA}`, dest: "libs", transitive: true },
    { kind: "maven", coordinate: `org.apache.kafka:connect-file:${KAFKA}`, dest: "libs", transitive: true },
    // Logging backend for the slf4j 1.7 API Connect uses (Kafka's POMs declare no backend).
    { kind: "maven", coordinate: `org.apache.logging.log4j:log4j-slf4j-impl:${LOG4J}`, dest: "libs", transitive: true },
    { kind: "maven", coordinate: `org.apache.logging.log4j:log4j-core:${LOG4J}`, dest: "libs", transitive: true },
    // The connector as Debezium publishes it for Connect: the plugin archive (connector, debezium-
    // core, the PostgreSQL driver, protobuf), unpacked to /kafka/connect/debezium-connector-postgres.
    { kind: "maven", coordinate: `io.debezium:debezium-connector-postgres:${DEBEZIUM}:tar.gz:plugin`, dest: "plugins" },
    // The kafka image's small launcher, shared rather than copied.
    { kind: "file", source: "images/kafka/bin/kafka-run-class.sh", dest: "bin/kafka-run-class.sh" },
  ],
  ports: [8083],
};
