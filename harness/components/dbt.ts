// dbt, two ways: the dbt image on the run's network (the shared project copied in, the run's folder
// mounted for target/, logs/ and the DuckDB file, commands executed in the idle container, so a
// build with failing tests still returns its run_results.json), and the project's virtualenv on
// the host (P00, no container engine needed).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { AbstractStartedContainer, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { InputError } from "../errors.js";
import { cacheDir, projectRoot, venvBin } from "../paths.js";
import { readRunResults } from "../stages/run-results.js";
import type { DbtSummary } from "../model.js";
import { RunContainer, runUser, type Component } from "./container.js";

const PROJECT = "/usr/app/dbt";
/** Where the run's folder is mounted in the dbt container. */
export const DBT_RUN_DIR = "/run/harness";

export interface DbtResult {
  summary: DbtSummary;
  /** The DuckDB file dbt wrote, on the host. */
  duckdbPath: string;
  /** The last lines dbt printed, for a failure message. */
  logTail: string;
}

export class DbtContainer extends RunContainer {
  /** `workDir` on the host receives target/, logs/ and taxi.duckdb. */
  constructor(
    image: ResolvedImage,
    private readonly workDir: string,
  ) {
    super(image, "dbt");
    this.withEntrypoint(["sleep"])
      .withCommand(["infinity"])
      // As the invoking user, so that what dbt writes into the run's folder can be removed by that user.
      .withUser(runUser())
      // PYTHONPATH: the project's own dbt-duckdb plugins (plugins/) import from the project folder.
      .withEnvironment({ HARNESS_DUCKDB_PATH: `${DBT_RUN_DIR}/taxi.duckdb`, DBT_SEND_ANONYMOUS_USAGE_STATS: "false", HOME: "/tmp", PYTHONPATH: PROJECT })
      .withCopyDirectoriesToContainer([{ source: join(projectRoot(), "dbt"), target: PROJECT }])
      .withBindMounts([{ source: workDir, target: DBT_RUN_DIR }]);
  }

  override async start(): Promise<StartedDbtContainer> {
    return new StartedDbtContainer(await super.start(), this.image, this.workDir);
  }
}

export class StartedDbtContainer extends AbstractStartedContainer implements Component {
  readonly name = "dbt";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly workDir: string,
  ) {
    super(container);
  }

  /** `dbt <command>` (build, run …) against a profile target; `args` select nodes and the like; `env` what the target reads. */
  async dbt(command: string, target: string, vars: Record<string, string>, args: string[] = [], env: Record<string, string> = {}): Promise<DbtResult> {
    const output = await withPartialParse(this.workDir, target, vars, async () => (await this.exec(["dbt", ...dbtArgs(command, PROJECT, DBT_RUN_DIR, target, vars, args)], { workingDir: PROJECT, env })).output);
    return dbtResultIn(this.workDir, output);
  }
}

/** dbt's command line for the shared project, writing target/ and logs/ under `runDir`. */
function dbtArgs(command: string, project: string, runDir: string, target: string, vars: Record<string, string>, args: string[]): string[] {
  return [command, "--project-dir", project, "--profiles-dir", project, "--target", target, "--target-path", `${runDir}/target`, "--log-path", `${runDir}/logs`, "--vars", JSON.stringify(vars), ...args];
}

/**
 * dbt's partial parse across runs: the parse a run left (target/partial_parse.msgpack) is kept in
 * the cache per target and vars and put in the next run's target/ first. dbt checks it against the
 * project's files, the vars, the profile's connection and its own version, and parses anew when any
 * changed, so a stale one costs nothing but the full parse it would have done anyway.
 */
async function withPartialParse<T>(workDir: string, target: string, vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const key = createHash("sha256").update(JSON.stringify([target, vars])).digest("hex").slice(0, 16);
  const kept = join(cacheDir(), "dbt-partial-parse", `${key}.msgpack`);
  const here = join(workDir, "target", "partial_parse.msgpack");
  if (existsSync(kept) && !existsSync(here)) {
    mkdirSync(dirname(here), { recursive: true });
    copyFileSync(kept, here);
  }
  const result = await run();
  if (existsSync(here)) {
    mkdirSync(dirname(kept), { recursive: true });
    copyFileSync(here, kept);
  }
  return result;
}

/** The build dbt left in `workDir` (target/run_results.json, taxi.duckdb); `output` is what it printed. */
export function dbtResultIn(workDir: string, output: string): DbtResult {
  const logTail = output.trim().split("\n").slice(-20).join("\n");
  const runResults = join(workDir, "target", "run_results.json");
  // dbt writes no results when it stops before running a node (a compile or connection error): its output says why.
  if (!existsSync(runResults)) throw new Error(`dbt wrote no run_results.json; it printed:\n${logTail}`);
  return { summary: readRunResults(runResults), duckdbPath: join(workDir, "taxi.duckdb"), logTail };
}

/** The shared project run by the host's dbt, writing into `workDir`. */
export class LocalDbt {
  constructor(private readonly workDir: string) {
    if (!existsSync(venvBin("dbt"))) throw new InputError(`dbt is not installed at ${venvBin("dbt")}: run "bash scripts/setup.sh" first`);
  }

  /** `dbt <command>` with `env` (e.g. HARNESS_EVENTS_PATH) on top of the process environment. */
  async dbt(command: string, target: string, vars: Record<string, string>, env: Record<string, string>, args: string[] = []): Promise<DbtResult> {
    mkdirSync(this.workDir, { recursive: true });
    const project = join(projectRoot(), "dbt");
    const output = await withPartialParse(this.workDir, target, vars, () => new Promise<string>((resolve, reject) => {
      const child = spawn(venvBin("dbt"), dbtArgs(command, project, this.workDir, target, vars, args), {
        cwd: project,
        env: { ...process.env, ...env, HARNESS_DUCKDB_PATH: join(this.workDir, "taxi.duckdb"), DBT_SEND_ANONYMOUS_USAGE_STATS: "false" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const lines: string[] = [];
      const keep = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter((l) => l.trim()));
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      child.on("error", reject);
      child.on("close", () => resolve(lines.slice(-200).join("\n")));
    }));
    return dbtResultIn(this.workDir, output);
  }
}
