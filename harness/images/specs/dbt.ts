import type { ImageSpec } from "../types.js";

/**
 * dbt with the duckdb and postgres adapters on Debian's Python 3.11: the project's pins
 * (dbt/requirements.txt) plus dbt-postgres, which only the image needs. No official image
 * bundles both adapters, so this one is always forged.
 */
export const dbt: ImageSpec = {
  name: "dbt",
  version: "1.11.16",
  forged: "pipeline-harness/dbt:1.11.16",
  recipe: "images/dbt",
  base: "python",
  artifacts: [{ kind: "pypi", requirementsFiles: ["dbt/requirements.txt"], requirements: ["dbt-postgres==1.11.0"], dest: "wheels", python: "3.11" }],
  ports: [],
};
