// Guarding a run: the first labelled resource starts the watchdog (cleanup after any death,
// SIGKILL included) and installs SIGINT/SIGTERM handlers (cleanup now, then exit).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cleanupRun } from "./cleanup.js";
import { runId } from "./run.js";

// Set on import, not in guardRun: testcontainers resolves its host once, when its client is first
// made, and GenericContainer.start makes it before any pre-create hook runs.
// testcontainers' own reaper (ryuk) is an image no registry here can supply; ours replaces it.
process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
// Published ports listen on 127.0.0.1 only, so that is where the harness reaches them; inside a
// container (/.dockerenv) testcontainers would otherwise pick the bridge gateway.
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= "127.0.0.1";

let guarded = false;

export function guardRun(): void {
  if (guarded) return;
  guarded = true;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const watchdog = fileURLToPath(new URL("./watchdog.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", tsx, watchdog, String(process.pid), runId()], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();

  const stop = (code: number) => {
    interrupted = true;
    void cleanupRun(runId(), process.pid).finally(() => process.exit(code));
  };
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    // A second signal while cleaning up falls through to the default: exit at once.
    process.once(signal, () => stop(code));
  }
  // A vitest worker whose main process went away (Ctrl-C there) would otherwise go on with its
  // stages: it stops, removing what it started.
  if (process.send) process.once("disconnect", () => stop(130));
}

let interrupted = false;

/** True once the run was told to stop: no new container may start then. */
export function isInterrupted(): boolean {
  return interrupted || (process.send !== undefined && !process.connected);
}
