// dbt build of the shared project (dbt/) from the project-local virtualenv made by set-up.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { DbtSummary } from "../model.js";
import { cacheDir, projectRoot } from "../paths.js";
import { readRunResults } from "./run-results.js";

export interface DbtBuildOptions {
  /** Where target/, logs/ and the DuckDB file go for this run. */
  workDir: string;
  /** Environment the project reads (HARNESS_EVENTS_PATH, …). */
  env: Record<string, string>;
  vars?: Record<string, string>;
}

export interface DbtBuildResult {
  summary: DbtSummary;
  exitCode: number;
  duckdbPath: string;
  logTail: string;
}

export const venvDbt = (): string => join(cacheDir(), "venv", "bin", "dbt");

export function requireDbt(): void {
  if (!existsSync(venvDbt())) throw new InputError(`dbt is not installed at ${venvDbt()}: run "bash scripts/setup.sh" first`);
}

export async function dbtBuild(options: DbtBuildOptions): Promise<DbtBuildResult> {
  requireDbt();
  mkdirSync(options.workDir, { recursive: true });
  const duckdbPath = join(options.workDir, "taxi.duckdb");
  const targetPath = join(options.workDir, "target");
  const args = ["build", "--project-dir", join(projectRoot(), "dbt"), "--profiles-dir", join(projectRoot(), "dbt"), "--target-path", targetPath, "--log-path", join(options.workDir, "logs")];
  if (options.vars) args.push("--vars", JSON.stringify(options.vars));
  const lines: string[] = [];
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(venvDbt(), args, {
      cwd: join(projectRoot(), "dbt"),
      env: { ...process.env, ...options.env, HARNESS_DUCKDB_PATH: duckdbPath, DBT_SEND_ANONYMOUS_USAGE_STATS: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(line);
      if (lines.length > 400) lines.splice(0, lines.length - 200);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  const logTail = lines.slice(-20).join("\n");
  return { summary: readRunResults(join(targetPath, "run_results.json")), exitCode, duckdbPath, logTail };
}
