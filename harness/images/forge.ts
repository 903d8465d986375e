// The forge: builds catalog images with no container registry. Artifacts come from the host's
// clients (artifacts.ts), the build runs in the local engine, and the result is tagged only when
// the build succeeded. Unchanged recipes are not rebuilt (recipe.ts has the hash).
import fs from "node:fs";
import path from "node:path";
import { ensureEngine } from "../runtime/engine.js";
import { exec, heartbeat, progress } from "../runtime/exec.js";
import { withFileLock } from "../runtime/lock.js";
import { cachePath } from "../paths.js";
import { fetchArtifacts } from "./artifacts.js";
import { imageSpec } from "./catalog.js";
import { inspectImage, removeImage, tagImage } from "./docker.js";
import { ImageError, wayOutFor } from "./errors.js";
import { assembleContext, provenanceLabels, recipeHash } from "./recipe.js";
import type { ImageSpec } from "./types.js";

export const RECIPE_LABEL = "pipeline-harness.recipe";

export interface ForgeResult {
  ref: string;
  id: string;
  labels: Record<string, string>;
  /** False when the image was already up to date. */
  built: boolean;
  seconds: number;
}

let engineChecked: Promise<void> | undefined;

function requireEngine(image: string): Promise<void> {
  engineChecked ??= ensureEngine({ install: false }).then((s) => {
    if (!s.ok) throw new ImageError(image, "engine", s.reason, "start one with `node bin/harness.js engine up`");
  });
  return engineChecked;
}

/** An image a build starts FROM. */
export interface BaseImage {
  ref: string;
  id: string;
}

/**
 * The forged image when it is present and its recipe hash is current; no downloads, no build. A
 * layer is current over the base it is given (without one, over the base it was built on).
 */
export async function currentForged(spec: ImageSpec, layerBase?: BaseImage): Promise<{ id: string; labels: Record<string, string> } | undefined> {
  if (spec.unforgeable) return undefined;
  if (spec.layerOf && !layerBase) {
    const built = await inspectImage(spec.forged);
    const baseId = built?.labels["pipeline-harness.base-id"];
    return baseId ? currentForged(spec, { ref: built.labels["pipeline-harness.base"] ?? "", id: baseId }) : undefined;
  }
  const base = layerBase ?? (spec.base ? await currentForged(imageSpec(spec.base)) : undefined);
  if (spec.base && !base) return undefined;
  const hash = recipeHash(spec, base?.id);
  const image = hash ? await inspectImage(spec.forged) : undefined;
  return image && image.labels[RECIPE_LABEL] === hash ? image : undefined;
}

function buildFailure(spec: ImageSpec, step: string, output: string): ImageError {
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  const reason = lines.filter((l) => !/^(Removing intermediate|--->)/.test(l)).at(-1) ?? "failed";
  return new ImageError(spec.name, step, reason, wayOutFor(output) ?? `see ${cachePath("forge", `${spec.name}.log`)}`);
}

/** docker build (the classic builder: no buildx here) to an untagged image; returns its id. */
async function dockerBuild(spec: ImageSpec, context: string, labels: Record<string, string>, baseRef: string | undefined): Promise<string> {
  const iidfile = path.join(context, ".iid");
  const args = ["build", "--force-rm", "--iidfile", iidfile, ...(baseRef ? ["--build-arg", `BASE=${baseRef}`] : [])];
  for (const [k, v] of Object.entries(labels)) args.push("--label", `${k}=${v}`);
  const log = fs.createWriteStream(cachePath("forge", `${spec.name}.log`));
  let step = "starting";
  const stop = heartbeat(20, () => `forge ${spec.name}: ${step}`);
  const r = await exec("docker", [...args, context], {
    env: { ...process.env, DOCKER_BUILDKIT: "0" },
    timeoutMs: 3_600_000,
    onLine: (line) => {
      log.write(`${line}\n`);
      const m = /^Step (\d+\/\d+) : (.*)$/.exec(line) ?? /^Sending build context to Docker daemon\s+(\S+)/.exec(line);
      if (!m) return;
      step = m[2] ? `step ${m[1]} ${m[2].slice(0, 90)}` : `sending context ${m[1]}`;
      progress(`forge ${spec.name}: ${step}`);
    },
  }).finally(stop);
  log.end();
  if (r.code !== 0) throw buildFailure(spec, `build (${step})`, `${r.stdout}\n${r.stderr}`);
  return fs.readFileSync(iidfile, "utf8").trim();
}

/** debootstrap and the root-owned tree it makes need root: a user who is not root goes through `sudo -n` (a CI runner, a developer with sudo). */
const asRoot = (command: string, args: string[]): [string, string[]] => (process.getuid?.() === 0 ? [command, args] : ["sudo", ["-n", command, ...args]]);

/** A root image: the recipe's rootfs.sh runs debootstrap on the host, `docker import` makes the image. */
async function importRootfs(spec: ImageSpec, context: string, labels: Record<string, string>): Promise<string> {
  const { suite, mirror } = spec.rootfs!;
  const rootfs = path.join(context, "rootfs");
  const log = fs.createWriteStream(cachePath("forge", `${spec.name}.log`));
  let last = "debootstrap";
  const stop = heartbeat(10, () => `forge ${spec.name}: ${last}`);
  try {
    const boot = await exec(...asRoot("bash", [path.join(context, "rootfs.sh"), suite, mirror, rootfs]), {
      timeoutMs: 1_800_000,
      onLine: (line) => (log.write(`${line}\n`), /^I: (Retrieving|Validating|Extracting|Installing|Configuring|Base system)/.test(line) && (last = line.slice(3, 90))),
    });
    if (boot.code !== 0) throw buildFailure(spec, "debootstrap", `${boot.stdout}\n${boot.stderr}`);
    progress(`forge ${spec.name}: importing the root filesystem`);
    const changes = [...Object.entries(labels).map(([k, v]) => `LABEL ${k}=${JSON.stringify(v)}`), "ENV LANG=C.UTF-8", 'CMD ["bash"]'];
    const tar = asRoot("tar", []).flat().join(" ");
    const script = `dir="$1"; shift; ${tar} -C "$dir" --numeric-owner -c . | docker import "$@" -`;
    const imp = await exec("sh", ["-c", script, "sh", rootfs, ...changes.flatMap((c) => ["--change", c])], { timeoutMs: 600_000 });
    if (imp.code !== 0) throw buildFailure(spec, "docker import", `${imp.stdout}\n${imp.stderr}`);
    return imp.stdout.trim();
  } finally {
    stop();
    log.end();
    await exec(...asRoot("rm", ["-rf", rootfs]), { timeoutMs: 120_000 });
  }
}

async function build(spec: ImageSpec, force: boolean, layerBase: BaseImage | undefined): Promise<ForgeResult> {
  const started = Date.now();
  if (spec.layerOf && !layerBase) throw new ImageError(spec.name, "base", `a layer needs the ${spec.layerOf} image it is built on`, `resolve it with resolveImage("${spec.name}")`);
  const base = layerBase ?? (spec.base ? await forgeImage(spec.base, { force: false }) : undefined);
  const lockFile = cachePath("forge", `${spec.name}.lock`);
  return withFileLock(lockFile, async () => {
    const done = (image: { id: string; labels: Record<string, string> }, built: boolean): ForgeResult => ({
      ref: spec.forged,
      ...image,
      built,
      seconds: (Date.now() - started) / 1000,
    });
    const current = force ? undefined : await currentForged(spec, layerBase);
    if (current) return done(current, false);

    await requireEngine(spec.name);
    const entries = await fetchArtifacts(spec);
    const hash = recipeHash(spec, base?.id)!;
    // An interrupted root-filesystem build leaves a root-owned tree that a user who is not root cannot remove.
    if (spec.rootfs) await exec(...asRoot("rm", ["-rf", path.join(cachePath("forge", spec.name), "rootfs")]), { timeoutMs: 120_000 });
    const context = assembleContext(spec, entries);
    const labels = provenanceLabels(spec, hash, base && { ref: base.ref, id: base.id }, entries);
    progress(`forge ${spec.name}: building ${spec.forged} (recipe ${hash})`);
    const id = spec.rootfs ? await importRootfs(spec, context, labels) : await dockerBuild(spec, context, labels, base?.ref);
    const previous = await inspectImage(spec.forged);
    try {
      await tagImage(id, spec.forged);
    } catch (e) {
      throw new ImageError(spec.name, "tag", (e as Error).message, "rerun; the built image is kept untagged");
    }
    // The image this one replaces would linger untagged; one still used by a container stays.
    if (previous && previous.id !== id) await removeImage(previous.id, false);
    const image = (await inspectImage(spec.forged))!;
    progress(`forge ${spec.name}: built ${spec.forged} in ${((Date.now() - started) / 1000).toFixed(0)} s, ${(image.size / 1e6).toFixed(0)} MB`);
    return done(image, true);
  }, (holder) => progress(`forge ${spec.name}: process ${holder} is forging it; waiting`));
}

const inFlight = new Map<string, Promise<ForgeResult>>();

/**
 * Forge one catalog image (and its bases) unless it is current; `force` rebuilds this one image.
 * A layer is built FROM `base`, the engine image resolved for it (resolve.ts).
 */
export function forgeImage(name: string, opts: { force?: boolean; base?: BaseImage } = {}): Promise<ForgeResult> {
  const spec = imageSpec(name);
  if (spec.unforgeable) return Promise.reject(new ImageError(name, "forge", `no replica can be forged: ${spec.unforgeable}`, `pull ${spec.official ?? "the official image"} where a registry serves it`));
  const key = `${name}:${Boolean(opts.force)}:${opts.base?.id ?? ""}`;
  let job = inFlight.get(key);
  if (!job) {
    job = build(spec, Boolean(opts.force), opts.base).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
  }
  return job;
}
