// `harness images list | build [name…|--core] [--force] [--tag-official] | prune [--artifacts]`.
import fs from "node:fs";
import { cachePath } from "../paths.js";
import { catalog, CORE_IMAGES, withBases } from "./catalog.js";
import { imagesWithLabel, inspectImage, pruneDangling, removeImage, tagImage } from "./docker.js";
import { ImageError } from "./errors.js";
import { currentForged, forgeImage, RECIPE_LABEL } from "./forge.js";
import { buildLayer } from "./resolve.js";

const USAGE = "usage: harness images list | build [name…|--core] [--force] [--tag-official] | prune [--artifacts]";

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

/**
 * What each catalog image would resolve to now, without pulling or building anything: engines (an
 * official image present, else the forged replica) and harness layers with the base they were built on.
 */
async function list(): Promise<number> {
  const rows = [["NAME", "KIND", "VERSION", "SOURCE", "REFERENCE", "BASE", "SIZE"]];
  for (const spec of Object.values(catalog)) {
    const official = spec.official ? await inspectImage(spec.official) : undefined;
    const forged = official ? undefined : await inspectImage(spec.forged);
    const current = forged ? await currentForged(spec) : undefined;
    const image = official ?? forged;
    // an official name on an image the forge made (images build --tag-official): a replica
    const replica = official?.labels[RECIPE_LABEL] ? " (forged replica)" : "";
    const source = official ? `local${replica}` : forged ? (current ? "forge" : "forge (stale)") : "forge (to build)";
    const base = spec.layerOf ? (image?.labels["pipeline-harness.base"] ?? `${spec.layerOf} (to build)`) : (image?.labels["pipeline-harness.base"] ?? "-");
    rows.push([spec.name, spec.layerOf ? "layer" : "engine", spec.version, source, official ? spec.official! : spec.forged, base, image ? mb(image.size) : "-"]);
  }
  process.stdout.write(`${table(rows)}\n`);
  return 0;
}

async function build(args: string[]): Promise<number> {
  const force = args.includes("--force");
  const tagOfficial = args.includes("--tag-official");
  const names = args.includes("--core") ? [...CORE_IMAGES] : args.filter((a) => !a.startsWith("--"));
  const rows = [["NAME", "REFERENCE", "RESULT", "SECONDS", "SIZE"]];
  for (const spec of withBases(names)) {
    const forceThis = force && (names.length === 0 || names.includes(spec.name));
    const t0 = Date.now();
    // a layer is built over its engine as it resolves now (official, present or forged)
    const r = spec.layerOf ? await buildLayer(spec.name, { force: forceThis }) : await forgeImage(spec.name, { force: forceThis });
    const size = (await inspectImage(r.ref))?.size ?? 0;
    rows.push([spec.name, r.ref, r.built ? "built" : "up to date", ((Date.now() - t0) / 1000).toFixed(1), mb(size)]);
    // The replica under the official name, for a run with HARNESS_IMAGES=official where no registry answers.
    if (tagOfficial && spec.official) {
      await tagImage(r.ref, spec.official);
      rows.push([spec.name, spec.official, `tagged (replica of ${spec.official})`, "0.0", mb(size)]);
    }
  }
  process.stdout.write(`${table(rows)}\n`);
  return 0;
}

async function prune(args: string[]): Promise<number> {
  const images = await imagesWithLabel(RECIPE_LABEL);
  for (const ref of images) {
    const r = await removeImage(ref);
    process.stdout.write(`${r.code === 0 ? "removed" : "kept (in use?)"} ${ref}\n`);
  }
  // Build leftovers: intermediate stages and replaced images, untagged and unused by anything.
  await pruneDangling(RECIPE_LABEL);
  fs.rmSync(cachePath("forge"), { recursive: true, force: true });
  process.stdout.write("removed the harness's dangling images and .cache/forge\n");
  if (args.includes("--artifacts")) {
    fs.rmSync(cachePath("artifacts"), { recursive: true, force: true });
    process.stdout.write("removed .cache/artifacts\n");
  }
  return 0;
}

export async function runImagesCommand(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    if (verb === "list") return await list();
    if (verb === "build") return await build(rest);
    if (verb === "prune") return await prune(rest);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (e) {
    if (!(e instanceof ImageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 1;
  }
}
