// The watchdog: a detached process that outlives its parent. It polls the parent's pid and, once
// the parent is gone for any reason (including SIGKILL, which no handler sees), removes what the
// parent created. Usage: node --import tsx watchdog.ts <parentPid> <runId>
import { cleanupRun } from "./cleanup.js";
import { processAlive } from "./lock.js";

const [parentPid, id] = [Number(process.argv[2]), process.argv[3]];

// Signals sent to the parent's process group (Ctrl-C) must not stop the watchdog early.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => {});

const timer = setInterval(async () => {
  if (processAlive(parentPid)) return;
  clearInterval(timer);
  await cleanupRun(id, parentPid);
  process.exit(0);
}, 500);
