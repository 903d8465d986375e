// The image-level docker CLI calls the forge, the resolver and the CLI need.
import { exec, lastLine, type ExecResult } from "../runtime/exec.js";

export interface ImageInfo {
  id: string;
  labels: Record<string, string>;
  size: number;
  repoDigests: string[];
}

export async function inspectImage(ref: string): Promise<ImageInfo | undefined> {
  const r = await exec("docker", ["image", "inspect", "--format", "{{json .}}", ref], { timeoutMs: 30_000 });
  if (r.code !== 0) return undefined;
  const raw = JSON.parse(r.stdout) as { Id: string; Size: number; RepoDigests?: string[]; Config?: { Labels?: Record<string, string> | null } };
  return { id: raw.Id, labels: raw.Config?.Labels ?? {}, size: raw.Size, repoDigests: raw.RepoDigests ?? [] };
}

/** Pull with a short timeout: where no registry answers we want to know fast. */
export function pullImage(ref: string, timeoutMs = 60_000): Promise<ExecResult> {
  return exec("docker", ["pull", "--quiet", ref], { timeoutMs });
}

export async function tagImage(id: string, ref: string): Promise<void> {
  const r = await exec("docker", ["tag", id, ref], { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(lastLine(r));
}

/** Remove an image; without `force`, an image a container still uses is kept. */
export function removeImage(ref: string, force = true): Promise<ExecResult> {
  return exec("docker", ["image", "rm", ...(force ? ["--force"] : []), ref], { timeoutMs: 120_000 });
}

/** Every image carrying `label` (e.g. all forged images), as "repo:tag" or the id when untagged. */
export async function imagesWithLabel(label: string): Promise<string[]> {
  const r = await exec("docker", ["image", "ls", "--filter", `label=${label}`, "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [ref, id] = line.split(" ");
      return ref.includes("<none>") ? id : ref;
    });
}

/**
 * Remove dangling images (untagged, not a parent of a tagged one) that carry `label`: what classic
 * builds leave. Every forged image descends from the forged base, so its build stages inherit the
 * label and nobody else's images are touched.
 */
export function pruneDangling(label: string): Promise<ExecResult> {
  return exec("docker", ["image", "prune", "--force", "--filter", `label=${label}`], { timeoutMs: 300_000 });
}
