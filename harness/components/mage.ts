// Mage AI as `mage start` serves a project: the API and, in a child process, the scheduler that runs
// triggered pipelines. The project is a folder on the host (bind-mounted, so run state written into
// it is the run's); runs are triggered through an API trigger and read back through the REST API.
// User authentication is off: the API listens on 127.0.0.1 only, in a container of one run, and a
// trigger needs its per-run token.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, runUser, type Component } from "./container.js";

const PORT = 6789;
const HOME = "/home/src";
/** Where the run's folder is mounted (the blocks write there). */
export const MAGE_RUN_DIR = "/harness/run";
/** Final states of a pipeline run (Mage's PipelineRun.PipelineRunStatus). */
const ENDED = ["completed", "failed", "cancelled"];

export interface MageRun {
  id: number;
  status: string;
  started_at: string | null;
  completed_at: string | null;
}

export interface MageBlockRun {
  id: number;
  block_uuid: string;
  status: string;
  started_at: string | null;
  completed_at: string | null;
}

/** An API error as Mage sends it: its message, or the last lines of the traceback it carries. */
function mageError(error: { message?: string; exception?: string; errors?: string[] }): string {
  const trace = (error.errors ?? []).join("").trim().split("\n").slice(-4).join(" | ");
  return [error.message, error.exception, trace].filter(Boolean).join(": ").slice(0, 800);
}

export class MageContainer extends RunContainer {
  private project = "";
  /** Bind mounts, set together (testcontainers' withBindMounts replaces the list). */
  private mounts: Array<{ source: string; target: string }> = [];

  constructor(image: ResolvedImage) {
    super(image, "mage");
    this.withUser(runUser())
      .withEnvironment({ REQUIRE_USER_AUTHENTICATION: "0", DISABLE_AUTO_BROWSER_OPEN: "true", HOME: "/tmp", SCHEDULER_TRIGGER_INTERVAL: "1" })
      .withExposedPorts(PORT)
      .withWaitStrategy(Wait.forHttp("/api/status", PORT).withStartupTimeout(240_000));
  }

  /** A folder of Python modules the blocks import (the harness's shared rules), on PYTHONPATH. */
  withLibrary(dir: string): this {
    return this.withCopyDirectoriesToContainer([{ source: dir, target: "/opt/harness-python" }]).withEnvironment({ PYTHONPATH: "/opt/harness-python" });
  }

  /** The project: a folder on the host, served as /home/src/<name>. */
  withProject(dir: string, name: string): this {
    this.project = name;
    return this.mount(dir, `${HOME}/${name}`).withWorkingDir(HOME);
  }

  /** The run's folder on the host, at MAGE_RUN_DIR. */
  withRunFolder(dir: string): this {
    return this.mount(dir, MAGE_RUN_DIR);
  }

  private mount(source: string, target: string): this {
    this.mounts.push({ source, target });
    return this.withBindMounts(this.mounts);
  }

  override async start(): Promise<StartedMageContainer> {
    if (!this.project) throw new Error("mage: withProject() is required");
    this.withCommand(["mage", "start", this.project, "--host", "0.0.0.0", "--port", String(PORT)]);
    return new StartedMageContainer(await super.start(), this.image);
  }
}

export class StartedMageContainer extends AbstractStartedContainer implements Component {
  readonly name = "mage";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
  ) {
    super(container);
  }

  get api(): string {
    return `http://127.0.0.1:${this.getMappedPort(PORT)}/api`;
  }

  /** Mage answers errors with HTTP 200 and an `error` object: both count as failures here. */
  private async call<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.api}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const parsed = (() => {
      try {
        return JSON.parse(text) as T & { error?: { message?: string; exception?: string } };
      } catch {
        return undefined;
      }
    })();
    if (!res.ok || !parsed || parsed.error) throw new Error(`Mage API ${path}: HTTP ${res.status} ${parsed?.error ? mageError(parsed.error) : text.slice(0, 300)}`);
    return parsed;
  }

  /** The id of pipeline `pipeline`'s trigger `name` once the scheduler has read it from triggers.yaml. */
  async scheduleId(pipeline: string, name: string): Promise<number | undefined> {
    const { pipeline_schedules } = await this.call<{ pipeline_schedules: Array<{ id: number; name: string }> }>(`/pipelines/${pipeline}/pipeline_schedules`);
    return pipeline_schedules.find((s) => s.name === name)?.id;
  }

  /** A run through API trigger `scheduleId` with its token; the run's id. */
  async trigger(scheduleId: number, token: string, variables: Record<string, unknown>): Promise<number> {
    const { pipeline_run } = await this.call<{ pipeline_run: MageRun }>(`/pipeline_schedules/${scheduleId}/pipeline_runs/${token}`, { pipeline_run: { variables } });
    return pipeline_run.id;
  }

  async run(id: number): Promise<MageRun> {
    return (await this.call<{ pipeline_run: MageRun }>(`/pipeline_runs/${id}`)).pipeline_run;
  }

  static ended(run: MageRun): boolean {
    return ENDED.includes(run.status);
  }

  async blockRuns(runId: number): Promise<MageBlockRun[]> {
    return (await this.call<{ block_runs: MageBlockRun[] }>(`/block_runs?pipeline_run_id=${runId}`)).block_runs;
  }
}
