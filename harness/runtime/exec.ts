// Running host commands (docker, apt-get, debootstrap, mvn, pip, go). One helper so every caller gets
// the same timeout, captured output and line-by-line progress.
import { spawn, type SpawnOptions } from "node:child_process";

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command after this many milliseconds (code becomes 124, as with timeout(1)). */
  timeoutMs?: number;
  /** Fed to the command's stdin, then closed. */
  input?: string | NodeJS.ReadableStream;
  /** Called with each complete output line (stdout and stderr), for progress display. */
  onLine?: (line: string) => void;
}

export function exec(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const spawnOpts: SpawnOptions = { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] };
    const child = spawn(cmd, args, spawnOpts);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let pending = "";
    const feed = (chunk: Buffer) => {
      if (!opts.onLine) return;
      pending += chunk.toString("utf8");
      const lines = pending.split(/\r?\n|\r/);
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) opts.onLine(line);
    };
    child.stdout!.on("data", (c: Buffer) => (out.push(c), feed(c)));
    child.stderr!.on("data", (c: Buffer) => (err.push(c), feed(c)));
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => ((timedOut = true), child.kill("SIGKILL")), opts.timeoutMs)
      : undefined;
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout: "", stderr: e.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (pending.trim() && opts.onLine) opts.onLine(pending);
      resolve({
        code: timedOut ? 124 : (code ?? 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
    if (typeof opts.input === "string") child.stdin!.end(opts.input);
    else if (opts.input) opts.input.pipe(child.stdin!);
    else child.stdin!.end();
  });
}

/** Last non-empty line of a command's error output: what a one-line error message quotes. */
export function lastLine(r: ExecResult): string {
  const lines = `${r.stdout}\n${r.stderr}`.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? `exit code ${r.code}`;
}

/** Progress lines go to stderr so stdout stays parseable for the CLI's tables. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Print `status()` every `seconds` while a long step runs (downloads, compiles); call the result to stop. */
export function heartbeat(seconds: number, status: () => string): () => void {
  const started = Date.now();
  const timer = setInterval(() => progress(`${status()} (${Math.round((Date.now() - started) / 1000)} s)`), seconds * 1000);
  return () => clearInterval(timer);
}
