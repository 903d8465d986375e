// Report files are replaced whole (tmp + rename), so a reader never sees half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Append by rewriting: the file stays whole if the process dies midway. */
export function appendAtomic(path: string, text: string): void {
  writeAtomic(path, readText(path) + text);
}

export const readText = (path: string): string => (existsSync(path) ? readFileSync(path, "utf8") : "");
