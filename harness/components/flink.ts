// Flink 2.0: a JobManager, a TaskManager and a SQL Gateway on the run's network. SQL goes through
// one gateway session (no JVM start per statement); jobs are followed on the JobManager's REST API
// until they finish, and a failed job is reported with its root exception.
import { AbstractStartedContainer, Wait, type StartedNetwork, type StartedTestContainer, type WaitStrategy } from "testcontainers";
import { StageError } from "../errors.js";
import type { ResolvedImage } from "../images/resolve.js";
import { logTail, QUICK_JIT, RunContainer, startAll, waitFor, type Component } from "./container.js";

const TERMINAL = ["FINISHED", "FAILED", "CANCELED"];

/** Flink's config keys, passed as dynamic properties (over the image's conf/config.yaml). */
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

export type FlinkRole = "jobmanager" | "taskmanager" | "sql-gateway";

const WAIT: Record<FlinkRole, () => WaitStrategy> = {
  jobmanager: () => Wait.forHttp("/overview", 8081).withStartupTimeout(180_000),
  taskmanager: () => Wait.forLogMessage(/Successful registration at resource manager/).withStartupTimeout(180_000),
  "sql-gateway": () => Wait.forHttp("/v3/info", 8083).withStartupTimeout(180_000),
};

/**
 * Each role's script in the distribution's bin/, the variable its scripts add to the image's JVM
 * options, and what is added. Every role runs C1 alone: C2's compiler threads took 25–80 % of a core
 * while events arrived, on JVMs that live for one run. Measured on P01 (two cores): a JobManager
 * starts on 7.1 CPU-s against 9.7; the batch job took 11.4 s against 16–18 s; streaming at 1,000
 * events/s, latency p99 6.9 s against 12.0 s in the same hour; with the gateway on C1 too, the batch
 * run 41.1–41.3 s against 43.6–44.7 s (runs alternated), startup and planning each a second shorter.
 */
const LAUNCH: Record<FlinkRole, { script: string; javaOptsVar: string; javaOpts: string }> = {
  jobmanager: { script: "jobmanager.sh", javaOptsVar: "FLINK_ENV_JAVA_OPTS_JM", javaOpts: QUICK_JIT },
  taskmanager: { script: "taskmanager.sh", javaOptsVar: "FLINK_ENV_JAVA_OPTS_TM", javaOpts: QUICK_JIT },
  "sql-gateway": { script: "sql-gateway.sh", javaOptsVar: "FLINK_ENV_JAVA_OPTS_SQL_GATEWAY", javaOpts: QUICK_JIT },
};

/**
 * One Flink process, started by the distribution's own script for its role (`<role>.sh
 * start-foreground`) as the image's flink user, with the settings as dynamic properties (`-D k=v`)
 * over the image's conf/config.yaml — not through the image's entrypoint, whose FLINK_PROPERTIES
 * handling runs two JVMs of Flink's config parser before the process itself (2–4 s of CPU a
 * container, three containers starting at once on two cores; nor its jemalloc preload, which only
 * RocksDB state would use). The role's JVM options are added to the image's (its module opens stay).
 */
export class FlinkContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    readonly role: FlinkRole,
    properties: Record<string, string>,
  ) {
    super(image, role);
    const launch = LAUNCH[role];
    const gateway = role === "sql-gateway" ? { "sql-gateway.endpoint.rest.address": "0.0.0.0" } : {};
    const dynamic = Object.entries({ ...DEFAULTS, ...properties, ...gateway }).flatMap(([k, v]) => ["-D", `${k}=${v}`]);
    // umask 0: what the process writes into a bind-mounted host directory (streaming's checkpoints)
    // stays removable by the harness's user, who is not the image's flink user.
    this.withEntrypoint(["/bin/bash", "-c", `umask 0000 && exec /opt/flink/bin/${launch.script} "$@"`, launch.script])
      .withCommand(["start-foreground", ...dynamic])
      .withUser("flink")
      .withEnvironment({ [launch.javaOptsVar]: launch.javaOpts })
      .withWaitStrategy(WAIT[role]());
    if (role === "jobmanager") this.withExposedPorts(8081);
    if (role === "sql-gateway") this.withExposedPorts(8083);
  }

  override async start(): Promise<StartedFlinkContainer> {
    return new StartedFlinkContainer(await super.start(), this.image, this.role);
  }
}

export class StartedFlinkContainer extends AbstractStartedContainer implements Component {
  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly role: FlinkRole,
  ) {
    super(container);
  }

  get name(): string {
    return `flink-${this.role}`;
  }

  /** The REST API on the host: the JobManager's (8081) or the SQL Gateway's (8083). */
  get rest(): string {
    return `http://127.0.0.1:${this.getMappedPort(this.role === "sql-gateway" ? 8083 : 8081)}`;
  }
}

/**
 * A Flink cluster: JobManager, TaskManager and SQL Gateway, started together (the TaskManager
 * retries its registration and the gateway reaches the JobManager only when a statement runs).
 */
export async function startFlinkCluster(
  image: ResolvedImage,
  network: StartedNetwork,
  properties: Record<string, string> = {},
  /** A host directory mounted into the JobManager and the TaskManager (checkpoints both must read). */
  shared?: { host: string; container: string },
): Promise<FlinkCluster> {
  const node = (role: FlinkRole) => {
    const c = new FlinkContainer(image, role, properties).withNetwork(network);
    if (shared && role !== "sql-gateway") c.withBindMounts([{ source: shared.host, target: shared.container }]);
    return c.start();
  };
  const [jobmanager, taskmanager, gateway] = await startAll([node("jobmanager"), node("taskmanager"), node("sql-gateway")] as const);
  return new FlinkCluster(jobmanager, taskmanager, gateway);
}

export class FlinkCluster {
  constructor(
    readonly jobmanager: StartedFlinkContainer,
    readonly taskmanager: StartedFlinkContainer,
    readonly gateway: StartedFlinkContainer,
  ) {}

  get containers(): StartedFlinkContainer[] {
    return [this.jobmanager, this.taskmanager, this.gateway];
  }

  async openSession(): Promise<SqlSession> {
    const { sessionHandle } = await json<{ sessionHandle: string }>(`${this.gateway.rest}/v3/sessions`, { method: "POST", body: "{}" });
    return new SqlSession(this, this.gateway.rest, sessionHandle);
  }

  /** Every job the JobManager knows (running and ended), with its name and state. */
  async jobs(): Promise<Array<{ jid: string; name: string; state: string }>> {
    return (await json<{ jobs: Array<{ jid: string; name: string; state: string }> }>(`${this.jobmanager.rest}/jobs/overview`)).jobs;
  }

  /**
   * Waits until an unbounded job runs: the job and every task of it RUNNING (sources reading). A job
   * that fails meanwhile becomes a StageError naming its root cause.
   */
  async awaitRunning(stage: string, jobId: string, timeoutMs: number): Promise<void> {
    let state = "";
    try {
      state = await waitFor(`Flink job ${jobId} to run`, timeoutMs, async () => {
        const job = await json<{ state: string; vertices: Array<{ status: string }> }>(`${this.jobmanager.rest}/jobs/${jobId}`);
        if (TERMINAL.includes(job.state)) return job.state;
        return job.state === "RUNNING" && job.vertices.every((v) => v.status === "RUNNING") ? job.state : undefined;
      });
    } catch (err) {
      throw new StageError(stage, (err as Error).message, this.jobmanager.name, await logTail(this.jobmanager));
    }
    if (state !== "RUNNING") await this.failed(stage, jobId, state);
  }

  /** A job's checkpoints: how many completed and failed, and their end-to-end duration (ms). */
  async checkpoints(jobId: string): Promise<{ completed: number; failed: number; p50Ms: number; maxMs: number }> {
    const stats = await json<{ counts: { completed: number; failed: number }; summary: { end_to_end_duration: { p50?: number; max: number } } }>(`${this.jobmanager.rest}/jobs/${jobId}/checkpoints`);
    const d = stats.summary.end_to_end_duration;
    return { completed: stats.counts.completed, failed: stats.counts.failed, p50Ms: d.p50 ?? NaN, maxMs: d.max };
  }

  /** Cancels a job (an unbounded one a pass is done with); one already ended is left as it is. */
  async cancel(jobId: string): Promise<void> {
    await fetch(`${this.jobmanager.rest}/jobs/${jobId}?mode=cancel`, { method: "PATCH" }).catch(() => undefined);
  }

  /** A crash of the TaskManager: killed (no shutdown), then started again as a supervisor would. */
  async killTaskManager(): Promise<void> {
    await this.taskmanager.restart({ timeout: 0 });
  }

  /** Waits until the job ends; a job that fails or outlives `timeoutMs` becomes a StageError naming its root cause. */
  async awaitJob(stage: string, jobId: string, timeoutMs: number): Promise<void> {
    let state = "";
    try {
      state = await waitFor(`Flink job ${jobId} to finish`, timeoutMs, async () => {
        const job = await json<{ state: string }>(`${this.jobmanager.rest}/jobs/${jobId}`);
        return TERMINAL.includes(job.state) ? job.state : undefined;
      }, 200);
    } catch (err) {
      throw new StageError(stage, (err as Error).message, this.jobmanager.name, await logTail(this.jobmanager));
    }
    if (state !== "FINISHED") await this.failed(stage, jobId, state);
  }

  /**
   * What an unbounded job that is not keeping up is doing: its state, how often it failed and the
   * last failure's root cause, for a wait on its output that timed out.
   */
  async diagnose(jobIds: string[]): Promise<string> {
    const lines = await Promise.all(
      jobIds.map(async (id) => {
        const job = await json<{ state: string }>(`${this.jobmanager.rest}/jobs/${id}`).catch(() => ({ state: "unknown" }));
        const exceptions = await json<JobExceptions>(`${this.jobmanager.rest}/jobs/${id}/exceptions`).catch(() => ({}) as JobExceptions);
        const failures = exceptions.exceptionHistory?.entries?.length ?? 0;
        return `Flink job ${id} is ${job.state}${failures ? `, failed ${failures} time(s), last: ${rootCause(exceptions)}` : ", no failure recorded (slower than the wait)"}`;
      }),
    );
    return lines.join("; ");
  }

  private async failed(stage: string, jobId: string, state: string): Promise<never> {
    const exceptions = await json<JobExceptions>(`${this.jobmanager.rest}/jobs/${jobId}/exceptions`).catch(() => ({}) as JobExceptions);
    throw new StageError(stage, `Flink job ${jobId} ended ${state}: ${rootCause(exceptions)}`, this.taskmanager.name);
  }

  async stop(): Promise<void> {
    await Promise.all(this.containers.map((c) => c.stop()));
  }
}

/** GET /jobs/:id/exceptions (Flink 2.0 keeps the history; `root-exception` is the older field). */
interface JobExceptions {
  "root-exception"?: string;
  exceptionHistory?: { entries?: Array<{ exceptionName?: string; stacktrace?: string; taskName?: string }> };
}

/** The exception that failed the job: its first line and its deepest "Caused by", with the task. */
export function rootCause(exceptions: JobExceptions): string {
  const entry = exceptions.exceptionHistory?.entries?.[0];
  const trace = entry?.stacktrace ?? exceptions["root-exception"] ?? "";
  if (!trace.trim()) return "(the JobManager recorded no exception)";
  const lines = trace.split("\n").map((l) => l.trim());
  const deepest = lines.filter((l) => l.startsWith("Caused by:")).at(-1)?.replace(/^Caused by:\s*/, "");
  const first = lines[0]!;
  const task = entry?.taskName ? ` (task ${entry.taskName})` : "";
  return `${deepest && deepest !== first ? `${deepest} ← ${first}` : first}${task}`.slice(0, 800);
}

interface ResultPage {
  resultType: "NOT_READY" | "PAYLOAD" | "EOS";
  results?: { data?: Array<{ fields: unknown[] }> };
  nextResultUri?: string;
}

export class SqlSession {
  constructor(
    private readonly flink: FlinkCluster,
    private readonly base: string,
    private readonly handle: string,
  ) {}

  /** Closes the session on the gateway (its temporary tables and views go with it). */
  async close(): Promise<void> {
    await fetch(`${this.base}/v3/sessions/${this.handle}`, { method: "DELETE" }).catch(() => undefined);
  }

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
      // Most statements are ready within milliseconds (DDL, SET): poll soon, then back off to 200 ms.
      let pause = 5;
      while (Date.now() < deadline) {
        const page = await json<ResultPage>(`${this.base}${uri}`);
        rows.push(...(page.results?.data ?? []).map((r) => r.fields));
        if (page.resultType === "EOS" || !page.nextResultUri) return rows;
        if (page.resultType === "NOT_READY") {
          await new Promise((r) => setTimeout(r, pause));
          pause = Math.min(pause * 2, 200);
        }
        uri = page.nextResultUri;
      }
      throw new Error(`no result within ${timeoutMs / 1000} s`);
    } catch (err) {
      if (err instanceof StageError) throw err;
      const first = statement.split("\n").find((l) => l.trim() && !l.trim().startsWith("--")) ?? statement;
      throw new StageError(stage, `Flink SQL "${first.trim().slice(0, 80)}" failed: ${(err as Error).message}`, "flink-sql-gateway", await logTail(this.flink.gateway));
    }
  }

  /**
   * Runs a script: every statement in order; each one that starts a job is awaited to its end, or
   * with `until: "running"` (an unbounded job) until it runs. Returns the jobs' ids.
   */
  async runScript(stage: string, statements: string[], jobTimeoutMs: number, until: "finished" | "running" = "finished"): Promise<string[]> {
    const jobs: string[] = [];
    for (const statement of statements) {
      const rows = await this.execute(stage, statement);
      const jobId = /^\s*(INSERT|EXECUTE)\b/im.test(statement.replace(/--.*$/gm, "")) ? (rows[0]?.[0] as string | undefined) : undefined;
      if (jobId) {
        await (until === "running" ? this.flink.awaitRunning(stage, jobId, jobTimeoutMs) : this.flink.awaitJob(stage, jobId, jobTimeoutMs));
        jobs.push(jobId);
      }
    }
    return jobs;
  }
}
