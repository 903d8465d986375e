// The vitest glue of a pipeline suite: prepares the run's inputs and the oracle before the first
// test, times every stage, tears down after the last, and leaves the PipelineRun as suite meta
// for the reporters.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Duck } from "./db/duck.js";
import type { Fixture } from "./fixtures/tlc.js";
import { prepareInputs } from "./inputs.js";
import type { Component } from "./components/container.js";
import { ImageError } from "./images/errors.js";
import { resolveImage } from "./images/resolve.js";
import type { ContainerUsage, DbtSummary, PipelineRun, SilverComparison, StageName, StageTiming } from "./model.js";
import { Oracle, type Expectation } from "./oracle/oracle.js";
import { cacheDir, projectRoot } from "./paths.js";
import type { PipelineDefinition } from "./pipeline.js";
import { ensureEngine } from "./runtime/engine.js";
import { peakMemoryMb } from "./stages/memory.js";

export interface PipelineContext {
  readonly pipeline: PipelineDefinition;
  readonly duck: Duck;
  readonly fixture: Fixture;
  readonly events: number;
  readonly oracle: Oracle;
  readonly expected: Expectation;
  /** A scratch folder of this run, removed at teardown. */
  readonly workDir: string;
  /** Times `fn` as stage `name`; a failure is recorded with its message and rethrown. */
  stage<T>(name: StageName, fn: () => Promise<T>): Promise<T>;
  /** Registers work for the teardown stage (last registered runs first). */
  onTeardown(fn: () => Promise<void>): void;
  /** Registers a started stack: at teardown its containers' peak memory is recorded, then it stops. */
  track(stack: { containers(): Component[]; stop(): Promise<void> }): void;
  /** The result of an earlier stage; fails the current test with a clear line if it did not complete. */
  need<T>(value: T | undefined | null, what: string): T;
  recordBronze(rows: number): void;
  recordSilver(comparison: SilverComparison): void;
  recordDbt(summary: DbtSummary, gold?: Record<string, number>): void;
  recordProduced(events: number, seconds: number): void;
  recordContainer(usage: ContainerUsage): void;
  note(text: string): void;
  /** Marks the run SKIPPED (a prerequisite is missing); every remaining test is skipped. */
  skip(reason: string): void;
}

/** A container pipeline needs an engine and its images (pulled or forged): without them it is SKIPPED. */
async function checkPrerequisites(pipeline: PipelineDefinition, skip: (reason: string) => void): Promise<void> {
  const engine = await ensureEngine({ install: false });
  if (!engine.ok) return skip(`no container engine: ${engine.reason}`);
  for (const name of pipeline.images) {
    try {
      await resolveImage(name);
    } catch (err) {
      if (!(err instanceof ImageError)) throw err;
      return skip(`image ${name} can be neither pulled nor forged: ${err.message}`);
    }
  }
}

function gitSha(): string {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: projectRoot(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

export interface RunOptions {
  /** Inputs other than the run's own (HARNESS_FIXTURE, HARNESS_EVENTS), e.g. hand-made edge rows. */
  env?: Record<string, string>;
  /** False for a side run (edge rows) that must not stand for the pipeline in the reports. */
  report?: boolean;
}

/** Call inside the pipeline's describe: registers the run's lifecycle and returns its context. */
export function usePipeline(pipeline: PipelineDefinition, options: RunOptions = {}): PipelineContext {
  const report = options.report ?? true;
  let started = performance.now();
  const stages: StageTiming[] = [];
  const teardowns: Array<() => Promise<void>> = [];
  const record: PipelineRun = {
    pipelineId: pipeline.id,
    pipelineName: pipeline.name,
    ingestion: pipeline.ingestion,
    processor: pipeline.processor,
    storage: pipeline.storage,
    ruleSet: pipeline.ruleSet,
    fixture: { path: "", label: "", sha256: "", fileRows: 0 },
    events: 0,
    status: "PASS",
    reason: "",
    stages,
    rows: { bronze: null, silver: null, gold: {} },
    eventsPerSecond: null,
    containers: [],
    silver: null,
    dbt: null,
    notes: [],
    gitSha: gitSha(),
    runAt: new Date().toISOString(),
  };
  let ctx: PipelineContext | undefined;
  let skipped: string | null = null;

  // A stage may span several tests (bronze and silver are both "processing"): their times add up.
  const finish = (name: StageName, seconds: number, error?: string) => {
    const existing = stages.find((s) => s.name === name);
    if (!existing) stages.push({ name, seconds, ok: !error, ...(error ? { error } : {}) });
    else Object.assign(existing, { seconds: existing.seconds + seconds, ok: existing.ok && !error }, error ? { error } : {});
  };
  const stage = async <T>(name: StageName, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      const value = await fn();
      finish(name, (performance.now() - t0) / 1000);
      return value;
    } catch (err) {
      finish(name, (performance.now() - t0) / 1000, err instanceof Error ? err.message : String(err));
      throw err;
    }
  };

  // vitest 4 passes the suite as the second argument; the first must be a destructuring pattern.
  beforeAll(async ({}, suite) => {
    started = performance.now();
    if (report) suite.meta.pipelineRun = record;
    const inputs = await prepareInputs({ ...process.env, ...options.env });
    record.fixture = { path: inputs.fixture.path, label: inputs.fixture.label, sha256: inputs.fixture.sha256, fileRows: inputs.fixture.fileRows };
    record.events = inputs.events;
    // silver-cdc reads the source table's final state (`source_trips`); until a CDC suite loads it
    // from the source, it is the state with no change applied: every event, keyed id = event_seq.
    if (pipeline.ruleSet === "silver-cdc") {
      await inputs.duck.run(`CREATE OR REPLACE TABLE source_trips AS SELECT event_seq AS id, * EXCLUDE (event_seq) FROM events`);
    }
    const oracle = new Oracle(inputs.duck, pipeline.ruleSet);
    const expected = await oracle.expect();
    const workDir = join(cacheDir(), "runs", `${pipeline.id}-${process.pid}-${Date.now()}`);
    mkdirSync(workDir, { recursive: true });
    teardowns.push(async () => {
      inputs.duck.close();
      rmSync(workDir, { recursive: true, force: true });
    });
    ctx = {
      pipeline,
      duck: inputs.duck,
      fixture: inputs.fixture,
      events: inputs.events,
      oracle,
      expected,
      workDir,
      stage,
      onTeardown: (fn) => teardowns.push(fn),
      track: (stack) =>
        teardowns.push(async () => {
          for (const c of stack.containers()) {
            record.containers.push({ name: c.name, image: c.image.ref, source: c.image.source, provenance: c.image.provenance, peakMemMb: peakMemoryMb(c.container.getId()) });
          }
          await stack.stop();
        }),
      need: (value, what) => {
        if (value === undefined || value === null) throw new Error(`${what} is not available: an earlier stage did not complete`);
        return value;
      },
      recordBronze: (rows) => (record.rows.bronze = rows),
      recordSilver: (comparison) => {
        record.silver = comparison;
        record.rows.silver = comparison.actualRows;
      },
      recordDbt: (summary, gold = {}) => {
        record.dbt = summary;
        record.rows.gold = gold;
      },
      recordProduced: (events, seconds) => (record.eventsPerSecond = seconds > 0 ? events / seconds : null),
      recordContainer: (usage) => record.containers.push(usage),
      note: (text) => record.notes.push(text),
      skip: (reason) => {
        skipped = reason;
        record.status = "SKIPPED";
        record.reason = reason;
      },
    };
    if (pipeline.needsContainerEngine) await checkPrerequisites(pipeline, ctx.skip);
  }, 1_800_000);

  beforeEach((test) => {
    if (skipped) test.skip(skipped);
  });

  afterAll(async ({}, suite) => {
    const errors: unknown[] = [];
    await stage("teardown", async () => {
      for (const fn of teardowns.reverse()) await fn().catch((err) => errors.push(err));
    }).catch(() => undefined);
    stages.push({ name: "e2e", seconds: (performance.now() - started) / 1000, ok: stages.every((s) => s.ok) });
    if (report) suite.meta.pipelineRun = record;
    if (errors.length) throw new AggregateError(errors, `teardown of ${pipeline.id} failed`);
  }, 300_000);

  // The context exists once beforeAll ran; tests reach it through this proxy.
  return new Proxy({} as PipelineContext, {
    get: (_, key) => {
      if (!ctx) throw new Error(`the ${pipeline.id} run was not prepared (see the error of its beforeAll hook)`);
      return ctx[key as keyof PipelineContext];
    },
  });
}
