// A forged image's identity (the recipe hash) and its build context.
// The hash covers everything that changes what gets built: the recipe folder, the catalog entry,
// the pinned artifact hashes and the base image id. An image is rebuilt only when it changes.
import fs from "node:fs";
import path from "node:path";
import { cachePath, projectRoot } from "../paths.js";
import { LOCK_FILE, lockedState, placeArtifacts, sha256Text, stableJson, type ArtifactEntry } from "./artifacts.js";
import type { ImageSpec } from "./types.js";

/** Recipe files (relative path → content hash), the lock excluded: its pins enter via lockedState. */
function recipeFiles(spec: ImageSpec): Record<string, string> {
  const root = path.join(projectRoot(), spec.recipe);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== "target") walk(full); // a Maven project's local build output is not the recipe
      }
      else if (d.name !== LOCK_FILE) files[path.relative(root, full)] = sha256Text(fs.readFileSync(full)) + (fs.statSync(full).mode & 0o111 ? "+x" : "");
    }
  };
  if (fs.existsSync(root)) walk(root);
  return files;
}

/** The recipe hash, or undefined when the lock does not yet pin every artifact (fetch first). */
export function recipeHash(spec: ImageSpec, baseId: string | undefined): string | undefined {
  const artifacts = lockedState(spec);
  if (!artifacts.complete) return undefined;
  return sha256Text(stableJson({ spec, files: recipeFiles(spec), artifacts: artifacts.digest, baseId: baseId ?? null })).slice(0, 24);
}

/** Assemble .cache/forge/<name>/: the recipe folder plus the artifacts (hard links). */
export function assembleContext(spec: ImageSpec, entries: ArtifactEntry[]): string {
  const context = cachePath("forge", spec.name);
  fs.rmSync(context, { recursive: true, force: true });
  fs.cpSync(path.join(projectRoot(), spec.recipe), context, { recursive: true, filter: (src) => ![LOCK_FILE, "target"].includes(path.basename(src)) });
  placeArtifacts(entries, context);
  return context;
}

/** Provenance labels every forged image carries. */
export function provenanceLabels(spec: ImageSpec, hash: string, base: { ref: string; id: string } | undefined, entries: ArtifactEntry[]): Record<string, string> {
  const artifacts = Object.fromEntries(entries.map((e) => [e.describe, sha256Text(stableJson(e.locked))]));
  const info = Object.assign({}, ...entries.map((e) => e.info)) as Record<string, string>;
  return {
    "pipeline-harness.image": spec.name,
    "pipeline-harness.recipe": hash,
    "pipeline-harness.version": spec.version,
    "pipeline-harness.upstream": spec.official ?? "none",
    "pipeline-harness.built": new Date().toISOString(),
    ...(base ? { "pipeline-harness.base": base.ref, "pipeline-harness.base-id": base.id } : {}),
    ...(entries.length ? { "pipeline-harness.artifacts": stableJson(artifacts), "pipeline-harness.lock": `${spec.recipe}/${LOCK_FILE}` } : {}),
    ...(Object.keys(info).length ? { "pipeline-harness.info": stableJson(info) } : {}),
  };
}
