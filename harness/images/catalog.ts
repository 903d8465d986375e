// The image catalog: the single source of truth for every component image. Components never name
// an image themselves; they ask resolveImage(name) (resolve.ts) for a reference.
import { ImageError } from "./errors.js";
import * as specs from "./specs/index.js";
import type { ImageSpec } from "./types.js";

export const catalog: Readonly<Record<string, ImageSpec>> = Object.fromEntries(Object.values(specs).map((s) => [s.name, s]));

/**
 * The core images: those of the fixed CI core (P00, P01, P12 — their stacks' images and bases).
 * `harness images build --core` (set-up with --images, before `npm test`) builds these on a fresh
 * machine; an image only another pipeline needs is built when that pipeline runs.
 */
export const CORE_IMAGES = ["kafka", "minio", "postgres", "flink-lakehouse", "dbt", "debezium", "base", "python"] as const;

export function imageSpec(name: string): ImageSpec {
  const spec = catalog[name];
  if (!spec) throw new ImageError(name, "catalog", "unknown image", `use one of: ${Object.keys(catalog).join(", ")}`);
  return spec;
}

/** The named images (all when none) with their bases and a layer's engine first: the order the forge builds in. */
export function withBases(names: string[]): ImageSpec[] {
  const ordered: ImageSpec[] = [];
  const visit = (spec: ImageSpec) => {
    if (ordered.includes(spec)) return;
    if (spec.base) visit(imageSpec(spec.base));
    if (spec.layerOf) visit(imageSpec(spec.layerOf));
    ordered.push(spec);
  };
  for (const name of names.length ? names : Object.keys(catalog)) visit(imageSpec(name));
  return ordered;
}
