// An interrupted run leaves nothing behind: the child is stopped with SIGINT (its handler cleans
// up) and with SIGKILL (only the detached watchdog can clean up); afterwards no container,
// network or volume carries its run label.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { countRun, type CleanupCount } from "../../harness/runtime/cleanup.js";
import { ensureEngine } from "../../harness/runtime/engine.js";

const engine = await ensureEngine({ install: false });
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const child = fileURLToPath(new URL("./interrupt-child.ts", import.meta.url));

/** Start the child for a fresh run id; resolves once its resources exist. */
function startChild(runId: string): Promise<ReturnType<typeof spawn>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", tsx, child], { env: { ...process.env, PIPELINE_HARNESS_RUN_ID: runId }, stdio: ["ignore", "pipe", "pipe"] });
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
});
