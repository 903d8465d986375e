// Kafka 4.0.0 as apache/kafka:4.0.0 lays it out: /opt/kafka (libs, bin, config), entry
// /etc/kafka/docker/run, user appuser (1000), KRaft broker+controller on 9092 with no environment.
// Jars from Maven Central; scripts are our own (images/kafka). The env→server.properties step is
// Kafka's own kafka.docker.KafkaDockerWrapper, as in the official image.
import type { ImageSpec } from "../types.js";

const KAFKA = "4.0.0";
/** The log4j2 version Kafka 4.0.0 ships with (its distribution's libs/). */
const LOG4J = "2.24.3";

export const kafka: ImageSpec = {
  name: "kafka",
  version: KAFKA,
  official: `apache/kafka:${KAFKA}`,
  forged: `pipeline-harness/kafka:${KAFKA}`,
  recipe: "images/kafka",
  base: "jre",
  artifacts: [
    // The broker (core, server, raft, metadata, storage, coordinators, clients) and the CLI tools
    // (TopicCommand, console producer/consumer, …). Resolved separately, the two sets agree on
    // every shared jar's version (checked: 92 distinct jars, no duplicates).
    { kind: "maven", coordinate: `org.apache.kafka:kafka_2.13:${KAFKA}`, dest: "libs", transitive: true },
    { kind: "maven", coordinate: `org.apache.kafka:kafka-tools:${KAFKA}`, dest: "libs", transitive: true },
    // Logging backend: Kafka's POMs declare only the slf4j API; the distribution adds these.
    { kind: "maven", coordinate: `org.apache.logging.log4j:log4j-slf4j-impl:${LOG4J}`, dest: "libs", transitive: true },
    { kind: "maven", coordinate: `org.apache.logging.log4j:log4j-core:${LOG4J}`, dest: "libs", transitive: true },
  ],
  ports: [9092],
};
