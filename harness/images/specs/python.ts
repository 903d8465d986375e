import type { ImageSpec } from "../types.js";

/** Debian's Python 3.11 with venv and tini: the base the Python tools (dbt, the orchestrators) build FROM. */
export const python: ImageSpec = {
  name: "python",
  version: "3.11",
  forged: "pipeline-harness/python:3.11-bookworm",
  recipe: "images/python",
  base: "base",
  artifacts: [],
  ports: [],
};


/**
 * Pins that bookworm's Python (3.11.2) needs beyond what the host's pip resolves: pip download
 * evaluates `python_full_version` markers against the host's interpreter, not --python-version, so
 * a dependency only for Python < 3.11.3 (redis's async-timeout) is left out. Add to a wheel set
 * that needs it.
 */
export const BOOKWORM_MARKER_PINS = ["async-timeout==5.0.1"];
