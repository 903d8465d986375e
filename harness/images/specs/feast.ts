// Feast 0.67.0 (P21's feature store) with its Redis client, and DuckDB 1.5.6 (Feast's own lock's pin)
// for the feature SQL, on Debian's Python 3.11. No official image runs Python 3.11 on Debian (the
// feature server's is UBI with Python 3.12): this image is the harness's own.
import type { ImageSpec } from "../types.js";
import { BOOKWORM_MARKER_PINS } from "./python.js";

export const FEAST_VERSION = "0.67.0";

export const feast: ImageSpec = {
  name: "feast",
  version: FEAST_VERSION,
  forged: `pipeline-harness/feast:${FEAST_VERSION}-python3.11`,
  recipe: "images/feast",
  base: "python",
  artifacts: [{ kind: "pypi", requirements: [`feast[redis]==${FEAST_VERSION}`, "duckdb==1.5.6", ...BOOKWORM_MARKER_PINS], dest: "wheels", python: "3.11" }],
  ports: [],
};
