// Forge benchmark: `npx tsx scripts/bench-forge.ts [--skip-fetch]`. Heavy (downloads, compiles,
// builds); run it alone on the machine and not more than needed. Three measurements:
//  1. fetch, cold: every artifact downloaded (and Go binaries compiled) with empty host caches
//     (artifact store, Go module and build caches, Maven repository, pip cache);
//  2. build, cold with artifacts cached: forged images and build leftovers removed, then forged;
//  3. warm: nothing changed, the whole catalog checked (target ≤ 5 s).
// Writes reports/benchmarks/forge.json and forge.md with the machine it ran on.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { fetchArtifacts } from "../harness/images/artifacts.js";
import { imageSpec, withBases } from "../harness/images/catalog.js";
import { inspectImage, pruneDangling, removeImage } from "../harness/images/docker.js";
import { forgeImage, RECIPE_LABEL } from "../harness/images/forge.js";
import { machine } from "../harness/bench/machine.js";
import { exec, progress } from "../harness/runtime/exec.js";
import { cachePath, projectRoot, reportsDir } from "../harness/paths.js";

const IMAGES = ["base", "jre", "kafka", "flink", "minio", "dbt"];
const WARM_TARGET_SECONDS = 5;

interface ImageRow {
  fetchSeconds?: number;
  fetchMB?: number;
  fetchFiles?: number;
  buildSeconds?: number;
  sizeMB?: number;
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;


/** Run `fn` with empty host caches for mvn, pip and go, restoring everything afterwards. */
async function withColdHostCaches<T>(fn: () => Promise<T>): Promise<T> {
  const store = cachePath("artifacts");
  const kept = cachePath("artifacts.bench-kept");
  const caches = cachePath("bench-host-caches");
  const savedEnv = { ...process.env };
  fs.rmSync(kept, { recursive: true, force: true });
  if (fs.existsSync(store)) fs.renameSync(store, kept);
  Object.assign(process.env, {
    GOCACHE: path.join(caches, "go-build"),
    GOMODCACHE: path.join(caches, "go-mod"),
    GOFLAGS: `${process.env.GOFLAGS ?? ""} -modcacherw`.trim(), // so the module cache can be deleted
    MAVEN_OPTS: `-Dmaven.repo.local=${path.join(caches, "m2")}`,
    PIP_NO_CACHE_DIR: "1",
  });
  delete process.env.PIP_FIND_LINKS; // a local wheel folder would hide download time
  try {
    const result = await fn();
    fs.rmSync(kept, { recursive: true, force: true });
    return result;
  } catch (e) {
    fs.rmSync(store, { recursive: true, force: true });
    if (fs.existsSync(kept)) fs.renameSync(kept, store);
    throw e;
  } finally {
    process.env = savedEnv;
    fs.rmSync(caches, { recursive: true, force: true });
  }
}

async function coldFetch(rows: Record<string, ImageRow>): Promise<void> {
  await withColdHostCaches(async () => {
    for (const name of IMAGES) {
      progress(`bench: fetch ${name} (cold)`);
      const started = Date.now();
      const entries = await fetchArtifacts(imageSpec(name));
      const files = entries.flatMap((e) => e.files);
      rows[name].fetchSeconds = seconds(started);
      rows[name].fetchFiles = files.length;
      rows[name].fetchMB = Math.round(files.reduce((s, f) => s + f.size, 0) / 1e6);
    }
  });
}

async function coldBuild(rows: Record<string, ImageRow>): Promise<void> {
  for (const name of [...IMAGES].reverse()) await removeImage(imageSpec(name).forged);
  await pruneDangling(RECIPE_LABEL);
  for (const name of IMAGES) {
    progress(`bench: build ${name} (cold, artifacts cached)`);
    const started = Date.now();
    const result = await forgeImage(name);
    rows[name].buildSeconds = seconds(started);
    rows[name].sizeMB = Math.round(((await inspectImage(result.ref))?.size ?? 0) / 1e6);
  }
}

/** Warm check of the whole catalog, in this process and as a fresh CLI process. */
async function warm(): Promise<{ inProcess: number; cliProcess: number; images: number }> {
  const all = withBases([]);
  for (const spec of all) await forgeImage(spec.name); // images outside the benchmark set become current again
  let started = Date.now();
  for (const spec of all) if ((await forgeImage(spec.name)).built) throw new Error(`warm check rebuilt ${spec.name}`);
  const inProcess = seconds(started);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const cli = pathToFileURL(path.join(projectRoot(), "harness/images/cli.ts")).href;
  started = Date.now();
  const r = await exec(process.execPath, ["--import", tsx, "--input-type=module", "-e", `import { runImagesCommand } from "${cli}"; process.exitCode = await runImagesCommand(["build"]);`]);
  const cliProcess = seconds(started);
  if (r.code !== 0) throw new Error(`images build (warm) failed: ${r.stderr.trim().split("\n").at(-1)}`);
  return { inProcess, cliProcess, images: all.length };
}

function markdown(report: { machine: Record<string, string | number>; date: string; images: Record<string, ImageRow>; warm: Awaited<ReturnType<typeof warm>> }): string {
  const m = report.machine;
  const cell = (v: number | undefined, unit = "") => (v === undefined ? "–" : `${v}${unit}`);
  const lines = [
    "# Forge benchmark",
    "",
    `${report.date} · ${m.nproc} cores (${m.cpu}) · ${m.memGiB} GiB · Docker ${m.docker} · ${m.os} · Node ${m.node}`,
    "",
    "Fetch: artifacts downloaded (Go: also compiled) with empty host caches. Build: forged image and",
    "build leftovers removed, artifacts cached (base includes debootstrap; apt runs inside builds).",
    "",
    "| image | fetch (s) | fetched | build (s) | image size |",
    "|---|---:|---:|---:|---:|",
    ...Object.entries(report.images).map(
      ([name, r]) => `| ${name} | ${cell(r.fetchSeconds)} | ${r.fetchFiles === undefined ? "–" : `${r.fetchFiles} files, ${r.fetchMB} MB`} | ${cell(r.buildSeconds)} | ${cell(r.sizeMB, " MB")} |`,
    ),
    "",
    `Warm (nothing changed, all ${report.warm.images} catalog images checked): ${report.warm.inProcess} s in process, ` +
      `${report.warm.cliProcess} s as a fresh \`images build\` process (target ≤ ${WARM_TARGET_SECONDS} s).`,
    "",
  ];
  return lines.join("\n");
}

const skipFetch = process.argv.includes("--skip-fetch");
const rows: Record<string, ImageRow> = Object.fromEntries(IMAGES.map((n) => [n, {}]));
const report = { machine: await machine(), date: new Date().toISOString(), images: rows, warm: { inProcess: 0, cliProcess: 0, images: 0 } };
if (!skipFetch) await coldFetch(rows);
await coldBuild(rows);
report.warm = await warm();
const dir = path.join(reportsDir(), "benchmarks");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "forge.json"), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(path.join(dir, "forge.md"), markdown(report));
process.stdout.write(markdown(report));
