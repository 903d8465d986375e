// Prefect 3 as it is deployed: a server (the API, its database on PostgreSQL) and a process worker
// that polls a work pool and runs each flow run in a subprocess of its own container. Flows are
// deployed with the CLI in the worker (`prefect deploy`), runs are created and read through the REST API.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 4200;
const TERMINAL = ["COMPLETED", "FAILED", "CRASHED", "CANCELLED"];

export class PrefectServerContainer extends RunContainer {
  /** `databaseUrl`: SQLAlchemy's URL of the server's PostgreSQL database (asyncpg driver). */
  constructor(image: ResolvedImage, databaseUrl: string) {
    super(image, "prefect-server");
    this.withCommand(["prefect", "server", "start", "--host", "0.0.0.0", "--port", String(PORT)])
      .withEnvironment({ PREFECT_API_DATABASE_CONNECTION_URL: databaseUrl, PREFECT_SERVER_ANALYTICS_ENABLED: "false", PREFECT_UI_ENABLED: "false", HOME: "/tmp" })
      .withExposedPorts(PORT)
      .withWaitStrategy(Wait.forHttp("/api/health", PORT).withStartupTimeout(180_000));
  }

  override async start(): Promise<StartedPrefectServerContainer> {
    return new StartedPrefectServerContainer(await super.start(), this.image, this.alias);
  }
}

export class StartedPrefectServerContainer extends AbstractStartedContainer implements Component {
  readonly name = "prefect-server";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly alias: string,
  ) {
    super(container);
  }

  /** The API for clients on the host. */
  get api(): string {
    return `http://127.0.0.1:${this.getMappedPort(PORT)}/api`;
  }

  /** The API for workers on the run's network. */
  get internalApi(): string {
    return `http://${this.alias}:${PORT}/api`;
  }

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.api}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Prefect API ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  /** A flow run of a deployment (`flow/deployment`) with `parameters`; its id. */
  async createFlowRun(deployment: string, parameters: Record<string, unknown>): Promise<string> {
    const { id } = await this.call<{ id: string }>(`/deployments/name/${deployment}`);
    return (await this.call<{ id: string }>(`/deployments/${id}/create_flow_run`, { parameters })).id;
  }

  async flowRun(id: string): Promise<PrefectRun> {
    return this.call<PrefectRun>(`/flow_runs/${id}`);
  }

  /** Whether a flow run's state is final. */
  static ended(run: PrefectRun): boolean {
    return TERMINAL.includes(run.state?.type ?? "");
  }

  async taskRuns(flowRunId: string): Promise<PrefectRun[]> {
    return this.call<PrefectRun[]>("/task_runs/filter", { flow_runs: { id: { any_: [flowRunId] } }, sort: "EXPECTED_START_TIME_ASC", limit: 200 });
  }

  /** A task run's log lines, oldest first. */
  async taskLog(taskRunId: string): Promise<string> {
    const logs = await this.call<Array<{ message: string }>>("/logs/filter", { logs: { task_run_id: { any_: [taskRunId] } }, sort: "TIMESTAMP_ASC", limit: 200 });
    return logs.map((l) => l.message).join("\n");
  }
}

export interface PrefectRun {
  id: string;
  name: string;
  state?: { type: string; name: string; message?: string };
  start_time: string | null;
  end_time: string | null;
}

export class PrefectWorkerContainer extends RunContainer {
  /** A process worker on `pool` (created if missing), polling every `pollSeconds`. */
  constructor(image: ResolvedImage, api: string, pool: string, pollSeconds = 2) {
    super(image, "prefect-worker");
    this.withCommand(["prefect", "worker", "start", "--pool", pool, "--type", "process"])
      .withEnvironment({ PREFECT_API_URL: api, PREFECT_WORKER_QUERY_SECONDS: String(pollSeconds), HOME: "/tmp" })
      .withWaitStrategy(Wait.forLogMessage(/started!|Worker .* started/).withStartupTimeout(180_000));
  }

  override async start(): Promise<StartedPrefectWorkerContainer> {
    return new StartedPrefectWorkerContainer(await super.start(), this.image);
  }
}

export class StartedPrefectWorkerContainer extends AbstractStartedContainer implements Component {
  readonly name = "prefect-worker";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
  ) {
    super(container);
  }

  /** `prefect deploy` of `entrypoint` (file.py:flow) in `dir` to `pool`, as deployment `name`. */
  async deploy(dir: string, entrypoint: string, name: string, pool: string): Promise<void> {
    const r = await this.exec(["prefect", "--no-prompt", "deploy", entrypoint, "--name", name, "--pool", pool], { workingDir: dir });
    if (r.exitCode !== 0) throw new Error(`prefect deploy ${entrypoint} failed (exit ${r.exitCode}): ${r.output.trim().split("\n").slice(-8).join("\n")}`);
  }
}
