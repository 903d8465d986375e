// Soda Core 3.5.6 for DuckDB (P11's quality checks on gold): its own image, since soda-core-duckdb
// pins duckdb 1.0 (dbt's image has 1.5.6, whose files 1.0 reads: they are written in the 1.0
// storage format unless told otherwise).
import type { ImageSpec } from "../types.js";

export const SODA_VERSION = "3.5.6";

export const soda: ImageSpec = {
  name: "soda",
  version: SODA_VERSION,
  forged: `pipeline-harness/soda:${SODA_VERSION}-python3.11`,
  recipe: "images/soda",
  base: "python",
  artifacts: [{ kind: "pypi", requirements: [`soda-core-duckdb==${SODA_VERSION}`], dest: "wheels", python: "3.11" }],
  ports: [],
};
