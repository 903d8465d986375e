// Artifacts: what the forge downloads on the host (mvn, pip, go: the host's clients are set up for
// this network, containers are not) before COPYing it into a build.
//
// Store: .cache/artifacts/blobs/<sha256> holds each file once (content-addressed), and
// .cache/artifacts/entries/<key>.json says which blobs one artifact spec produced, so a rerun
// resumes from whatever was fetched already. Lock: images/<name>/artifacts.lock.json (committed)
// pins the sha256 of every downloaded file; a later download that differs is an error.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { exec, heartbeat, lastLine, progress, type ExecResult } from "../runtime/exec.js";
import { cachePath, projectRoot } from "../paths.js";
import { sha256File } from "../runtime/files.js";
import { ImageError, wayOutFor } from "./errors.js";
import type { Artifact, ImageSpec } from "./types.js";

/** A file an artifact puts into the build context, at `path` (relative to the context). */
export interface PlacedFile {
  path: string;
  sha256: string;
  size: number;
}

export interface ArtifactEntry {
  key: string;
  describe: string;
  files: PlacedFile[];
  /** Downloaded file name → sha256: what the lock pins (for Go: the module zip, not the binary). */
  locked: Record<string, string>;
  /** Facts for provenance, e.g. the Go toolchain that built a binary. */
  info: Record<string, string>;
}

type Lock = Record<string, { key: string; sha256: Record<string, string> }>;

const MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
/**
 * Every manylinux tag bookworm's glibc (2.36) can run: the host's pip (23.x) takes --platform
 * literally, so the older tags are listed rather than implied.
 */
const PIP_PLATFORMS = ["manylinux1_x86_64", "manylinux2010_x86_64", "manylinux2014_x86_64", ...Array.from({ length: 32 }, (_, i) => `manylinux_2_${i + 5}_x86_64`)];

const store = (...parts: string[]) => cachePath("artifacts", ...parts);

export const sha256Text = (text: string | Buffer) => crypto.createHash("sha256").update(text).digest("hex");

/** JSON with sorted keys, so hashes do not depend on property order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function describeArtifact(a: Artifact): string {
  switch (a.kind) {
    case "maven":
      return `maven ${a.coordinate}${a.transitive ? " +deps" : ""}${a.exclude?.length ? ` -${a.exclude.join(" -")}` : ""}`;
    case "pypi":
      return `pypi ${[...(a.requirementsFiles ?? []), ...a.requirements].join(" ")}`;
    case "go":
      return `go ${a.pkg}@${a.version}`;
    case "maven-build":
      return `mvn package ${a.project}`;
    case "file":
      return `file ${a.source}`;
  }
}

/** The requirement lines of a pypi artifact: the files' lines, then the extra pins. */
function requirementLines(a: Extract<Artifact, { kind: "pypi" }>): string[] {
  const fromFiles = (a.requirementsFiles ?? []).flatMap((f) => fs.readFileSync(path.join(projectRoot(), f), "utf8").split("\n"));
  return [...fromFiles, ...a.requirements].map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
}

/** How a kind is fetched also decides what arrives: a change here refetches instead of failing the lock. */
function fetchParameters(a: Artifact): string {
  if (a.kind === "maven" || a.kind === "maven-build") return MAVEN_DEPENDENCY_PLUGIN;
  if (a.kind === "pypi") return a.noDeps ? "sdist from the PyPI simple API" : PIP_PLATFORMS.join(",");
  return "";
}

/** Identifies an artifact by its spec, its inputs (requirement files, copied files) and how it is fetched. */
function artifactKey(a: Artifact): string {
  const inputs =
    a.kind === "pypi" ? requirementLines(a).join("\n")
    : a.kind === "file" ? sha256Text(fs.readFileSync(path.resolve(projectRoot(), a.source)))
    : a.kind === "maven-build" ? sourcesDigest(path.resolve(projectRoot(), a.project))
    : "";
  return sha256Text(stableJson(a) + inputs + fetchParameters(a)).slice(0, 32);
}

/** The lock file in each recipe folder (committed). */
export const LOCK_FILE = "artifacts.lock.json";

const lockPath = (spec: ImageSpec) => path.join(projectRoot(), spec.recipe, LOCK_FILE);

function readLock(spec: ImageSpec): Lock {
  const file = lockPath(spec);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Lock) : {};
}

function writeLock(spec: ImageSpec, entries: ArtifactEntry[]): void {
  if (entries.length === 0) return;
  const lock: Lock = Object.fromEntries(entries.map((e) => [e.describe, { key: e.key, sha256: e.locked }]));
  const text = `${JSON.stringify(JSON.parse(stableJson(lock)), null, 2)}\n`;
  const file = lockPath(spec);
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
}

/**
 * The lock's view of an image's artifacts without fetching anything: complete when every artifact
 * has a lock entry for its current key. The digest feeds the recipe hash.
 */
export function lockedState(spec: ImageSpec): { complete: boolean; digest: string } {
  const lock = readLock(spec);
  const pins = spec.artifacts.map((a) => {
    const entry = lock[describeArtifact(a)];
    return entry && entry.key === artifactKey(a) ? entry : undefined;
  });
  return { complete: pins.every(Boolean), digest: sha256Text(stableJson(pins)) };
}

// ---- fetchers: each downloads one artifact into `tmp` and says what it produced ----

interface Fetched {
  /** Files for the context: temporary path → path in the context. */
  files: Array<{ from: string; to: string }>;
  /** Downloaded files the lock pins: name → path on disk. */
  locked: Record<string, string>;
  info: Record<string, string>;
}

type Step = (r: ExecResult, what: string) => void;

async function fetchMaven(a: Extract<Artifact, { kind: "maven" }>, tmp: string, check: Step): Promise<Fetched> {
  const [groupId, artifactId, version, type = "jar", classifier] = a.coordinate.split(":");
  const classifierXml = classifier ? `<classifier>${classifier}</classifier>` : "";
  const exclusionsXml = a.exclude?.length
    ? `<exclusions>${a.exclude.map((ga) => ga.split(":")).map(([g, id]) => `<exclusion><groupId>${g}</groupId><artifactId>${id}</artifactId></exclusion>`).join("")}</exclusions>`
    : "";
  fs.writeFileSync(
    path.join(tmp, "pom.xml"),
    `<project><modelVersion>4.0.0</modelVersion><groupId>pipeline-harness</groupId><artifactId>fetch</artifactId>` +
      `<version>0</version><packaging>pom</packaging><dependencies><dependency><groupId>${groupId}</groupId>` +
      `<artifactId>${artifactId}</artifactId><version>${version}</version><type>${type}</type>${classifierXml}${exclusionsXml}` +
      `</dependency></dependencies></project>\n`,
  );
  const out = path.join(tmp, "out");
  let files = 0;
  const stop = heartbeat(10, () => `  maven ${a.coordinate}: ${files} files downloaded`);
  const r = await exec(
    "mvn",
    ["-B", "-f", "pom.xml", `${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${out}`, "-DincludeScope=runtime", ...(a.transitive ? [] : ["-DexcludeTransitive=true"])],
    { cwd: tmp, timeoutMs: 1_800_000, onLine: (l) => /Downloaded from/.test(l) && files++ },
  ).finally(stop);
  check(r, `mvn copy-dependencies ${a.coordinate}`);
  const names = fs.readdirSync(out).sort();
  return {
    files: names.map((n) => ({ from: path.join(out, n), to: path.join(a.dest, n) })),
    locked: Object.fromEntries(names.map((n) => [n, path.join(out, n)])),
    info: {},
  };
}

/** The files of a source tree (build output left out), as one digest: a change to any of them rebuilds. */
function sourcesDigest(dir: string): string {
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .filter((f) => !f.split(path.sep).includes("target"))
    .sort();
  return sha256Text(files.map((f) => `${f}\0${sha256Text(fs.readFileSync(path.join(dir, f)))}`).join("\n"));
}

/** A Maven project built in a copy of its sources: its jar, and its runtime dependencies (target/lib, locked). */
async function fetchMavenBuild(a: Extract<Artifact, { kind: "maven-build" }>, tmp: string, check: Step): Promise<Fetched> {
  const src = path.join(tmp, "src");
  fs.cpSync(path.resolve(projectRoot(), a.project), src, { recursive: true, filter: (f) => path.basename(f) !== "target" });
  let files = 0;
  const stop = heartbeat(10, () => `  mvn package ${a.project}: ${files} files downloaded`);
  const r = await exec("mvn", ["-B", "package", "-DskipTests"], { cwd: src, timeoutMs: 1_800_000, onLine: (l) => /Downloaded from/.test(l) && files++ }).finally(stop);
  check(r, `mvn package (${a.project})`);
  const target = path.join(src, "target");
  const jars = fs.readdirSync(target).filter((n) => n.endsWith(".jar"));
  // target/lib: the runtime dependencies, if the pom copies any (a jar whose dependencies the image provides has none)
  const lib = fs.existsSync(path.join(target, "lib")) ? fs.readdirSync(path.join(target, "lib")).sort() : [];
  return {
    files: [...jars.map((n) => ({ from: path.join(target, n), to: path.join(a.dest, n) })), ...lib.map((n) => ({ from: path.join(target, "lib", n), to: path.join(a.dest, "lib", n) }))],
    locked: Object.fromEntries(lib.map((n) => [n, path.join(target, "lib", n)])),
    info: { [`${path.basename(a.project)}.maven`]: (await exec("mvn", ["-v"])).stdout.split("\n")[0] ?? "" },
  };
}

/** name==version pins from locked file names, so a fresh machine downloads the same set again. */
function constraintsFromLock(names: string[]): string {
  return names
    .map((n) => (n.endsWith(".whl") ? n.split("-").slice(0, 2) : n.replace(/\.(tar\.gz|zip)$/, "").match(/^(.*)-([^-]+)$/)?.slice(1, 3)))
    .filter((p): p is string[] => Boolean(p))
    .map(([name, version]) => `${name}==${version}\n`)
    .join("");
}

async function fetchPypi(a: Extract<Artifact, { kind: "pypi" }>, tmp: string, check: Step, pinned: string[]): Promise<Fetched> {
  const out = path.join(tmp, "out");
  fs.mkdirSync(out, { recursive: true });
  const requirements = path.join(out, "requirements.txt");
  fs.writeFileSync(requirements, `${requirementLines(a).join("\n")}\n`);
  const constraints = path.join(tmp, "constraints.txt");
  fs.writeFileSync(constraints, constraintsFromLock(pinned));
  // Wheels for the image's interpreter and glibc, not the host's.
  const target = ["--only-binary=:all:", "--python-version", a.python, "--implementation", "cp", ...PIP_PLATFORMS.flatMap((p) => ["--platform", p])];
  const sdists = await buildWheels(a.buildFromSdist ?? [], tmp, out, check);
  let saved = 0;
  const stop = heartbeat(10, () => `  ${describeArtifact(a)}: ${saved} files saved`);
  const findLinks = sdists.length ? ["--find-links", out] : [];
  const r = await exec("python3", ["-m", "pip", "download", "--dest", out, ...target, ...findLinks, "-r", requirements, "-c", constraints], {
    timeoutMs: 1_800_000,
    onLine: (l) => /^Saved /.test(l) && saved++,
  }).finally(stop);
  check(r, "pip download");
  const names = fs.readdirSync(out).sort();
  // A wheel built here is not locked (a build is not byte-stable): its downloaded sdist is.
  const built = new Set(sdists.map((s) => s.wheel));
  const downloads = names.filter((n) => n !== "requirements.txt" && !built.has(n));
  return {
    files: names.map((n) => ({ from: path.join(out, n), to: path.join(a.dest, n) })),
    locked: Object.fromEntries([...downloads.map((n) => [n, path.join(out, n)]), ...sdists.map((s) => [s.sdist, s.path])]),
    info: {},
  };
}

/** Pure-Python pins published only as sdists: each downloaded, then built into a wheel in `out`. */
async function buildWheels(pins: string[], tmp: string, out: string, check: Step): Promise<Array<{ sdist: string; path: string; wheel: string }>> {
  const built: Array<{ sdist: string; path: string; wheel: string }> = [];
  for (const pin of pins) {
    const dir = path.join(tmp, "sdists", pin.replace(/[^A-Za-z0-9.=_-]/g, "_"));
    fs.mkdirSync(dir, { recursive: true });
    check(await exec("python3", ["-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--dest", dir, pin], { timeoutMs: 600_000 }), `pip download ${pin}`);
    const sdist = fs.readdirSync(dir)[0]!;
    const before = new Set(fs.readdirSync(out));
    const env = { ...process.env, SOURCE_DATE_EPOCH: "315532800" };
    check(await exec("python3", ["-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, path.join(dir, sdist)], { timeoutMs: 600_000, env }), `pip wheel ${sdist}`);
    const wheel = fs.readdirSync(out).find((n) => !before.has(n))!;
    built.push({ sdist, path: path.join(dir, sdist), wheel });
  }
  return built;
}

/**
 * Source distributions of exact pins, as published. pip cannot download an sdist without building
 * its metadata (which needs the package's build dependencies), so each file comes from PyPI's
 * simple API (what pip itself reads), checked against the sha256 the index publishes.
 */
async function fetchSdists(a: Extract<Artifact, { kind: "pypi" }>, tmp: string): Promise<Fetched> {
  const out = path.join(tmp, "out");
  fs.mkdirSync(out, { recursive: true });
  let bytes = 0;
  const stop = heartbeat(10, () => `  ${describeArtifact(a)}: ${(bytes / 1e6).toFixed(0)} MB downloaded`);
  try {
    for (const line of requirementLines(a)) {
      const pin = /^([A-Za-z0-9._-]+)==([^\s;]+)$/.exec(line);
      if (!pin) throw new Error(`"${line}" is not an exact pin (name==version), which sdists need`);
      const [name, version] = [pin[1].toLowerCase().replace(/[-_.]+/g, "-"), pin[2]];
      const index = await fetch(`https://pypi.org/simple/${name}/`, { headers: { Accept: "application/vnd.pypi.simple.v1+json" } });
      if (!index.ok) throw new Error(`PyPI has no project ${name} (HTTP ${index.status} Not Found)`);
      const files = ((await index.json()) as { files: Array<{ filename: string; url: string; hashes: { sha256: string } }> }).files;
      const pattern = new RegExp(`^${name.replace(/-/g, "[-_.]")}-${version.replace(/\./g, "\\.")}\\.(tar\\.gz|zip)$`, "i");
      const sdist = files.find((f) => pattern.test(f.filename));
      if (!sdist) throw new Error(`${line}: no sdist on PyPI (Not Found)`);
      const file = path.join(out, sdist.filename);
      const body = await fetch(sdist.url);
      if (!body.ok || !body.body) throw new Error(`${sdist.url}: HTTP ${body.status}`);
      const counted = Readable.fromWeb(body.body as import("node:stream/web").ReadableStream).on("data", (c: Buffer) => (bytes += c.length));
      await pipeline(counted, fs.createWriteStream(file));
      const actual = await sha256File(file);
      if (actual !== sdist.hashes.sha256) throw new Error(`${sdist.filename}: sha256 ${actual} differs from PyPI's ${sdist.hashes.sha256}`);
    }
  } finally {
    stop();
  }
  const names = fs.readdirSync(out).sort();
  return {
    files: names.map((n) => ({ from: path.join(out, n), to: path.join(a.dest, n) })),
    locked: Object.fromEntries(names.map((n) => [n, path.join(out, n)])),
    info: {},
  };
}

/** The Go toolchain: on PATH, or where Go's own installer puts it (/usr/local/go/bin is on root's PATH only). */
function goBinary(): string {
  const onPath = (process.env.PATH ?? "").split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, "go")));
  return onPath || !fs.existsSync("/usr/local/go/bin/go") ? "go" : "/usr/local/go/bin/go";
}

async function fetchGo(a: Extract<Artifact, { kind: "go" }>, tmp: string, check: Step): Promise<Fetched> {
  const ref = `${a.module}@${a.version}`;
  const dl = await exec(goBinary(), ["mod", "download", "-json", ref], { timeoutMs: 1_800_000 });
  check(dl, `go mod download ${ref}`);
  const mod = JSON.parse(dl.stdout) as { Zip: string; Sum: string };
  const bin = path.join(tmp, "bin");
  const env = { ...process.env, CGO_ENABLED: "0", GOBIN: bin };
  const stop = heartbeat(15, () => `  go install ${a.pkg}@${a.version}: compiling`);
  const r = await exec(goBinary(), ["install", "-trimpath", "-ldflags", a.ldflags ?? "-s -w", `${a.pkg}@${a.version}`], { env, timeoutMs: 3_600_000 }).finally(stop);
  check(r, `go install ${a.pkg}`);
  const goVersion = (await exec(goBinary(), ["env", "GOVERSION"])).stdout.trim();
  const binary = path.join(bin, path.basename(a.pkg));
  return {
    files: [{ from: binary, to: a.dest }],
    locked: { [`${path.basename(a.module)}@${a.version}.zip`]: mod.Zip },
    info: { [`${path.basename(a.pkg)}.go`]: goVersion, [`${path.basename(a.pkg)}.module`]: `${ref} ${mod.Sum}` },
  };
}

async function fetchFile(a: Extract<Artifact, { kind: "file" }>, tmp: string): Promise<Fetched> {
  const copy = path.join(tmp, path.basename(a.dest));
  fs.copyFileSync(path.resolve(projectRoot(), a.source), copy);
  return { files: [{ from: copy, to: a.dest }], locked: { [path.basename(a.source)]: copy }, info: {} };
}

// ---- the store ----

/** Move a downloaded file into the store under its sha256 (a file already there is kept). */
async function intoStore(file: string): Promise<{ sha256: string; size: number }> {
  const sha256 = await sha256File(file);
  const size = fs.statSync(file).size;
  const blob = store("blobs", sha256);
  if (fs.existsSync(blob)) fs.rmSync(file);
  else fs.renameSync(file, blob);
  return { sha256, size };
}

function readEntry(key: string): ArtifactEntry | undefined {
  const file = store("entries", `${key}.json`);
  if (!fs.existsSync(file)) return undefined;
  const entry = JSON.parse(fs.readFileSync(file, "utf8")) as ArtifactEntry;
  return entry.files.every((f) => fs.existsSync(store("blobs", f.sha256))) ? entry : undefined;
}

function verify(spec: ImageSpec, entry: ArtifactEntry, lock: Lock): void {
  const pinned = lock[entry.describe];
  if (!pinned || pinned.key !== entry.key) return; // new or changed artifact: the lock is rewritten
  for (const name of new Set([...Object.keys(pinned.sha256), ...Object.keys(entry.locked)])) {
    const [expected, actual] = [pinned.sha256[name] ?? "(none)", entry.locked[name] ?? "(none)"];
    if (expected !== actual)
      throw new ImageError(
        spec.name,
        `verify ${entry.describe}`,
        `${name}: sha256 expected ${expected}, actual ${actual}`,
        `if upstream really changed, delete "${entry.describe}" from ${spec.recipe}/artifacts.lock.json and rerun; otherwise the download is not what was pinned`,
      );
  }
}

async function fetchInto(spec: ImageSpec, a: Artifact, key: string, lock: Lock): Promise<ArtifactEntry> {
  const describe = describeArtifact(a);
  const tmp = store("tmp", `${key}-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fs.mkdirSync(store("blobs"), { recursive: true });
  fs.mkdirSync(store("entries"), { recursive: true });
  const check: Step = (r, what) => {
    if (r.code === 0) return;
    const output = `${r.stdout}\n${r.stderr}`;
    const reason = r.code === 124 ? "timed out" : lastLine(r);
    throw new ImageError(spec.name, `fetch ${describe}`, `${what}: ${reason}`, wayOutFor(output) ?? `see the output of \`${what}\` run by hand`);
  };
  const pinned = lock[describe]?.key === key ? Object.keys(lock[describe].sha256) : [];
  const fetcher =
    a.kind === "maven" ? fetchMaven(a, tmp, check)
    : a.kind === "maven-build" ? fetchMavenBuild(a, tmp, check)
    : a.kind === "pypi" ? (a.noDeps ? fetchSdists(a, tmp) : fetchPypi(a, tmp, check, pinned))
    : a.kind === "go" ? fetchGo(a, tmp, check)
    : fetchFile(a, tmp);
  const fetched = await fetcher.catch((e: Error) => {
    if (e instanceof ImageError) throw e;
    throw new ImageError(spec.name, `fetch ${describe}`, e.message, wayOutFor(`${e.message} ${String(e.cause ?? "")}`) ?? "check the artifact in harness/images/specs/ and rerun");
  });
  // Hash pinned downloads before the context files move into the store (they may be the same files).
  const locked: Record<string, string> = {};
  for (const [name, file] of Object.entries(fetched.locked)) locked[name] = await sha256File(file);
  const files: PlacedFile[] = [];
  for (const f of fetched.files) {
    const stored = await intoStore(f.from);
    files.push({ path: f.to, sha256: stored.sha256, size: stored.size });
  }
  const entry: ArtifactEntry = { key, describe, files, locked, info: fetched.info };
  verify(spec, entry, lock);
  fs.writeFileSync(store("entries", `${key}.json`), JSON.stringify(entry, null, 2));
  fs.rmSync(tmp, { recursive: true, force: true });
  return entry;
}

/** Fetch (or find in the store) every artifact of an image, check it against the lock, update the lock. */
export async function fetchArtifacts(spec: ImageSpec): Promise<ArtifactEntry[]> {
  const lock = readLock(spec);
  const entries: ArtifactEntry[] = [];
  for (const a of spec.artifacts) {
    const key = artifactKey(a);
    const cached = readEntry(key);
    if (cached) {
      verify(spec, cached, lock);
      entries.push(cached);
      continue;
    }
    const started = Date.now();
    progress(`forge ${spec.name}: fetching ${describeArtifact(a)}`);
    const entry = await fetchInto(spec, a, key, lock);
    const mb = entry.files.reduce((s, f) => s + f.size, 0) / 1e6;
    progress(`forge ${spec.name}: fetched ${describeArtifact(a)}: ${entry.files.length} files, ${mb.toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    entries.push(entry);
  }
  writeLock(spec, entries);
  return entries;
}

/** Put an image's artifacts into its build context: hard links to the store, no copies. */
export function placeArtifacts(entries: ArtifactEntry[], contextDir: string): void {
  for (const f of entries.flatMap((e) => e.files)) {
    const target = path.join(contextDir, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(target, { force: true });
    try {
      fs.linkSync(store("blobs", f.sha256), target);
    } catch {
      fs.copyFileSync(store("blobs", f.sha256), target);
    }
  }
}
