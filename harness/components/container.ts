// What every component shares: the run's container base class (run labels, loopback ports), the
// tail of a container's log for error messages, and a bounded wait that fails with the stage, the
// container and that tail.
import { createServer } from "node:net";
import { GenericContainer, type StartedTestContainer } from "testcontainers";
import { StageError } from "../errors.js";
import type { ResolvedImage } from "../images/resolve.js";
import { exec } from "../runtime/exec.js";
import { guardRun, isInterrupted } from "../runtime/guard.js";
import { runLabels } from "../runtime/run.js";

/** Testcontainers' HostConfig, protected upstream: read here only to pin HostIp. */
type PortBindings = Record<string, Array<{ HostIp?: string; HostPort?: string }>>;

/**
 * The base of every component container: it carries the run labels (cleanup finds it by them)
 * and its published ports listen on 127.0.0.1 only (testcontainers 11 binds 0.0.0.0 and has no
 * host-ip option, so the bindings are pinned in its pre-create hook).
 */
export class RunContainer extends GenericContainer {
  constructor(
    readonly image: ResolvedImage,
    /** Its name on the run's network (engines there reach it by this name). */
    protected alias: string,
  ) {
    super(image.ref);
    this.withLabels(runLabels());
  }

  withNetworkAlias(alias: string): this {
    this.alias = alias;
    return this;
  }

  /** Timed: how long each container took to be ready (created, started, its wait strategy passed) goes in the run record. */
  override async start(): Promise<StartedTestContainer> {
    const began = performance.now();
    const started = await super.start();
    readySeconds.set(started.getId(), (performance.now() - began) / 1000);
    return started;
  }

  protected override async beforeContainerCreated(): Promise<void> {
    guardRun();
    if (isInterrupted()) throw new Error(`the run was interrupted: container ${this.alias} not started`);
    if (this.networkMode && !this.networkAliases.includes(this.alias)) this.withNetworkAliases(this.alias);
    for (const list of Object.values((this.hostConfig.PortBindings ?? {}) as PortBindings)) for (const b of list) b.HostIp = "127.0.0.1";
  }
}

const readySeconds = new Map<string, number>();

/** Seconds from a container's start call until it was ready, or null when it was not started as a RunContainer. */
export const readyIn = (containerId: string): number | null => readySeconds.get(containerId) ?? null;

/** Who writes into the run's folder: the invoking user, so that the harness can remove what a container wrote. */
export const runUser = () => `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;

/** A started container as the reports list it: its name there, the container and its image. */
export interface Component {
  readonly name: string;
  readonly container: StartedTestContainer;
  readonly image: ResolvedImage;
}

/** The last lines of a container's log, without Java stack frames (the message lines are what help). */
export async function logTail(container: StartedTestContainer, lines = 25): Promise<string> {
  const r = await exec("docker", ["logs", "--tail", String(lines * 20), container.getId()], { timeoutMs: 15_000 });
  const kept = `${r.stdout}${r.stderr}`.split("\n").filter((l) => l.trim() && !/^\s+at |^\s*\.\.\. \d+ more/.test(l));
  return kept.slice(-lines).join("\n");
}

/** Runs `fn` for a stage; a failure becomes a StageError naming the component and its log tail. */
export async function inStage<T>(stage: string, component: Component, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StageError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new StageError(stage, message, component.name, await logTail(component.container).catch(() => "(no log)"));
  }
}

/** Polls `probe` until it returns a value, for at most `timeoutMs`; the last error explains a timeout. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : "";
      throw new Error(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A free TCP port on 127.0.0.1, for services that must advertise their host port before starting. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts things in parallel like Promise.all, but when one fails it waits for the others and stops
 * those that started, so a failed start leaves nothing running.
 */
export async function startAll<T extends readonly { stop(): Promise<unknown> }[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (!failed) return results.map((r) => (r as PromiseFulfilledResult<T[number]>).value) as unknown as T;
  await Promise.allSettled(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.stop()] : [])));
  throw failed.reason;
}

/** JVM option: C1 alone, a fraction of C2's compile time, where a JVM lives seconds to minutes on two cores. */
export const QUICK_JIT = "-XX:TieredStopAtLevel=1";
