// Kestra 1.x as its docker-compose file deploys it: `server standalone` (executor, scheduler, worker
// and webserver in one JVM) with its repository and queue on PostgreSQL, configured through
// KESTRA_CONFIGURATION, basic auth with a user made for the run. Flows are created, executed and
// read through the REST API (tenant `main`).
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import type { StartedPostgresContainer } from "./postgres.js";
import { RunContainer, type Component } from "./container.js";

const API_PORT = 8080;
const MANAGEMENT_PORT = 8081;
const TERMINAL = ["SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED"];

/** The server's configuration: PostgreSQL for repository and queue, local storage, basic auth. */
export function kestraConfiguration(database: StartedPostgresContainer, user: string, password: string): string {
  return [
    "datasources:",
    "  postgres:",
    `    url: jdbc:postgresql://${database.alias}:5432/${database.database}`,
    "    driverClassName: org.postgresql.Driver",
    `    username: ${database.user}`,
    `    password: ${JSON.stringify(database.password)}`,
    "kestra:",
    "  server:",
    "    basic-auth:",
    `      username: ${JSON.stringify(user)}`,
    `      password: ${JSON.stringify(password)}`,
    "  repository:",
    "    type: postgres",
    "  queue:",
    "    type: postgres",
    "  storage:",
    "    type: local",
    "    local:",
    "      base-path: /app/storage",
    "  tasks:",
    "    tmp-dir:",
    "      path: /tmp/kestra-wd/tmp",
    "",
  ].join("\n");
}

export class KestraContainer extends RunContainer {
  constructor(image: ResolvedImage, configuration: string) {
    super(image, "kestra");
    this.withCommand(["server", "standalone"])
      .withEnvironment({ KESTRA_CONFIGURATION: configuration })
      .withExposedPorts(API_PORT, MANAGEMENT_PORT)
      .withWaitStrategy(Wait.forHttp("/health", MANAGEMENT_PORT).withStartupTimeout(240_000));
  }

  override async start(): Promise<StartedKestraContainer> {
    return new StartedKestraContainer(await super.start(), this.image);
  }
}

export interface KestraTaskRun {
  taskId: string;
  state: { current: string; startDate?: string; endDate?: string; histories?: Array<{ state: string; date: string }> };
}

export interface KestraExecution {
  id: string;
  state: { current: string };
  taskRunList?: KestraTaskRun[];
}

export class StartedKestraContainer extends AbstractStartedContainer implements Component {
  readonly name = "kestra";
  private auth = "";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
  ) {
    super(container);
  }

  withCredentials(user: string, password: string): this {
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    return this;
  }

  private async call(path: string, init: { method?: string; body?: string | FormData; type?: string } = {}): Promise<string> {
    const headers: Record<string, string> = { authorization: this.auth };
    if (init.type) headers["content-type"] = init.type;
    const res = await fetch(`http://127.0.0.1:${this.getMappedPort(API_PORT)}/api/v1/main${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Kestra API ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text;
  }

  /** Creates the flow (its YAML source). */
  async createFlow(yaml: string): Promise<void> {
    await this.call("/flows", { body: yaml, type: "application/x-yaml" });
  }

  /** Executes `namespace.flowId` with `inputs`; the execution id. */
  async execute(namespace: string, flowId: string, inputs: Record<string, string>): Promise<string> {
    const form = new FormData();
    for (const [k, v] of Object.entries(inputs)) form.append(k, v);
    return (JSON.parse(await this.call(`/executions/${namespace}/${flowId}`, { body: form })) as { id: string }).id;
  }

  async execution(id: string): Promise<KestraExecution> {
    return JSON.parse(await this.call(`/executions/${id}`)) as KestraExecution;
  }

  static ended(e: KestraExecution): boolean {
    return TERMINAL.includes(e.state.current);
  }

  /** A task's log lines in an execution. */
  async taskLog(executionId: string, taskId: string): Promise<string> {
    const logs = JSON.parse(await this.call(`/logs/${executionId}?taskId=${encodeURIComponent(taskId)}`)) as Array<{ message: string }>;
    return logs.map((l) => l.message).join("\n");
  }
}
