// Pinot 1.3.0: only the official image. No Pinot server can be assembled from the registries here
// (engines-offline.md): Maven Central serves nothing of Pinot at 1.3.0, and at 1.5.1 only
// pinot-controller and pinot-broker — no pinot-server, pinot-tools (the admin CLI the image runs)
// or pinot-distribution; GitHub (its releases) is not reachable.
import type { ImageSpec } from "../types.js";

export const PINOT_VERSION = "1.3.0";

export const pinot: ImageSpec = {
  name: "pinot",
  version: PINOT_VERSION,
  official: `apachepinot/pinot:${PINOT_VERSION}`,
  unforgeable:
    "Maven Central here serves nothing of Pinot at 1.3.0, and at 1.5.1 only pinot-controller and pinot-broker: no pinot-server, pinot-tools (the admin CLI) or pinot-distribution; Pinot's releases (GitHub) are not reachable",
  forged: `pipeline-harness/pinot:${PINOT_VERSION}`,
  recipe: "images/pinot",
  artifacts: [],
  ports: [9000, 8099, 8097],
};
