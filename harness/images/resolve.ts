// resolveImage: the one call components make to get an image reference. HARNESS_IMAGES chooses
// where images come from: official (registry only), forge (build locally only) or auto (default:
// an image already present, else a pull where a registry answers, else the forge).
import { progress } from "../runtime/exec.js";
import { imageSpec } from "./catalog.js";
import { inspectImage, pullImage, type ImageInfo } from "./docker.js";
import { ImageError } from "./errors.js";
import { currentForged, forgeImage, type ForgeResult } from "./forge.js";
import type { ImageSpec } from "./types.js";

export type ImageSource = "official" | "forge" | "local";

export interface ResolvedImage {
  ref: string;
  /** official: pulled now; local: the official image was already in the engine; forge: built here. */
  source: ImageSource;
  provenance: Record<string, string>;
}

type Mode = "official" | "forge" | "auto";

function mode(): Mode {
  const value = process.env.HARNESS_IMAGES ?? "auto";
  if (value === "official" || value === "forge" || value === "auto") return value;
  throw new ImageError("*", "HARNESS_IMAGES", `unknown mode "${value}"`, "use official, forge or auto");
}

function officialProvenance(ref: string, image: ImageInfo): Record<string, string> {
  return { ref, id: image.id, digest: image.repoDigests[0] ?? "unknown", ...image.labels };
}

/** Set once a pull fails for a network reason, so later images skip straight to the forge. */
let registryDown: string | undefined;

async function pullOfficial(spec: ImageSpec & { official: string }): Promise<ResolvedImage | string> {
  if (registryDown) return registryDown;
  progress(`image ${spec.name}: pulling ${spec.official}`);
  const r = await pullImage(spec.official);
  const image = r.code === 0 ? await inspectImage(spec.official) : undefined;
  if (image) return { ref: spec.official, source: "official", provenance: officialProvenance(spec.official, image) };
  const reason = r.code === 124 ? "registry timed out" : (r.stderr.trim().split("\n").at(-1) ?? "pull failed");
  if (r.code === 124 || /lookup|dial tcp|timeout|connection refused|TLS|no route/i.test(reason)) registryDown = reason;
  return reason;
}

async function forged(name: string): Promise<ResolvedImage> {
  const result = await forgeImage(name);
  return { ref: result.ref, source: "forge", provenance: result.labels };
}

/** A harness layer: its engine resolved as any image is, then the layer built FROM it here. */
async function layered(spec: ImageSpec, opts: { force?: boolean } = {}): Promise<{ engine: ResolvedImage; layer: ForgeResult }> {
  const engine = await resolveImage(spec.layerOf!);
  const info = await inspectImage(engine.ref);
  if (!info) throw new ImageError(spec.name, "base", `${engine.ref} is not in the engine`, "rerun; it was resolved a moment ago");
  return { engine, layer: await forgeImage(spec.name, { ...opts, base: { ref: engine.ref, id: info.id } }) };
}

/** Builds (or finds current) the layer `name` over its engine as it resolves now. */
export async function buildLayer(name: string, opts: { force?: boolean } = {}): Promise<ForgeResult> {
  const spec = imageSpec(name);
  if (!spec.layerOf) throw new ImageError(name, "layer", "not a harness layer", "forge it with `harness images build`");
  return (await layered(spec, opts)).layer;
}

async function resolve(name: string): Promise<ResolvedImage> {
  const spec = imageSpec(name);
  if (spec.layerOf) {
    // The source is the engine's (official, local or forge): the layer itself is always built here.
    const { engine, layer } = await layered(spec);
    return { ref: layer.ref, source: engine.source, provenance: { ...layer.labels, "pipeline-harness.engine-source": engine.source } };
  }
  const wanted = mode();
  if (wanted === "forge" || !spec.official) return forged(name);
  const present = await inspectImage(spec.official);
  if (present) return { ref: spec.official, source: "local", provenance: officialProvenance(spec.official, present) };
  if (wanted === "auto") {
    const current = await currentForged(spec);
    if (current) return { ref: spec.forged, source: "forge", provenance: current.labels };
  }
  const pulled = await pullOfficial({ ...spec, official: spec.official });
  if (typeof pulled !== "string") return pulled;
  if (wanted === "official")
    throw new ImageError(name, `pull ${spec.official}`, pulled, "make a registry reachable, or use HARNESS_IMAGES=auto or forge");
  progress(`image ${name}: no registry (${pulled}); forging ${spec.forged}`);
  return forged(name);
}

const resolved = new Map<string, Promise<ResolvedImage>>();

/** The image reference for a catalog name, resolved once per process. */
export function resolveImage(name: string): Promise<ResolvedImage> {
  let job = resolved.get(name);
  if (!job) {
    job = resolve(name);
    job.catch(() => resolved.delete(name));
    resolved.set(name, job);
  }
  return job;
}
