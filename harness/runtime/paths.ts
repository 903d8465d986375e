// Where things live on the host: the project root and its git-ignored cache.
import { fileURLToPath } from "node:url";
import path from "node:path";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A path under the project's `.cache/`, e.g. cachePath("engine", "dockerd.log"). */
export function cachePath(...parts: string[]): string {
  return path.join(projectRoot, ".cache", ...parts);
}
