// Redis 7.0.15 as the official redis:7.0.15 image lays it out (P21's online store), from Debian
// bookworm's redis-server of the same version.
import type { ImageSpec } from "../types.js";

export const redis: ImageSpec = {
  name: "redis",
  version: "7.0.15",
  official: "redis:7.0.15",
  forged: "pipeline-harness/redis:7.0.15",
  recipe: "images/redis",
  base: "base",
  artifacts: [],
  ports: [6379],
};
