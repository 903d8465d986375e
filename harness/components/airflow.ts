// Apache Airflow 2.10 as its docker-compose file deploys it: a one-shot init (`db migrate` and the
// admin user, through the image's entrypoint), the webserver (UI and the stable REST API, basic
// auth) and the scheduler with the LocalExecutor (tasks run as its subprocesses), on PostgreSQL.
// Webserver and scheduler share the task-log folder, so the API serves a task's log.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import type { StartedPostgresContainer } from "./postgres.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 8080;
export const AIRFLOW_LOGS = "/opt/airflow/logs";

export type AirflowRole = "init" | "webserver" | "scheduler";

export interface AirflowSettings {
  database: StartedPostgresContainer;
  /** The DAGs folder inside the container. */
  dags: string;
  /** The API's user, created by the init, and the webserver's secret key (both per run). */
  user: string;
  password: string;
  secretKey: string;
}

export class AirflowContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    readonly role: AirflowRole,
    { database, dags, user, password, secretKey }: AirflowSettings,
  ) {
    super(image, `airflow-${role}`);
    this.withEnvironment({
      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `postgresql+psycopg2://${database.user}:${encodeURIComponent(database.password)}@${database.alias}:5432/${database.database}`,
      AIRFLOW__CORE__EXECUTOR: "LocalExecutor",
      AIRFLOW__CORE__LOAD_EXAMPLES: "False",
      AIRFLOW__CORE__DAGS_FOLDER: dags,
      AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION: "False",
      AIRFLOW__API__AUTH_BACKENDS: "airflow.api.auth.backend.basic_auth",
      AIRFLOW__WEBSERVER__SECRET_KEY: secretKey,
      AIRFLOW__WEBSERVER__WORKERS: "2",
      // A new DAG file is found within seconds (the default lists the folder every 5 minutes).
      AIRFLOW__SCHEDULER__DAG_DIR_LIST_INTERVAL: "5",
      AIRFLOW__LOGGING__BASE_LOG_FOLDER: AIRFLOW_LOGS,
    });
    if (role === "init") {
      this.withCommand(["version"])
        .withEnvironment({ _AIRFLOW_DB_MIGRATE: "true", _AIRFLOW_WWW_USER_CREATE: "true", _AIRFLOW_WWW_USER_USERNAME: user, _AIRFLOW_WWW_USER_PASSWORD: password })
        .withWaitStrategy(Wait.forOneShotStartup().withStartupTimeout(240_000));
    } else if (role === "webserver") {
      this.withCommand(["webserver"]).withExposedPorts(PORT).withWaitStrategy(Wait.forHttp("/health", PORT).withStartupTimeout(240_000));
    } else {
      this.withCommand(["scheduler"]).withWaitStrategy(Wait.forLogMessage(/Starting the scheduler/).withStartupTimeout(240_000));
    }
  }

  override async start(): Promise<StartedAirflowContainer> {
    return new StartedAirflowContainer(await super.start(), this.image, this.role);
  }
}

export interface AirflowTaskInstance {
  task_id: string;
  state: string | null;
  start_date: string | null;
  end_date: string | null;
  try_number: number;
}

const TERMINAL = ["success", "failed"];

export class StartedAirflowContainer extends AbstractStartedContainer implements Component {
  private auth = "";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly role: AirflowRole,
  ) {
    super(container);
  }

  get name(): string {
    return `airflow-${this.role}`;
  }

  /** The REST API's credentials (the user the init created). */
  withCredentials(user: string, password: string): this {
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    return this;
  }

  private async call(path: string, init: { method?: string; body?: unknown; text?: boolean } = {}): Promise<{ status: number; body: string }> {
    const res = await fetch(`http://127.0.0.1:${this.getMappedPort(PORT)}/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { authorization: this.auth, "content-type": "application/json", accept: init.text ? "text/plain" : "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: await res.text() };
  }

  private async json<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const r = await this.call(path, init);
    if (r.status >= 300) throw new Error(`Airflow API ${path}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body) as T;
  }

  /** Whether the scheduler has parsed `dagId` into the database; a DAG file that fails to import is an error. */
  async dagParsed(dagId: string): Promise<boolean> {
    const errors = await this.json<{ import_errors: Array<{ filename: string; stack_trace: string }> }>("/importErrors");
    if (errors.import_errors.length) throw new Error(`Airflow cannot import ${errors.import_errors[0]!.filename}: ${errors.import_errors[0]!.stack_trace.trim().split("\n").at(-1)}`);
    return (await this.call(`/dags/${dagId}`)).status === 200;
  }

  /** A run of `dagId` with `conf`; its dag_run_id. */
  async triggerDag(dagId: string, runId: string, conf: Record<string, unknown>): Promise<string> {
    return (await this.json<{ dag_run_id: string }>(`/dags/${dagId}/dagRuns`, { body: { dag_run_id: runId, conf } })).dag_run_id;
  }

  async dagRunState(dagId: string, runId: string): Promise<string> {
    return (await this.json<{ state: string }>(`/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`)).state;
  }

  static ended(state: string): boolean {
    return TERMINAL.includes(state);
  }

  async taskInstances(dagId: string, runId: string): Promise<AirflowTaskInstance[]> {
    return (await this.json<{ task_instances: AirflowTaskInstance[] }>(`/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances`)).task_instances;
  }

  /** A task instance's log (one try), as the UI shows it. */
  async taskLog(dagId: string, runId: string, task: AirflowTaskInstance): Promise<string> {
    const path = `/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances/${task.task_id}/logs/${Math.max(1, task.try_number)}?full_content=true`;
    return (await this.call(path, { text: true })).body;
  }
}
