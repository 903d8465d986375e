// Dagster (webserver and daemon from one image, as its deployment guide builds it: no official
// all-in-one image exists, so it is always forged) and its harness layer with dagster-dbt.
import type { ImageSpec } from "../types.js";

export const DAGSTER_VERSION = "1.13.27";
/** The integration libraries' version that goes with DAGSTER_VERSION. */
const LIBRARIES = "0.29.27";

const engine = [`dagster==${DAGSTER_VERSION}`, `dagster-webserver==${DAGSTER_VERSION}`, `dagster-postgres==${LIBRARIES}`];

export const dagster: ImageSpec = {
  name: "dagster",
  version: DAGSTER_VERSION,
  forged: `pipeline-harness/dagster:${DAGSTER_VERSION}-python3.11`,
  recipe: "images/dagster",
  base: "python",
  artifacts: [{ kind: "pypi", requirements: engine, dest: "wheels", python: "3.11" }],
  ports: [3000],
};

export const dagsterHarness: ImageSpec = {
  name: "dagster-harness",
  version: DAGSTER_VERSION,
  forged: `pipeline-harness/dagster-harness:${DAGSTER_VERSION}-python3.11`,
  recipe: "images/dagster-harness",
  layerOf: "dagster",
  artifacts: [
    {
      kind: "pypi",
      requirementsFiles: ["dbt/requirements.txt"],
      requirements: [...engine, `dagster-dbt==${LIBRARIES}`, "confluent-kafka==2.16.1"],
      dest: "wheels",
      python: "3.11",
    },
  ],
  ports: [3000],
};
