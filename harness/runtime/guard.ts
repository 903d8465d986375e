// Guarding a run: the first labelled resource starts the watchdog (cleanup after any death,
// SIGKILL included) and installs SIGINT/SIGTERM handlers (cleanup now, then exit).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cleanupRun } from "./cleanup.js";
import { runId } from "./run.js";

let guarded = false;

export function guardRun(): void {
  if (guarded) return;
  guarded = true;
  // testcontainers' own reaper (ryuk) is an image no registry here can supply; ours replaces it.
  process.env.TESTCONTAINERS_RYUK_DISABLED = "true";
  // Published ports listen on 127.0.0.1 only, so that is where the harness reaches them; inside a
  // container (/.dockerenv) testcontainers would otherwise pick the bridge gateway.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= "127.0.0.1";

  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const watchdog = fileURLToPath(new URL("./watchdog.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", tsx, watchdog, String(process.pid), runId()], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      // A second signal while cleaning up falls through to the default: exit at once.
      void cleanupRun(runId(), process.pid).finally(() => process.exit(code));
    });
  }
}
