// Prometheus 2.42.0 as prom/prometheus:v2.42.0 lays it out (P11's metrics store), from Debian
// bookworm's package of the same version.
import type { ImageSpec } from "../types.js";

export const prometheus: ImageSpec = {
  name: "prometheus",
  version: "2.42.0",
  official: "prom/prometheus:v2.42.0",
  forged: "pipeline-harness/prometheus:2.42.0",
  recipe: "images/prometheus",
  base: "base",
  artifacts: [],
  ports: [9090],
};
