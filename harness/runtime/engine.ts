// Find a Docker engine, or (root on Debian/Ubuntu, when allowed) install and start one.
// Suites call ensureEngine({ install: false }) and report SKIPPED with the reason when it fails;
// `harness engine up` (setup.sh, CI) calls it with install: true.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { exec, lastLine, progress } from "./exec.js";
import { processAlive, withFileLock } from "./lock.js";
import { cachePath } from "../paths.js";

export type EngineStatus = { ok: true; version: string } | { ok: false; reason: string };

const PIDFILE = "/var/run/docker.pid";
const SOCKET = "/var/run/docker.sock";
const START_TIMEOUT_MS = 90_000;
/** A dockerd that runs but does not answer may be starting; suites give it this long. */
const RUNNING_GRACE_MS = 15_000;

/** The server version when `docker info` answers, else undefined. */
async function engineVersion(): Promise<string | undefined> {
  const r = await exec("docker", ["info", "--format", "{{.ServerVersion}}"], { timeoutMs: 15_000 });
  const version = r.stdout.trim();
  return r.code === 0 && version ? version : undefined;
}

/** A dockerd that is already running (possibly still starting): by pidfile, else by process table. */
async function runningDaemonPid(): Promise<number | undefined> {
  const fromFile = Number(fs.existsSync(PIDFILE) ? fs.readFileSync(PIDFILE, "utf8").trim() : NaN);
  if (Number.isInteger(fromFile) && fromFile > 0 && processAlive(fromFile)) return fromFile;
  const r = await exec("pgrep", ["-x", "dockerd"]);
  const pid = Number(r.stdout.split("\n")[0]);
  return r.code === 0 && pid > 0 ? pid : undefined;
}

function debianLike(): boolean {
  if (!fs.existsSync("/etc/os-release")) return false;
  const osRelease = fs.readFileSync("/etc/os-release", "utf8");
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
}

async function onPath(binary: string): Promise<boolean> {
  return (await exec("sh", ["-c", `command -v ${binary}`])).code === 0;
}

async function installDockerIo(): Promise<string | undefined> {
  progress("engine: installing docker.io with apt-get (this takes a minute or two)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const onLine = (l: string) => /^(Get:|Setting up|Unpacking)/.test(l) && progress(`engine: ${l}`);
  for (const args of [["update"], ["install", "-y", "docker.io"]]) {
    const r = await exec("apt-get", args, { env, onLine, timeoutMs: 900_000 });
    if (r.code !== 0) return `apt-get ${args[0]} failed: ${lastLine(r)}`;
  }
  return undefined;
}

/** Start dockerd detached; it outlives this process. Published ports default to loopback only. */
function startDaemon(): string {
  const log = cachePath("engine", "dockerd.log");
  fs.mkdirSync(cachePath("engine"), { recursive: true });
  const fd = fs.openSync(log, "a");
  const child = spawn("dockerd", ["--ip=127.0.0.1"], { detached: true, stdio: ["ignore", fd, fd] });
  child.on("error", (e) => fs.appendFileSync(log, `harness: could not start dockerd: ${e.message}\n`));
  child.unref();
  fs.closeSync(fd);
  return log;
}

async function waitForEngine(what: string, timeoutMs: number): Promise<EngineStatus> {
  const deadline = Date.now() + timeoutMs;
  let tick = 0;
  while (Date.now() < deadline) {
    const version = await engineVersion();
    if (version) return { ok: true, version };
    if (++tick % 5 === 0) progress(`engine: waiting for ${what} (${Math.round((deadline - Date.now()) / 1000)} s left)`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { ok: false, reason: `${what} did not answer within ${timeoutMs / 1000} s (its log: ${cachePath("engine", "dockerd.log")} when the harness started it)` };
}

export async function ensureEngine(opts: { install: boolean }): Promise<EngineStatus> {
  const version = await engineVersion();
  if (version) return { ok: true, version };
  // An engine chosen elsewhere (remote, rootless, another socket) is not ours to start.
  if (process.env.DOCKER_HOST) return { ok: false, reason: `no Docker engine answers at DOCKER_HOST=${process.env.DOCKER_HOST}` };
  if (await runningDaemonPid()) return waitForEngine("the running dockerd", opts.install ? START_TIMEOUT_MS : RUNNING_GRACE_MS);
  if (!opts.install)
    return { ok: false, reason: fs.existsSync(SOCKET) ? `${SOCKET} exists but no engine answers on it` : "no Docker engine is running (start one: `node bin/harness.js engine up`)" };
  if (process.getuid?.() !== 0) return { ok: false, reason: "no Docker engine is running and starting one needs root" };
  if (!debianLike()) return { ok: false, reason: "no Docker engine is running and automatic install supports Debian/Ubuntu only" };

  // Parallel workers serialise here; whoever comes second finds the engine already answering.
  return withFileLock(cachePath("engine", "start.lock"), async (): Promise<EngineStatus> => {
    const answering = await engineVersion();
    if (answering) return { ok: true, version: answering };
    if (!(await onPath("dockerd")) || !(await onPath("docker"))) {
      const failure = await installDockerIo();
      if (failure) return { ok: false, reason: failure };
    }
    if (await runningDaemonPid()) return waitForEngine("the running dockerd", START_TIMEOUT_MS);
    progress(`engine: starting dockerd (log: ${startDaemon()})`);
    return waitForEngine("dockerd", START_TIMEOUT_MS);
  }, () => progress("engine: another process is starting the engine; waiting"));
}

/** `harness engine up|status`: exit code 0 when an engine answers. */
export async function runEngineCommand(argv: string[]): Promise<number> {
  const [verb = "status"] = argv;
  if (verb !== "up" && verb !== "status") {
    process.stderr.write("usage: harness engine up|status\n");
    return 2;
  }
  const status = await ensureEngine({ install: verb === "up" });
  if (status.ok) process.stdout.write(`engine: Docker ${status.version}\n`);
  else process.stderr.write(`engine: unavailable: ${status.reason}\n`);
  return status.ok ? 0 : 1;
}
