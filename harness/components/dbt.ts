// The dbt image on the run's network: the shared project copied in, the run's folder mounted for
// target/, logs/ and the DuckDB file, and `dbt build` executed in the idle container, so a build
// with failing tests still returns its run_results.json instead of a failed start.
import { join } from "node:path";
import { GenericContainer, type StartedNetwork } from "testcontainers";
import { resolveImage } from "../images/resolve.js";
import { projectRoot } from "../paths.js";
import { withRunLabels } from "../runtime/containers.js";
import type { DbtBuildResult } from "../stages/dbt.js";
import { readRunResults } from "../stages/run-results.js";
import type { Component } from "./container.js";

const PROJECT = "/usr/app/dbt";
const RUN = "/run/harness";

export class DbtContainer {
  private network?: StartedNetwork;
  private env: Record<string, string> = {};

  withNetwork(network: StartedNetwork): this {
    this.network = network;
    return this;
  }

  /** Environment the project reads (the lakehouse target's catalog and object store). */
  withEnvironment(env: Record<string, string>): this {
    this.env = { ...this.env, ...env };
    return this;
  }

  /** Starts the container idle; `workDir` on the host receives target/, logs/ and taxi.duckdb. */
  async start(workDir: string): Promise<StartedDbt> {
    const image = await resolveImage("dbt");
    const container = withRunLabels(
      new GenericContainer(image.ref)
        .withEntrypoint(["sleep"])
        .withCommand(["infinity"])
        .withEnvironment({ ...this.env, HARNESS_DUCKDB_PATH: `${RUN}/taxi.duckdb`, DBT_SEND_ANONYMOUS_USAGE_STATS: "false" })
        .withCopyDirectoriesToContainer([{ source: join(projectRoot(), "dbt"), target: PROJECT }])
        .withBindMounts([{ source: workDir, target: RUN }]),
    );
    if (this.network) container.withNetwork(this.network);
    return new StartedDbt(await container.start(), image, workDir);
  }
}

export class StartedDbt implements Component {
  readonly name = "dbt";

  constructor(
    readonly container: Component["container"],
    readonly image: Component["image"],
    private readonly workDir: string,
  ) {}

  async build(target: string, vars: Record<string, string>): Promise<DbtBuildResult> {
    const args = ["dbt", "build", "--project-dir", PROJECT, "--profiles-dir", PROJECT, "--target", target];
    args.push("--target-path", `${RUN}/target`, "--log-path", `${RUN}/logs`, "--vars", JSON.stringify(vars));
    const { exitCode, output } = await this.container.exec(args, { workingDir: PROJECT });
    const logTail = output.trim().split("\n").slice(-20).join("\n");
    return { summary: readRunResults(join(this.workDir, "target", "run_results.json")), exitCode, duckdbPath: join(this.workDir, "taxi.duckdb"), logTail };
  }

  stop(): Promise<unknown> {
    return this.container.stop();
  }
}
