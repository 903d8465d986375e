import type { ImageSpec } from "../types.js";

/** Debian bookworm, made with debootstrap (minbase) and imported once: the root of every forged image. */
export const base: ImageSpec = {
  name: "base",
  version: "bookworm",
  official: "debian:bookworm",
  forged: "pipeline-harness/debian:bookworm",
  recipe: "images/base",
  artifacts: [],
  ports: [],
  rootfs: { suite: "bookworm", mirror: "http://deb.debian.org/debian" },
};
