// Dagster as it is deployed: the webserver (UI and GraphQL API) and the daemon, sharing one instance
// (dagster.yaml: run, event and schedule storage on PostgreSQL, runs queued and launched by the
// daemon) and one workspace (a Python file of definitions). A launched run executes in the daemon's
// container, each step in a process of its own.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import type { StartedPostgresContainer } from "./postgres.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 3000;
const HOME = "/opt/dagster/dagster_home";
const WORKSPACE = `${HOME}/workspace.yaml`;
export const DAGSTER_LOCATION = "harness";

/**
 * The instance: storage on PostgreSQL (its URL from the environment, naming psycopg2, the driver
 * dagster-postgres installs: SQLAlchemy 2.1 would pick psycopg 3 for a bare postgresql://), runs
 * queued for the daemon.
 */
const INSTANCE = `
storage:
  postgres:
    postgres_url: {env: DAGSTER_PG_URL}
run_coordinator:
  module: dagster._core.run_coordinator
  class: QueuedRunCoordinator
  config:
    dequeue_interval_seconds: 1
telemetry:
  enabled: false
`;

const workspace = (dir: string, file: string) => `
load_from:
  - python_file:
      relative_path: ${dir}/${file}
      working_directory: ${dir}
      location_name: ${DAGSTER_LOCATION}
`;

export type DagsterRole = "webserver" | "daemon";

export class DagsterContainer extends RunContainer {
  /** One role of the deployment over `database`, loading the definitions in `dir`/`file`. */
  constructor(
    image: ResolvedImage,
    readonly role: DagsterRole,
    database: StartedPostgresContainer,
    dir: string,
    file: string,
  ) {
    super(image, `dagster-${role}`);
    const url = `postgresql+psycopg2://${database.user}:${encodeURIComponent(database.password)}@${database.alias}:5432/${database.database}`;
    this.withEnvironment({ DAGSTER_PG_URL: url, HOME: "/tmp" })
      .withCopyContentToContainer([
        { content: INSTANCE, target: `${HOME}/dagster.yaml` },
        { content: workspace(dir, file), target: WORKSPACE },
      ]);
    if (role === "webserver") {
      this.withCommand(["dagster-webserver", "-h", "0.0.0.0", "-p", String(PORT), "-w", WORKSPACE])
        .withExposedPorts(PORT)
        .withWaitStrategy(Wait.forHttp("/server_info", PORT).withStartupTimeout(180_000));
    } else {
      this.withCommand(["dagster-daemon", "run", "-w", WORKSPACE]).withWaitStrategy(Wait.forLogMessage(/Instance is configured with the following daemons/).withStartupTimeout(180_000));
    }
  }

  override async start(): Promise<StartedDagsterContainer> {
    return new StartedDagsterContainer(await super.start(), this.image, this.role);
  }
}

export interface DagsterStep {
  stepKey: string;
  status: string;
  startTime: number | null;
  endTime: number | null;
}

export interface DagsterRun {
  runId: string;
  status: string;
  stepStats: DagsterStep[];
}

const TERMINAL = ["SUCCESS", "FAILURE", "CANCELED"];

export class StartedDagsterContainer extends AbstractStartedContainer implements Component {
  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly role: DagsterRole,
  ) {
    super(container);
  }

  get name(): string {
    return `dagster-${this.role}`;
  }

  private async graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${this.getMappedPort(PORT)}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (!res.ok || body.errors?.length || !body.data) throw new Error(`Dagster GraphQL: HTTP ${res.status} ${body.errors?.map((e) => e.message).join("; ") ?? ""}`);
    return body.data;
  }

  /** Whether the workspace's code location loaded (the webserver serves it). */
  async locationLoaded(): Promise<boolean> {
    const data = await this.graphql<{ workspaceOrError: { locationEntries?: Array<{ name: string; locationOrLoadError?: { __typename: string; message?: string } }> } }>(
      `{ workspaceOrError { ... on Workspace { locationEntries { name locationOrLoadError { __typename ... on PythonError { message } } } } } }`,
      {},
    );
    const entry = data.workspaceOrError.locationEntries?.find((e) => e.name === DAGSTER_LOCATION);
    if (entry?.locationOrLoadError?.__typename === "PythonError") throw new Error(`Dagster cannot load the definitions: ${entry.locationOrLoadError.message}`);
    return entry?.locationOrLoadError?.__typename === "RepositoryLocation";
  }

  /** Launches `job` with `runConfig` (queued for the daemon); the run id. */
  async launchRun(job: string, runConfig: Record<string, unknown>): Promise<string> {
    const data = await this.graphql<{ launchRun: { __typename: string; run?: { runId: string }; message?: string; errors?: Array<{ message: string }> } }>(
      `mutation Launch($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename
        ... on LaunchRunSuccess { run { runId } } ... on RunConfigValidationInvalid { errors { message } } ... on Error { message } } }`,
      { p: { selector: { repositoryLocationName: DAGSTER_LOCATION, repositoryName: "__repository__", jobName: job }, runConfigData: runConfig } },
    );
    const r = data.launchRun;
    if (!r.run) throw new Error(`Dagster did not launch ${job}: ${r.__typename} ${r.message ?? r.errors?.map((e) => e.message).join("; ") ?? ""}`);
    return r.run.runId;
  }

  async run(runId: string): Promise<DagsterRun> {
    const data = await this.graphql<{ runOrError: DagsterRun & { __typename: string; message?: string } }>(
      `query Run($id: ID!) { runOrError(runId: $id) { __typename ... on Run { runId status stepStats { stepKey status startTime endTime } } ... on Error { message } } }`,
      { id: runId },
    );
    if (data.runOrError.__typename !== "Run") throw new Error(`Dagster run ${runId}: ${data.runOrError.message}`);
    return data.runOrError;
  }

  static ended(run: DagsterRun): boolean {
    return TERMINAL.includes(run.status);
  }

  /** A step's event log: its messages and, for a failure, the error with its causes. */
  async stepLog(runId: string, stepKey: string): Promise<string> {
    type Event = { __typename: string; stepKey?: string | null; message?: string; error?: { message: string; causes?: Array<{ message: string }> } | null };
    const data = await this.graphql<{ logsForRun: { events?: Event[] } }>(
      `query Logs($id: ID!) { logsForRun(runId: $id, limit: 1000) { ... on EventConnection { events { __typename
        ... on MessageEvent { stepKey message } ... on ExecutionStepFailureEvent { error { message causes { message } } } } } } }`,
      { id: runId },
    );
    return (data.logsForRun.events ?? [])
      .filter((e) => e.stepKey === stepKey)
      .flatMap((e) => [e.message ?? "", ...(e.error ? [e.error.message, ...(e.error.causes ?? []).map((c) => c.message)] : [])])
      .filter(Boolean)
      .join("\n");
  }
}
