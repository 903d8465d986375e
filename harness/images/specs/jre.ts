import type { ImageSpec } from "../types.js";

/** OpenJDK 17 headless JRE from Debian; kafka, flink and debezium build FROM this tag (keep it stable). */
export const jre: ImageSpec = {
  name: "jre",
  version: "17",
  official: "eclipse-temurin:17-jre",
  forged: "pipeline-harness/jre:17",
  recipe: "images/jre",
  base: "base",
  artifacts: [],
  ports: [],
};
