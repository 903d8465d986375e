// Kestra 1.x: only the official image. Its server cannot be assembled from the registries here
// (engines-offline.md): Maven Central serves Kestra's library modules (core, jdbc, executor,
// scheduler, worker …) but not `io.kestra:kestra` (the cli module: the main class and `server
// standalone`), `webserver` or `jdbc-postgres`, and GitHub (to build it from source) is not reachable.
import type { ImageSpec } from "../types.js";

export const KESTRA_VERSION = "1.2.5";

export const kestra: ImageSpec = {
  name: "kestra",
  version: KESTRA_VERSION,
  official: `kestra/kestra:v${KESTRA_VERSION}`,
  unforgeable:
    "Maven Central here serves Kestra's library modules but not io.kestra:kestra (the cli module with `server standalone`), io.kestra:webserver or io.kestra:jdbc-postgres, at any version; Kestra's releases (GitHub) are not reachable",
  forged: `pipeline-harness/kestra:${KESTRA_VERSION}`,
  recipe: "images/kestra-harness",
  artifacts: [],
  ports: [8080, 8081],
};

/** What the flow's Process-runner tasks need in Kestra's container: Python with the Kafka client and dbt. */
export const kestraHarness: ImageSpec = {
  name: "kestra-harness",
  version: KESTRA_VERSION,
  forged: `pipeline-harness/kestra-harness:${KESTRA_VERSION}`,
  recipe: "images/kestra-harness",
  layerOf: "kestra",
  artifacts: [{ kind: "pypi", requirementsFiles: ["dbt/requirements.txt"], requirements: ["confluent-kafka==2.16.1"], dest: "wheels", python: "3.11" }],
  ports: [8080, 8081],
};
