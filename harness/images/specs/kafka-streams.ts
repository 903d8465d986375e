// P15's Kafka Streams application as a harness layer on the JRE (eclipse-temurin:17-jre or its
// forged replica): built from its sources in the pipeline's folder with Maven on the host, its
// dependencies (kafka-streams 4.2.1, Jackson, slf4j-simple) from Maven Central.
import type { ImageSpec } from "../types.js";

export const KAFKA_STREAMS_VERSION = "4.2.1";

export const kafkaStreamsApp: ImageSpec = {
  name: "kafka-streams-app",
  version: KAFKA_STREAMS_VERSION,
  forged: `pipeline-harness/kafka-streams-app:${KAFKA_STREAMS_VERSION}-java17`,
  recipe: "images/kafka-streams-app",
  layerOf: "jre",
  artifacts: [{ kind: "maven-build", project: "pipelines/15-kafka-streams/app", dest: "app" }],
  ports: [],
};
