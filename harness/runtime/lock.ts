// A cross-process lock on a file: parallel vitest workers and CLI runs must not start two daemons
// or forge the same image twice. A lock whose holder died is taken over.
import fs from "node:fs";
import path from "node:path";

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryTake(file: string): boolean {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    const holder = Number(fs.readFileSync(file, "utf8") || NaN);
    if (Number.isInteger(holder) && processAlive(holder)) return false;
    fs.rmSync(file, { force: true });
    return tryTake(file);
  }
}

/** Run `fn` holding `file`; while another process holds it, wait (calling onWait once). */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, onWait?: (holder: string) => void): Promise<T> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let told = false;
  while (!tryTake(file)) {
    if (!told && onWait) onWait(fs.readFileSync(file, "utf8"));
    told = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
