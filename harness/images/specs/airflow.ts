// Apache Airflow 2.10.5 (the upstream's version) and its harness layer. No constraints file can be
// fetched here (they live on GitHub), so the set pip resolves today is frozen in the lock; it was
// run (db migrate, webserver, scheduler) before it was pinned.
import type { ImageSpec } from "../types.js";

export const AIRFLOW_VERSION = "2.10.5";

export const airflow: ImageSpec = {
  name: "airflow",
  version: AIRFLOW_VERSION,
  official: `apache/airflow:${AIRFLOW_VERSION}-python3.11`,
  forged: `pipeline-harness/airflow:${AIRFLOW_VERSION}-python3.11`,
  recipe: "images/airflow",
  base: "python",
  artifacts: [
    {
      kind: "pypi",
      requirements: [`apache-airflow[postgres]==${AIRFLOW_VERSION}`],
      // Airflow's python-nvd3 dependency is published only as an sdist.
      buildFromSdist: ["python-nvd3==0.16.0"],
      dest: "wheels",
      python: "3.11",
    },
  ],
  ports: [8080],
};

export const airflowHarness: ImageSpec = {
  name: "airflow-harness",
  version: AIRFLOW_VERSION,
  forged: `pipeline-harness/airflow-harness:${AIRFLOW_VERSION}-python3.11`,
  recipe: "images/airflow-harness",
  layerOf: "airflow",
  artifacts: [
    { kind: "pypi", requirements: ["confluent-kafka==2.16.1"], dest: "wheels", python: "3.11" },
    { kind: "pypi", requirementsFiles: ["dbt/requirements.txt"], requirements: [], dest: "dbt-wheels", python: "3.11" },
  ],
  ports: [8080],
};
