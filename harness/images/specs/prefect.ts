// Prefect 3 (server, workers and the CLI in one image, as prefecthq/prefect ships it) and its harness
// layer: what the orchestrated P01 flow's tasks need in the worker.
import type { ImageSpec } from "../types.js";
import { BOOKWORM_MARKER_PINS } from "./python.js";

export const PREFECT_VERSION = "3.9.1";

export const prefect: ImageSpec = {
  name: "prefect",
  version: PREFECT_VERSION,
  official: `prefecthq/prefect:${PREFECT_VERSION}-python3.11`,
  forged: `pipeline-harness/prefect:${PREFECT_VERSION}-python3.11`,
  recipe: "images/prefect",
  base: "python",
  // asyncpg: the server's PostgreSQL driver, a dependency of prefect itself.
  artifacts: [{ kind: "pypi", requirements: [`prefect==${PREFECT_VERSION}`, ...BOOKWORM_MARKER_PINS], dest: "wheels", python: "3.11" }],
  ports: [4200],
};

export const prefectHarness: ImageSpec = {
  name: "prefect-harness",
  version: PREFECT_VERSION,
  forged: `pipeline-harness/prefect-harness:${PREFECT_VERSION}-python3.11`,
  recipe: "images/prefect-harness",
  layerOf: "prefect",
  artifacts: [
    {
      kind: "pypi",
      requirementsFiles: ["dbt/requirements.txt"],
      requirements: [`prefect==${PREFECT_VERSION}`, "prefect-dbt==0.7.25", "confluent-kafka==2.16.1", ...BOOKWORM_MARKER_PINS],
      dest: "wheels",
      python: "3.11",
    },
  ],
  ports: [4200],
};
