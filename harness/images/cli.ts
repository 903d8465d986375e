// `harness images list | build [name…] [--force] | prune [--artifacts]`.
import fs from "node:fs";
import { cachePath } from "../paths.js";
import { catalog, withBases } from "./catalog.js";
import { imagesWithLabel, inspectImage, pruneDangling, removeImage } from "./docker.js";
import { ImageError } from "./errors.js";
import { currentForged, forgeImage, RECIPE_LABEL } from "./forge.js";

const USAGE = "usage: harness images list | build [name…] [--force] | prune [--artifacts]";

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

/** What each catalog image would resolve to now, without pulling or building anything. */
async function list(): Promise<number> {
  const rows = [["NAME", "VERSION", "SOURCE", "REFERENCE", "SIZE", "PRESENT"]];
  for (const spec of Object.values(catalog)) {
    const official = spec.official ? await inspectImage(spec.official) : undefined;
    const forged = official ? undefined : await inspectImage(spec.forged);
    const current = forged ? await currentForged(spec) : undefined;
    const [source, ref, image] = official
      ? ["local", spec.official!, official]
      : forged
        ? [current ? "forge" : "forge (stale)", spec.forged, forged]
        : ["forge (to build)", spec.forged, undefined];
    rows.push([spec.name, spec.version, source, ref, image ? mb(image.size) : "-", image ? "yes" : "no"]);
  }
  process.stdout.write(`${table(rows)}\n`);
  return 0;
}

async function build(args: string[]): Promise<number> {
  const force = args.includes("--force");
  const names = args.filter((a) => a !== "--force");
  const rows = [["NAME", "REFERENCE", "RESULT", "SECONDS", "SIZE"]];
  for (const spec of withBases(names)) {
    const r = await forgeImage(spec.name, { force: force && (names.length === 0 || names.includes(spec.name)) });
    const size = (await inspectImage(r.ref))?.size ?? 0;
    rows.push([spec.name, r.ref, r.built ? "built" : "up to date", r.seconds.toFixed(1), mb(size)]);
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
