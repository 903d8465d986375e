// Spark 3.5 standalone: a master and a worker on the run's network, as the upstream ran them. Jobs are
// submitted with spark-submit to the master from inside the master's container (client mode: the
// driver runs there, the executor on the worker); a failed job is reported with its root cause.
import { AbstractStartedContainer, Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";
import { StageError } from "../errors.js";
import type { ResolvedImage } from "../images/resolve.js";
import { basename } from "node:path";
import { exec, lastLine } from "../runtime/exec.js";
import { RunContainer, startAll, type Component } from "./container.js";

export type SparkRole = "master" | "worker";

const MASTER_PORT = 7077;
const UI_PORT = 8080;
/** Where submitted jobs' files go, in the image's work dir (writable by user spark). */
const JOBS = "/opt/spark/work-dir/jobs";

export interface SparkResources {
  /** Cores and memory the worker offers (its one executor takes them all). */
  workerCores: number;
  workerMemory: string;
}

const DEFAULTS: SparkResources = { workerCores: 2, workerMemory: "3g" };

/** One Spark process through bin/spark-class, which the official image and the replica both have. */
export class SparkContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    readonly role: SparkRole,
    resources: SparkResources = DEFAULTS,
  ) {
    super(image, `spark-${role}`);
    // UTC in every JVM, so timestamps without a zone mean the same everywhere.
    this.withEnvironment({ SPARK_NO_DAEMONIZE: "1", TZ: "UTC", SPARK_DAEMON_JAVA_OPTS: "-Duser.timezone=UTC" });
    if (role === "master") {
      this.withCommand(["/opt/spark/bin/spark-class", "org.apache.spark.deploy.master.Master", "--host", "spark-master", "--port", String(MASTER_PORT), "--webui-port", String(UI_PORT)])
        .withExposedPorts(UI_PORT)
        .withWaitStrategy(Wait.forLogMessage(/I have been elected leader/).withStartupTimeout(120_000));
    } else {
      this.withCommand([
        "/opt/spark/bin/spark-class", "org.apache.spark.deploy.worker.Worker",
        "--cores", String(resources.workerCores), "--memory", resources.workerMemory,
        `spark://spark-master:${MASTER_PORT}`,
      ]).withWaitStrategy(Wait.forLogMessage(/Successfully registered with master/).withStartupTimeout(120_000));
    }
  }

  override async start(): Promise<StartedSparkContainer> {
    return new StartedSparkContainer(await super.start(), this.image, this.role);
  }
}

export class StartedSparkContainer extends AbstractStartedContainer implements Component {
  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly role: SparkRole,
  ) {
    super(container);
  }

  get name(): string {
    return `spark-${this.role}`;
  }
}

/** What one spark-submit runs: the driver program, its Python modules, a properties file and files it reads. */
export interface SparkJob {
  /** A name for the job's folder and the Spark UI. */
  name: string;
  /** The driver program (host path) and its arguments (container paths: see `files`). */
  app: string;
  args?: string[];
  /** Python modules the driver and executors import (host paths). */
  pyFiles?: string[];
  /** Files written into the job's folder before it runs, by name: the spec, the properties. */
  files: Record<string, string>;
  /** The name (in `files`) of the Spark properties file the job runs with. */
  properties: string;
}

export interface SparkJobResult {
  /** The JSON the driver printed on its `harness-job` line. */
  report: Record<string, unknown>;
}

export async function startSparkCluster(image: ResolvedImage, network: StartedNetwork, resources?: SparkResources): Promise<SparkCluster> {
  // Both at once: the worker retries its registration until the master is up.
  const [master, worker] = await startAll([new SparkContainer(image, "master", resources).withNetwork(network).start(), new SparkContainer(image, "worker", resources).withNetwork(network).start()] as const);
  return new SparkCluster(master, worker);
}

export class SparkCluster {
  private submitted = 0;

  constructor(
    readonly master: StartedSparkContainer,
    readonly worker: StartedSparkContainer,
  ) {}

  get containers(): StartedSparkContainer[] {
    return [this.master, this.worker];
  }

  get masterUrl(): string {
    return `spark://spark-master:${MASTER_PORT}`;
  }

  /** The folder of a job inside the driver's container. */
  private jobDir(job: Pick<SparkJob, "name">, n: number): string {
    return `${JOBS}/${String(n).padStart(2, "0")}-${job.name}`;
  }

  /** Copies a job's code and files into `dir` in the master's container; its spark-submit command line. */
  private async stage(job: SparkJob, dir: string): Promise<string[]> {
    const code = [job.app, ...(job.pyFiles ?? [])];
    // Made by the container's user (spark), so the job can write there; copies would make it root's.
    await this.master.exec(["mkdir", "-p", `${dir}/incoming`]);
    await this.master.copyFilesToContainer(code.map((source) => ({ source, target: `${dir}/${basename(source)}`, mode: 0o644 })));
    await this.master.copyContentToContainer(Object.entries(job.files).map(([name, content]) => ({ content, target: `${dir}/${name}`, mode: 0o644 })));
    return [
      "/opt/spark/bin/spark-submit",
      "--master", this.masterUrl,
      "--deploy-mode", "client",
      "--name", job.name,
      "--properties-file", `${dir}/${job.properties}`,
      ...(job.pyFiles?.length ? ["--py-files", job.pyFiles.map((p) => `${dir}/${basename(p)}`).join(",")] : []),
      `${dir}/${basename(job.app)}`,
      ...(job.args ?? []).map((a) => (a in job.files ? `${dir}/${a}` : a)),
    ];
  }

  /**
   * Runs a job with spark-submit in the master's container and waits for it; a job that fails or
   * outlives `timeoutMs` becomes a StageError with its root cause (the deepest exception it printed).
   */
  async submit(stage: string, job: SparkJob, timeoutMs: number): Promise<SparkJobResult> {
    const dir = this.jobDir(job, ++this.submitted);
    const command = await this.stage(job, dir);
    try {
      const r = await withTimeout(this.master.exec(command, { workingDir: dir }), timeoutMs, `spark job ${job.name} did not finish within ${Math.round(timeoutMs / 1000)} s`);
      if (r.exitCode !== 0) throw new StageError(stage, `spark job ${job.name} failed (exit ${r.exitCode}): ${sparkRootCause(r.output)}`, this.master.name, tail(r.output));
      const line = r.output.split("\n").find((l) => l.startsWith("harness-job "));
      return { report: line ? (JSON.parse(line.slice("harness-job ".length)) as Record<string, unknown>) : {} };
    } catch (err) {
      if (err instanceof StageError) throw err;
      throw new StageError(stage, (err as Error).message, this.master.name);
    }
  }

  /**
   * Starts `job` as a long-running application that serves jobs from a folder (the protocol of the
   * stack's driver: `<app> --serve DIR`, jobs in DIR/inbox, results in DIR/done, DIR/ready once its
   * session is up), submitted with spark-submit like any job but not awaited. One JVM, one
   * SparkContext and one executor then serve every job: no start-up per job.
   */
  async startApplication(stage: string, job: Omit<SparkJob, "args">, timeoutMs: number): Promise<SparkApplication> {
    const dir = this.jobDir(job, ++this.submitted);
    const command = await this.stage({ ...job, args: ["--serve", dir] }, dir);
    const quoted = command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    // Detached (docker exec -d): its output and exit code land in the folder, for a failure to quote.
    const started = await exec("docker", ["exec", "-d", "-w", dir, this.master.getId(), "bash", "-c", `${quoted} > ${dir}/driver.log 2>&1; echo $? > ${dir}/exited`]);
    if (started.code !== 0) throw new StageError(stage, `spark application ${job.name} did not start: ${lastLine(started)}`, this.master.name);
    const app = new SparkApplication(this.master, job.name, dir);
    await app.await(stage, "ready", timeoutMs);
    return app;
  }

  async stop(): Promise<void> {
    await Promise.all(this.containers.map((c) => c.stop()));
  }
}

/** A long-running application serving jobs (see SparkCluster.startApplication). */
export class SparkApplication {
  private sent = 0;

  constructor(
    private readonly master: StartedSparkContainer,
    readonly name: string,
    private readonly dir: string,
  ) {}

  /** Runs one job (its JSON spec) in the application; a failed job becomes a StageError with its root cause. */
  async run(stage: string, spec: string, timeoutMs: number): Promise<SparkJobResult> {
    const file = `${String(++this.sent).padStart(3, "0")}.json`;
    await this.master.copyContentToContainer([{ content: spec, target: `${this.dir}/incoming/${file}`, mode: 0o644 }]);
    // A rename, so the application never reads half a file.
    await this.master.exec(["mv", `${this.dir}/incoming/${file}`, `${this.dir}/inbox/${file}`]);
    const result = JSON.parse(await this.await(stage, `done/${file}`, timeoutMs)) as { ok: boolean; report?: Record<string, unknown>; error?: string };
    if (!result.ok) throw new StageError(stage, `spark job ${file} of ${this.name} failed: ${sparkRootCause(result.error ?? "")}`, this.master.name, tail(result.error ?? ""));
    return { report: result.report ?? {} };
  }

  /** Waits for a file of the application's folder and returns it; the application's end fails the wait with its log. */
  async await(stage: string, name: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const read = await this.master.exec(["bash", "-c", `cat ${this.dir}/${name} 2>/dev/null || { test -f ${this.dir}/exited && echo EXITED; exit 1; }`]);
      if (read.exitCode === 0) return read.output;
      if (read.output.includes("EXITED")) {
        const log = await this.master.exec(["cat", `${this.dir}/driver.log`]);
        throw new StageError(stage, `spark application ${this.name} ended: ${sparkRootCause(log.output)}`, this.master.name, tail(log.output));
      }
      if (Date.now() > deadline) throw new StageError(stage, `spark application ${this.name}: no ${name} within ${Math.round(timeoutMs / 1000)} s`, this.master.name);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The last lines a job printed, without JVM stack frames. */
function tail(output: string, lines = 25): string {
  return output.split("\n").filter((l) => l.trim() && !/^\s+at |^\s*\.\.\. \d+ more/.test(l)).slice(-lines).join("\n");
}

/**
 * Why a job failed, from what spark-submit printed: the deepest JVM "Caused by", else the last
 * Python exception line (pyspark wraps JVM errors as e.g. AnalysisException: …).
 */
export function sparkRootCause(output: string): string {
  const lines = output.split("\n").map((l) => l.trim());
  const cause = lines.filter((l) => l.startsWith("Caused by:")).at(-1)?.replace(/^Caused by:\s*/, "");
  const python = lines.filter((l) => /^[A-Za-z_.]*(Error|Exception)\b.*:/.test(l) && !l.startsWith("at ")).at(-1);
  return (python && cause && !python.includes(cause.slice(0, 40)) ? `${python} (caused by ${cause})` : (python ?? cause ?? tail(output, 3))).slice(0, 800);
}
