// An interrupted run leaves nothing behind: the child is stopped with SIGINT (its handler cleans
// up) and with SIGKILL (only the detached watchdog can clean up); afterwards no container,
// network or volume carries its run label. And a vitest run stopped with SIGINT (Ctrl-C) while
// its worker is starting containers: the worker starts no container after the signal.
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { countRun, type CleanupCount } from "../../harness/runtime/cleanup.js";
import { ensureEngine } from "../../harness/runtime/engine.js";
import { RUN_LABEL } from "../../harness/runtime/run.js";
import { projectRoot } from "../../harness/paths.js";

const engine = await ensureEngine({ install: false });
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const child = fileURLToPath(new URL("./interrupt-child.ts", import.meta.url));

/** Start the child for a fresh run id; resolves once its resources exist. */
function startChild(runId: string, args = ["--import", tsx, child]): Promise<ReturnType<typeof spawn>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: projectRoot(), env: { ...process.env, PIPELINE_HARNESS_RUN_ID: runId }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    proc.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    proc.stdout!.on("data", (c: Buffer) => c.toString().includes("READY") && resolve(proc));
    proc.on("exit", (code) => reject(new Error(`child exited (${code}) before READY: ${stderr.slice(-2000)}`)));
  });
}

async function settle(runId: string, timeoutMs: number): Promise<CleanupCount> {
  const deadline = Date.now() + timeoutMs;
  let left = await countRun(runId);
  while (left.containers + left.networks + left.volumes > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    left = await countRun(runId);
  }
  return left;
}

describe.skipIf(!engine.ok)("interrupted runs leave nothing behind", () => {
  for (const signal of ["SIGINT", "SIGKILL"] as const) {
    test(`after ${signal}`, { timeout: 600_000 }, async () => {
      const runId = `interrupt-${signal.toLowerCase()}-${Date.now()}`;
      const proc = await startChild(runId);
      expect(await countRun(runId)).toEqual({ containers: 3, networks: 1, volumes: 1 });
      const exited = new Promise((r) => proc.on("exit", r));
      proc.kill(signal);
      await exited;
      expect(await settle(runId, 60_000)).toEqual({ containers: 0, networks: 0, volumes: 0 });
    });
  }

  test("a vitest run stopped with SIGINT: its worker starts no container after the signal and removes its own", { timeout: 600_000 }, async () => {
    const runId = `interrupt-vitest-${Date.now()}`;
    const vitest = join(projectRoot(), "node_modules", "vitest", "vitest.mjs");
    const proc = await startChild(runId, [vitest, "run", "--config", "tests/images/interrupt-suite/vitest.config.ts"]);
    await new Promise((r) => setTimeout(r, 3_000)); // a container or two later: mid-stage
    const exited = new Promise((r) => proc.on("exit", r));
    const signalled = Math.floor(Date.now() / 1000);
    proc.kill("SIGINT");
    await exited;
    expect(await settle(runId, 60_000)).toEqual({ containers: 0, networks: 0, volumes: 0 });
    // containers created after the signal (a second of grace: a create already sent when it came)
    const created = execFileSync("docker", ["events", "--since", String(signalled - 30), "--until", String(Math.floor(Date.now() / 1000)), "--filter", `label=${RUN_LABEL}=${runId}`, "--filter", "event=create", "--format", "{{.Time}}"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
    expect(created.length, "containers the worker created before the signal").toBeGreaterThan(0);
    expect(created.filter((t) => t > signalled + 1), "containers created after the signal").toEqual([]);
  });
});
