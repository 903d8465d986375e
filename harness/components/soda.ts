// Soda Core: quality checks (SodaCL) on a table of a DuckDB file, run in an idle container on the
// run's folder (mounted read-only), one scan per call, each check's outcome and measured value back.
import { join, relative } from "node:path";
import { AbstractStartedContainer, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import type { QualityCheck } from "../model.js";
import { projectRoot } from "../paths.js";
import { RunContainer, type Component } from "./container.js";

/** Where the run's folder is mounted, and the harness's scan runner copied. */
const RUN_DIR = "/run/harness";
const RUNNER = "/opt/harness/soda_scan.py";

export class SodaContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    private readonly runDir: string,
  ) {
    super(image, "soda");
    this.withCommand(["sleep", "infinity"])
      .withBindMounts([{ source: runDir, target: RUN_DIR, mode: "ro" }])
      .withCopyFilesToContainer([{ source: join(projectRoot(), "harness", "components", "soda_scan.py"), target: RUNNER }]);
  }

  override async start(): Promise<StartedSodaContainer> {
    return new StartedSodaContainer(await super.start(), this.image, this.runDir);
  }
}

export class StartedSodaContainer extends AbstractStartedContainer implements Component {
  readonly name = "soda";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly runDir: string,
  ) {
    super(container);
  }

  /**
   * Scans `table` of the DuckDB file at `duckdbFile` (a host path in the run's folder) with the SodaCL
   * `checks` (text), its ${var} variables from `variables`. A check that errors is an outcome too.
   */
  async scan(duckdbFile: string, table: string, checks: string, variables: Record<string, string>): Promise<QualityCheck[]> {
    const inContainer = `${RUN_DIR}/${relative(this.runDir, duckdbFile)}`;
    const { exitCode, output } = await this.exec(["python", RUNNER, inContainer, table, checks, JSON.stringify(variables)]);
    const last = output.trim().split("\n").at(-1) ?? "";
    if (exitCode !== 0 || !last.startsWith("[")) throw new Error(`Soda scan of ${table} failed (exit ${exitCode}):\n${output.trim().split("\n").slice(-15).join("\n")}`);
    return JSON.parse(last) as QualityCheck[];
  }
}
