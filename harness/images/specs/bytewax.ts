// Bytewax 0.21.1 (no official image is maintained for it): Debian's Python 3.11 with bytewax and
// its Kafka connector's client (confluent-kafka), from PyPI. Dataflows are mounted by the stack.
import type { ImageSpec } from "../types.js";

export const BYTEWAX_VERSION = "0.21.1";

export const bytewax: ImageSpec = {
  name: "bytewax",
  version: BYTEWAX_VERSION,
  forged: `pipeline-harness/bytewax:${BYTEWAX_VERSION}-python3.11`,
  recipe: "images/bytewax",
  base: "python",
  artifacts: [{ kind: "pypi", requirements: [`bytewax[kafka]==${BYTEWAX_VERSION}`, "confluent-kafka==2.16.1"], dest: "wheels", python: "3.11" }],
  ports: [],
};
