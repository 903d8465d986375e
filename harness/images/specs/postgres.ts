import type { ImageSpec } from "../types.js";

/**
 * PostgreSQL 15 from Debian bookworm (16 is not packaged there), with the official image's
 * entrypoint contract. The official reference is postgres:15 too, so both sources run one major.
 */
export const postgres: ImageSpec = {
  name: "postgres",
  version: "15",
  official: "postgres:15",
  forged: "pipeline-harness/postgres:15",
  recipe: "images/postgres",
  base: "base",
  artifacts: [],
  ports: [5432],
};
