// Flink 2.0: a JobManager, a TaskManager and a SQL Gateway on the run's network. SQL goes through
// one gateway session (no JVM start per statement); jobs are followed on the JobManager's REST API
// until they finish, and a failed job is reported with its root exception.
import { GenericContainer, Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";
import { StageError } from "../errors.js";
import { resolveImage } from "../images/resolve.js";
import { withRunLabels } from "../runtime/containers.js";
import { logTail, startAll, waitFor, type Component } from "./container.js";

const TERMINAL = ["FINISHED", "FAILED", "CANCELED"];

/** Flink's config keys, written through FLINK_PROPERTIES (values must not contain spaces). */
const DEFAULTS: Record<string, string> = {
  "jobmanager.rpc.address": "jobmanager",
  "rest.address": "jobmanager",
  "taskmanager.numberOfTaskSlots": "2",
  "parallelism.default": "2",
  "jobmanager.memory.process.size": "1600m",
  "taskmanager.memory.process.size": "2048m",
};

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${new URL(url).pathname}: HTTP ${res.status} ${gatewayError(text)}`);
  return JSON.parse(text) as T;
}

/** The gateway wraps errors in a Java stack trace; the useful part is the deepest "Caused by". */
function gatewayError(body: string): string {
  const causes = [...body.matchAll(/Caused by: ([^\n\\]+)/g)].map((m) => m[1]!);
  return causes.at(-1) ?? body.slice(0, 500);
}

export class FlinkCluster {
  private network?: StartedNetwork;
  private properties: Record<string, string> = { ...DEFAULTS };

  withNetwork(network: StartedNetwork): this {
    this.network = network;
    return this;
  }

  withProperty(key: string, value: string): this {
    this.properties[key] = value;
    return this;
  }

  async start(): Promise<StartedFlink> {
    if (!this.network) throw new Error("FlinkCluster needs withNetwork(): the JobManager is found by its alias");
    const image = await resolveImage("flink");
    const env = { FLINK_PROPERTIES: Object.entries(this.properties).map(([k, v]) => `${k}: ${v}`).join("\n") };
    const node = (alias: string, command: string[]) =>
      withRunLabels(new GenericContainer(image.ref).withNetwork(this.network!).withNetworkAliases(alias).withEnvironment(env).withCommand(command));
    // The three JVMs start together: the TaskManager retries its registration and the gateway
    // reaches the JobManager only when a statement runs.
    const [jobmanager, taskmanager, gateway] = await startAll([
      node("jobmanager", ["jobmanager"]).withExposedPorts(8081).withWaitStrategy(Wait.forHttp("/overview", 8081).withStartupTimeout(180_000)).start(),
      node("taskmanager", ["taskmanager"]).withWaitStrategy(Wait.forLogMessage(/Successful registration at resource manager/).withStartupTimeout(180_000)).start(),
      node("sql-gateway", ["sql-gateway", "-Dsql-gateway.endpoint.rest.address=0.0.0.0"])
        .withExposedPorts(8083)
        .withWaitStrategy(Wait.forHttp("/v3/info", 8083).withStartupTimeout(180_000))
        .start(),
    ] as const);
    return new StartedFlink(image, jobmanager, taskmanager, gateway);
  }
}

export class StartedFlink implements Component {
  readonly name = "flink-jobmanager";
  readonly container: StartedTestContainer;
  readonly rest: string;
  private readonly gatewayBase: string;

  constructor(
    readonly image: Component["image"],
    jobmanager: StartedTestContainer,
    readonly taskmanager: StartedTestContainer,
    readonly gateway: StartedTestContainer,
  ) {
    this.container = jobmanager;
    this.rest = `http://127.0.0.1:${jobmanager.getMappedPort(8081)}`;
    this.gatewayBase = `http://127.0.0.1:${gateway.getMappedPort(8083)}`;
  }

  /** Every container of the cluster, named as reports show them. */
  get containers(): Array<{ name: string; container: StartedTestContainer }> {
    return [
      { name: "flink-jobmanager", container: this.container },
      { name: "flink-taskmanager", container: this.taskmanager },
      { name: "flink-sql-gateway", container: this.gateway },
    ];
  }

  async openSession(): Promise<SqlSession> {
    const { sessionHandle } = await json<{ sessionHandle: string }>(`${this.gatewayBase}/v3/sessions`, { method: "POST", body: "{}" });
    return new SqlSession(this, this.gatewayBase, sessionHandle);
  }

  /** Waits until the job ends; a job that fails or outlives `timeoutMs` becomes a StageError. */
  async awaitJob(stage: string, jobId: string, timeoutMs: number): Promise<void> {
    let state = "";
    try {
      state = await waitFor(`Flink job ${jobId} to finish`, timeoutMs, async () => {
        const job = await json<{ state: string }>(`${this.rest}/jobs/${jobId}`);
        return TERMINAL.includes(job.state) ? job.state : undefined;
      });
    } catch (err) {
      throw new StageError(stage, (err as Error).message, "flink-jobmanager", await logTail(this.container));
    }
    if (state !== "FINISHED") {
      const exceptions = await json<{ "root-exception"?: string }>(`${this.rest}/jobs/${jobId}/exceptions`).catch(() => ({}) as { "root-exception"?: string });
      const root = (exceptions["root-exception"] ?? "").split("\n").slice(0, 3).join(" | ");
      throw new StageError(stage, `Flink job ${jobId} ended ${state}: ${root}`, "flink-taskmanager", await logTail(this.taskmanager));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.containers.map(({ container }) => container.stop()));
  }
}

interface ResultPage {
  resultType: "NOT_READY" | "PAYLOAD" | "EOS";
  results?: { data?: Array<{ fields: unknown[] }> };
  nextResultUri?: string;
}

export class SqlSession {
  constructor(
    private readonly flink: StartedFlink,
    private readonly base: string,
    private readonly handle: string,
  ) {}

  /** Runs one statement and returns its rows (for an INSERT: the job id). */
  async execute(stage: string, statement: string, timeoutMs = 120_000): Promise<unknown[][]> {
    try {
      const { operationHandle } = await json<{ operationHandle: string }>(`${this.base}/v3/sessions/${this.handle}/statements`, {
        method: "POST",
        body: JSON.stringify({ statement }),
      });
      const rows: unknown[][] = [];
      let uri = `/v3/sessions/${this.handle}/operations/${operationHandle}/result/0?rowFormat=JSON`;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const page = await json<ResultPage>(`${this.base}${uri}`);
        rows.push(...(page.results?.data ?? []).map((r) => r.fields));
        if (page.resultType === "EOS" || !page.nextResultUri) return rows;
        if (page.resultType === "NOT_READY") await new Promise((r) => setTimeout(r, 200));
        uri = page.nextResultUri;
      }
      throw new Error(`no result within ${timeoutMs / 1000} s`);
    } catch (err) {
      if (err instanceof StageError) throw err;
      const first = statement.split("\n").find((l) => l.trim() && !l.trim().startsWith("--")) ?? statement;
      throw new StageError(stage, `Flink SQL "${first.trim().slice(0, 80)}" failed: ${(err as Error).message}`, "flink-sql-gateway", await logTail(this.flink.gateway));
    }
  }

  /** Runs a script: every statement in order; each one that starts a job is awaited to its end. */
  async runScript(stage: string, statements: string[], jobTimeoutMs: number): Promise<string[]> {
    const jobs: string[] = [];
    for (const statement of statements) {
      const rows = await this.execute(stage, statement);
      const jobId = /^\s*(INSERT|EXECUTE)\b/im.test(statement.replace(/--.*$/gm, "")) ? (rows[0]?.[0] as string | undefined) : undefined;
      if (jobId) {
        await this.flink.awaitJob(stage, jobId, jobTimeoutMs);
        jobs.push(jobId);
      }
    }
    return jobs;
  }
}
