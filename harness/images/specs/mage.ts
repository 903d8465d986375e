// Mage AI 0.9.80 (the version engines-offline.md resolved here) and its harness layer. The replica
// follows mageai/mageai's layout — projects under /home/src, `mage` on PATH, `mage start <project>`
// serving the API with the scheduler beside it — on Debian's Python 3.11. No official tag is named:
// the official image's Python is not known here (the layer's wheels are for 3.11), so it is always
// forged. The layer adds the Kafka client and DuckDB at dbt's pin (the file Mage writes, dbt reads).
import type { ImageSpec } from "../types.js";
import { BOOKWORM_MARKER_PINS } from "./python.js";

export const MAGE_VERSION = "0.9.80";

const engine = [`mage-ai==${MAGE_VERSION}`, ...BOOKWORM_MARKER_PINS];

export const mage: ImageSpec = {
  name: "mage",
  version: MAGE_VERSION,
  forged: `pipeline-harness/mage:${MAGE_VERSION}-python3.11`,
  recipe: "images/mage",
  base: "python",
  artifacts: [{ kind: "pypi", requirements: engine, dest: "wheels", python: "3.11" }],
  ports: [6789],
};

export const mageHarness: ImageSpec = {
  name: "mage-harness",
  version: MAGE_VERSION,
  forged: `pipeline-harness/mage-harness:${MAGE_VERSION}-python3.11`,
  recipe: "images/mage-harness",
  layerOf: "mage",
  artifacts: [{ kind: "pypi", requirements: [...engine, "confluent-kafka==2.16.1", "duckdb==1.5.6"], dest: "wheels", python: "3.11" }],
  ports: [6789],
};
