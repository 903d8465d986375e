// Feast: a feature repository in the run's folder (mounted), worked on with Feast's own command line
// in an idle container — `feast apply`, `feast materialize` — and read back through Feast's SDK
// (get_online_features), as a model server would.
import { join, relative } from "node:path";
import { AbstractStartedContainer, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { projectRoot } from "../paths.js";
import { RunContainer, runUser, type Component } from "./container.js";

/** Where the run's folder is mounted in the Feast container, and the harness's online reader copied. */
const RUN_DIR = "/run/harness";
const ONLINE_READER = "/opt/harness/feast_online.py";

export class FeastContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    private readonly runDir: string,
  ) {
    super(image, "feast");
    this.withCommand(["sleep", "infinity"])
      // As the invoking user, so that what Feast writes into the run's folder can be removed by that user.
      .withUser(runUser())
      .withEnvironment({ TZ: "UTC" })
      .withBindMounts([{ source: runDir, target: RUN_DIR }])
      .withCopyFilesToContainer([{ source: join(projectRoot(), "harness", "components", "feast_online.py"), target: ONLINE_READER }]);
  }

  override async start(): Promise<StartedFeastContainer> {
    return new StartedFeastContainer(await super.start(), this.image, this.runDir);
  }
}

export class StartedFeastContainer extends AbstractStartedContainer implements Component {
  readonly name = "feast";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly runDir: string,
  ) {
    super(container);
  }

  /** A host path in the run's folder as the container sees it. */
  inContainer(hostPath: string): string {
    return `${RUN_DIR}/${relative(this.runDir, hostPath)}`;
  }

  /** A command in the container; a non-zero exit throws with its last lines. Returns its output. */
  async run(command: string[], workingDir?: string): Promise<string> {
    const { exitCode, output } = await this.exec(command, workingDir ? { workingDir } : {});
    if (exitCode !== 0) throw new Error(`${command.slice(0, 3).join(" ")} exited ${exitCode}:\n${output.trim().split("\n").slice(-15).join("\n")}`);
    return output;
  }

  /** `feast apply` in the repository (a host folder in the run's folder). */
  apply(repo: string): Promise<string> {
    return this.run(["feast", "-c", this.inContainer(repo), "apply"]);
  }

  /** `feast materialize START END` (ISO timestamps, UTC). */
  materialize(repo: string, start: string, end: string): Promise<string> {
    return this.run(["feast", "-c", this.inContainer(repo), "materialize", start, end]);
  }

  /** Online features of `features` for the entity rows (one join key each), through Feast's SDK. */
  async online(repo: string, features: string[], entities: Record<string, Array<string | number>>): Promise<Record<string, unknown[]>> {
    const output = await this.run(["python", ONLINE_READER, this.inContainer(repo), JSON.stringify({ features, entities })]);
    return JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown[]>;
  }
}
