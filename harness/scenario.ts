// The standard scenario every pipeline runs, as a vitest suite: startup → ingestion → bronze →
// silver vs the oracle → dbt build → the pipeline's declared stages → the edge rows on the same
// stack. A suite is `describePipeline(spec)` plus that pipeline's own checks. Lifetimes are
// file-scoped fixtures (the run's inputs, the stack, the main pass): setup and teardown stand
// together, and a test asks for what it needs. Every stage records a typed result in the run
// record (the test file's meta), from which the reporter judges the run.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { countTables, type Duck } from "./db/duck.js";
import { StageError } from "./errors.js";
import { ImageError } from "./images/errors.js";
import { resolveImage, type ResolvedImage } from "./images/resolve.js";
import { prepareInputs, type RunInputs } from "./inputs.js";
import { runMode } from "./mode.js";
import type { EdgeResult, FailureRecovery, FlowRun, LatencySummary, PipelineRun, RunSections, SilverComparison, StageKind, StageName } from "./model.js";
import type { RunMode } from "./mode.js";
import { Oracle, silverColumns } from "./oracle/oracle.js";
import { schemaProblems } from "./oracle/silver-schema.js";
import { cacheDir, projectRoot } from "./paths.js";
import { declaredStages, EDGE_NAMES, failureStage, MAIN_NAMES, type Bronze, type DbtRun, type Failure, type Ingested, type Orchestrated, type Pipeline, type RunningJobs, type ScenarioNames, type StartedStack, type StepContext } from "./pipeline.js";
import { deadLetterMismatches, poisonCount } from "./fixtures/poison.js";
import { ensureEngine } from "./runtime/engine.js";
import { eventLatency, recoverySeconds } from "./stages/latency.js";
import { readyIn } from "./components/container.js";
import { peakMemoryMb } from "./stages/memory.js";
import { brokenNodes } from "./stages/run-results.js";

/** The edge rows: hand-made boundary cases (month edges, zero/negative/null values, duplicates). */
export const EDGE_FIXTURE = join(projectRoot(), "fixtures", "edge-rows.csv");

/** The gold tables whose row counts the run record keeps. */
const GOLD_TABLES = ["fct_trips", "mart_daily_revenue", "mart_location_performance", "mart_hourly_demand"];

/** The run of one pipeline in one test file: its record, its inputs, and how stages are timed. */
export class Run<S extends StartedStack> {
  readonly record: PipelineRun;
  skipped: string | null = null;
  private imagesSeconds = 0;
  /** An orchestrated pipeline's stage times, from its orchestrator's task records. */
  private taskSeconds = new Map<StageName, number>();

  constructor(
    readonly pipeline: Pipeline<S>,
    readonly inputs: RunInputs,
    readonly workDir: string,
  ) {
    this.record = newRecord(pipeline, inputs);
  }

  /** Times `fn` as stage `name`; a failure is recorded with its message and rethrown. */
  async stage<T>(name: StageName, kind: StageKind, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const done = (error?: string) => {
      const seconds = this.taskSeconds.get(name) ?? (performance.now() - t0) / 1000;
      this.record.stages.push({ name, kind, seconds, ok: !error, ...(error ? { error } : {}) });
      this.derive();
    };
    try {
      const value = await fn();
      done();
      return value;
    } catch (err) {
      done(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  /**
   * The main pass's flow run: the record keeps it, and the stages its tasks did take their time from
   * the orchestrator's task records (the harness's read-back checks that follow are not the work).
   */
  recordFlow(flow: FlowRun): void {
    this.record.flow = flow;
    this.taskSeconds.clear();
    for (const task of flow.tasks) if (task.stage && task.seconds !== null) this.taskSeconds.set(task.stage, (this.taskSeconds.get(task.stage) ?? 0) + task.seconds);
    const tasks = flow.tasks.map((t) => `${t.name} ${t.state} ${t.seconds?.toFixed(1) ?? "?"} s`).join(", ");
    this.record.notes.push(`orchestrator: ${flow.orchestrator} run ${flow.runId} ${flow.state} in ${flow.seconds.toFixed(1)} s: ${tasks}; scheduling gaps ${flow.schedulingSeconds.toFixed(1)} s`);
  }

  /** Marks the run SKIPPED (a prerequisite is missing); every test of the file is skipped. */
  skip(reason: string): void {
    this.skipped = reason;
    Object.assign(this.record, { status: "SKIPPED", reason });
  }

  /** A container pipeline needs an engine and its stack's images (pulled or forged), resolved before the clock starts. */
  async resolveImages(): Promise<Record<string, ResolvedImage>> {
    const t0 = performance.now();
    const images: Record<string, ResolvedImage> = {};
    if (this.pipeline.stack.images.length) {
      const engine = await ensureEngine({ install: false });
      if (!engine.ok) {
        this.skip(`no container engine: ${engine.reason}`);
        return images;
      }
    }
    for (const name of this.pipeline.stack.images) {
      try {
        images[name] = await resolveImage(name);
      } catch (err) {
        if (!(err instanceof ImageError)) throw err;
        this.skip(`image ${name} can be neither pulled nor forged: ${err.message}`);
        return images;
      }
    }
    this.imagesSeconds = (performance.now() - t0) / 1000;
    this.derive();
    return images;
  }

  /**
   * The derived figures: processing = bronze + silver; e2e = the main pass from startup to teardown
   * (for an orchestrated pipeline its flow run, trigger to end, in place of the stages its tasks did).
   */
  private derive(): void {
    const seconds = (...names: string[]) => this.record.stages.filter((s) => names.includes(s.name)).reduce((t, s) => t + s.seconds, 0);
    const work = this.pipeline.orchestration ? seconds("orchestrator") : seconds("jobs", "ingestion", "bronze", "silver", "dbt");
    this.record.figures = {
      startup: seconds("startup"),
      ingestion: seconds("ingestion"),
      processing: seconds("bronze", "silver"),
      dbt: seconds("dbt"),
      teardown: seconds("teardown"),
      e2e: seconds("startup", "teardown") + work,
      images: this.imagesSeconds,
    };
  }
}

/** One pass of the scenario (main or edge) over a started stack: each step needs the one before. */
export class Pass<S extends StartedStack> {
  flow?: Orchestrated;
  ingested?: Ingested;
  bronzeResult?: Bronze;
  /** Silver as the pipeline wrote it, as a DuckDB relation. */
  silverRelation?: string;
  comparison?: SilverComparison;
  dbtRun?: DbtRun;
  /** Streaming: the pass's running jobs, and its latency once silver equals the oracle. */
  jobs?: RunningJobs;
  latency?: LatencySummary;
  /** Streaming: the rows silver's snapshots added (value = trip_id, committed_ms). */
  commits?: string;
  readonly oracle: Oracle;

  constructor(
    readonly pipeline: Pipeline<S>,
    readonly mode: RunMode,
    readonly stack: S,
    readonly duck: Duck,
    readonly events: number,
    readonly names: ScenarioNames,
    readonly poison: number,
    readonly workDir: string,
    private readonly notes: string[],
    /** Where a declared stage's sections go: the run record for the main pass, a scratch object for another. */
    private readonly record: RunSections = {},
  ) {
    this.oracle = new Oracle(duck, pipeline.ruleSet, pipeline.silverExtra);
    mkdirSync(workDir, { recursive: true });
  }

  get context(): StepContext<S> {
    const { pipeline, mode, stack, names, duck, events, poison, workDir, ingested, flow, dbtRun: dbt } = this;
    const columns = silverColumns(pipeline.ruleSet, pipeline.silverExtra);
    return {
      pipelineId: pipeline.id, ruleSet: pipeline.ruleSet, mode, stack, names, duck, events, poison, columns, oracle: this.oracle, workDir, ingested, flow, dbt,
      note: (text) => this.notes.push(`${names.scenario}: ${text}`),
      record: (sections) => Object.assign(this.record, sections),
    };
  }

  /** A result of an earlier step; a clear line when that step did not complete. */
  need<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} is not available: an earlier stage did not complete`);
    return value;
  }

  /** An orchestrated pipeline's flow run: every task of it succeeded (a failed one fails its run, named with its log). */
  async orchestrate(): Promise<Orchestrated> {
    const step = this.need(this.pipeline.orchestration, "an orchestration");
    this.flow = await step(this.context);
    const { orchestrator, runId, tasks } = this.flow.run;
    // The first task that did not succeed is the failure; those after it did not run because of it.
    // dbt's task is judged by the dbt stage (a quality stage): its run_results say what failed.
    const failed = tasks.find((t) => !t.ok && t.stage !== "dbt");
    if (failed) {
      const cause = failed.cause ? `: ${failed.cause}` : "";
      throw new StageError("orchestrator", `task ${failed.name} ${failed.state} in ${orchestrator} run ${runId}${cause}`, failed.container, failed.log);
    }
    return this.flow;
  }

  /** Streaming: the pipeline's steps in streaming mode (the run is skipped before this where it has none). */
  private get streaming() {
    return this.mode.name === "streaming" ? this.need(this.pipeline.streaming, "a streaming mode") : undefined;
  }

  /** Streaming: starts the pass's unbounded jobs. */
  async startJobs(): Promise<void> {
    this.jobs = await this.need(this.streaming, "a streaming mode").start(this.context);
  }

  /** Streaming: stops the pass's jobs (a pass other than the main one, done). */
  async stopJobs(): Promise<void> {
    await this.jobs?.stop();
    this.jobs = undefined;
  }

  /** The pipeline's ingestion, or with `increment` its second input. */
  async ingest(increment = false): Promise<Ingested> {
    const step = increment ? this.need(this.pipeline.increment, "an increment").ingest : this.pipeline.ingest;
    this.ingested = await step(this.context);
    return this.ingested;
  }

  /** Bronze holds what ingestion says it must; the dead-letter topic the malformed messages, each with a reason. */
  async bronze(): Promise<Bronze> {
    const ingested = this.need(this.ingested, "the ingestion");
    if (this.streaming) this.need(this.jobs, "the pass's streaming jobs");
    const bronze = await (this.streaming?.bronze ?? this.pipeline.bronze)(this.context);
    this.bronzeResult = bronze;
    // The dead letters first: a malformed message let through shows there by its kind.
    if (bronze.deadLetters) {
      expect(deadLetterMismatches(ingested.poison ?? [], bronze.deadLetters), "dead letters against the malformed messages put in").toEqual([]);
      expect(bronze.deadLetters.length, "dead letters").toBe(ingested.expectedDeadLetters);
    }
    expect(bronze.rows, "bronze rows").toBe(ingested.expectedBronze);
    return bronze;
  }

  /** Silver equals the oracle's rows of the rule-set, in count and content, with the schema of pipelines.md §3. */
  async silver(): Promise<SilverComparison> {
    this.need(this.bronzeResult, "bronze");
    // The oracle first: a streaming silver step waits until silver equals it.
    if (this.pipeline.oracleInput) await this.pipeline.oracleInput(this.context);
    await this.oracle.expect();
    const silver = await (this.streaming?.silver ?? this.pipeline.silver)(this.context);
    this.silverRelation = silver.relation;
    const committed = this.ingested?.lastCommitAt;
    // pipelines.md §5's CDC figure: what it includes is said with it.
    if (committed) this.context.note(`freshness_s=${((performance.now() - committed) / 1000).toFixed(2)} (last source commit → silver written: capture wait, bronze job, silver job)`);
    this.comparison = await this.oracle.compare(this.silverRelation);
    this.commits = silver.commits;
    if (this.mode.name === "streaming" && silver.commits && this.ingested?.acks) {
      this.latency = await eventLatency(this.duck, this.oracle, this.ingested.acks, silver.commits, this.mode.rate);
    }
    // The schema is part of the verdict: names, types as stored (not converted first), partitions, format version.
    expect(schemaProblems(silverColumns(this.pipeline.ruleSet, this.pipeline.silverExtra), silver.schema, silver.layout), "silver's schema against pipelines.md §3").toEqual([]);
    expect(this.comparison.missing, "rows the oracle expects that silver lacks").toEqual([]);
    expect(this.comparison.unexpected, "rows in silver the oracle does not expect").toEqual([]);
    expect(this.comparison.actualRows, "silver rows").toBe(this.comparison.expectedRows);
    expect(this.comparison.actualChecksum, "silver checksum").toBe(this.comparison.expectedChecksum);
    return this.comparison;
  }

  /** dbt build over silver: every node ran, none failed or errored. */
  async dbt(): Promise<DbtRun> {
    this.need(this.silverRelation, "silver");
    const step = this.need(this.pipeline.dbt ?? undefined, "a dbt step");
    this.dbtRun = undefined;
    this.dbtRun = await step(this.context);
    const { summary, logTail } = this.dbtRun;
    expect(summary.nodes.length, logTail).toBeGreaterThan(0);
    expect(summary.nodes.filter((n) => n.outcome === "skip").map((n) => n.uniqueId), "skipped dbt nodes").toEqual([]);
    expect(brokenNodes(summary).map((n) => `${n.uniqueId}: ${n.message}`), "failed dbt nodes").toEqual([]);
    return this.dbtRun;
  }
}

interface Fixtures<S extends StartedStack> {
  run: Run<S>;
  stack: S;
  main: Pass<S>;
}

export type PipelineTest<S extends StartedStack> = ReturnType<typeof pipelineTest<S>>;

/** The file-scoped fixtures of a pipeline's test file: the run, its stack, its main pass. */
function pipelineTest<S extends StartedStack>(pipeline: Pipeline<S>) {
  return test.extend<Fixtures<S>>({
    run: [
      async ({}, use) => {
        const inputs = await prepareInputs();
        const workDir = join(cacheDir(), "runs", `${pipeline.id}-${process.pid}-${Date.now()}`);
        mkdirSync(workDir, { recursive: true });
        const run = new Run(pipeline, inputs, workDir);
        if (inputs.mode.name === "streaming" && !pipeline.streaming) run.skip(`${pipeline.id.toUpperCase()} has no streaming mode (HARNESS_MODE=streaming): run it in batch mode`);
        try {
          await use(run);
        } finally {
          inputs.duck.close();
          rmSync(workDir, { recursive: true, force: true });
        }
      },
      { scope: "file" },
    ],
    stack: [
      async ({ run }, use) => {
        if (run.skipped) return use(undefined as unknown as S);
        const images = await run.resolveImages();
        if (run.skipped) return use(undefined as unknown as S);
        const stack = await run.stage("startup", "core", () => pipeline.stack.start({ images, workDir: run.workDir, mode: run.inputs.mode }));
        try {
          await use(stack);
        } finally {
          await run.stage("teardown", "core", async () => {
            // Peak memory is the cgroup's high-water mark: read it before the containers go.
            for (const c of stack.containers()) {
              run.record.containers.push({ name: c.name, image: c.image.ref, source: c.image.source, provenance: c.image.provenance, peakMemMb: peakMemoryMb(c.container.getId()), readySeconds: readyIn(c.container.getId()) });
            }
            await stack.stop();
          });
        }
      },
      { scope: "file" },
    ],
    main: [
      async ({ run, stack }, use) => {
        const poison = poisonCount(process.env);
        await use(new Pass(pipeline, run.inputs.mode, stack, run.inputs.duck, run.inputs.events, MAIN_NAMES, poison, join(run.workDir, "main"), run.record.notes, run.record));
      },
      { scope: "file" },
    ],
  });
}

/**
 * The pipeline's suite: the standard scenario as tests, then `extra(test)` for the pipeline's own
 * checks (`test` hands them the run, the stack and the main pass as fixtures).
 */
export function describePipeline<S extends StartedStack>(pipeline: Pipeline<S>, extra?: (test: PipelineTest<S>) => void): void {
  const ptest = pipelineTest(pipeline);
  // The mode decides which tests there are; a bad value is reported by the run fixture's inputs.
  const mode = safeMode();
  const stage = (name: StageName) => ({ meta: { stage: name } });

  describe(`${pipeline.id.toUpperCase()} ${pipeline.name}`, { meta: { pipelineId: pipeline.id } }, () => {
    ptest.beforeAll(async ({ run }, suite) => {
      suite.file.meta.pipelineRun = run.record;
    });
    ptest.beforeEach(({ run, skip }) => {
      if (run.skipped) skip(run.skipped);
    });

    // The stack fixture starts and times the stack: a failed start fails this test with its cause.
    ptest(`startup: the ${pipeline.stack.name} stack starts`, stage("startup"), async ({ stack, run, skip }) => {
      // Images are resolved with the stack fixture, after beforeEach looked: a missing one skips here.
      if (run.skipped) return skip(run.skipped);
      expect(stack).toBeDefined();
    });

    if (pipeline.orchestration) {
      ptest("orchestrator: the flow runs every stage as a task, triggered through the orchestrator's API, each task succeeding", stage("orchestrator"), async ({ run, main }) => {
        await run.stage("orchestrator", "core", async () => {
          await main.orchestrate().finally(() => main.flow && run.recordFlow(main.flow.run));
        });
      });
    }

    const streaming = pipeline.streaming;
    if (streaming) {
      ptest.runIf(mode.name === "streaming")("jobs: the unbounded bronze and silver jobs run before the events go in", stage("jobs"), async ({ run, main }) => {
        await run.stage("jobs", "core", () => main.startJobs());
      });
    }

    ptest("ingestion: every event goes in", stage("ingestion"), async ({ run, main }) => {
      const ingested = await run.stage("ingestion", "core", () => main.ingest());
      run.record.eventsPerSecond = ingested.seconds > 0 ? ingested.messages / ingested.seconds : null;
    });

    ptest("bronze holds every event; malformed messages are dead letters with a reason", stage("bronze"), async ({ run, main }) => {
      const bronze = await run.stage("bronze", "core", () => main.bronze());
      run.record.rows.bronze = bronze.rows;
    });

    ptest(`silver equals the ${pipeline.ruleSet} oracle, in count and content`, stage("silver"), async ({ run, main }) => {
      await run.stage("silver", "core", async () => {
        await main.silver().finally(() => recordSilver(run, main));
      });
    });

    if (pipeline.dbt) {
      ptest("dbt build runs every model, seed and test over silver, none failing", stage("dbt"), async ({ run, main }) => {
        await run.stage("dbt", "quality", async () => {
          await main.dbt().finally(() => recordDbt(run, main));
        });
      });
    }

    const { increment } = pipeline;
    if (increment) {
      ptest(`increment: ${increment.title}; bronze and silver again, silver equals the oracle of the new state`, stage("increment"), async ({ run, main }) => {
        await run.stage("increment", "core", async () => {
          main.need(main.comparison, "silver of the first input");
          await main.ingest(true);
          run.record.rows.bronze = (await main.bronze()).rows;
          await main.silver().finally(() => recordSilver(run, main));
        });
      });
      if (pipeline.dbt) {
        ptest("dbt again, incrementally into the same database: fct_trips equals its upstream", stage("dbt-increment"), async ({ run, main }) => {
          await run.stage("dbt-increment", "quality", async () => {
            main.need(run.record.stages.find((s) => s.name === "increment" && s.ok), "the increment");
            await main.dbt().finally(() => recordDbt(run, main));
          });
        });
      }
    }

    const { overwrite } = pipeline;
    if (overwrite) {
      ptest("silver written twice more reads as its latest snapshot only, while its files hold every version", stage("overwrite"), async ({ run, main }) => {
        await run.stage("overwrite", "core", async () => {
          const first = main.need(main.comparison, "silver of the first write");
          for (let write = 2; write <= 3; write++) await main.silver();
          const fileRows = await overwrite.dataFileRows(main.context);
          run.record.notes.push(`overwrite: silver written 3 times; its data files hold ${fileRows} rows, the table ${main.comparison!.actualRows}`);
          // Without rows left behind in files, this check would prove nothing about the reader.
          expect(fileRows, "rows in silver's data files (every version)").toBeGreaterThanOrEqual(3 * first.expectedRows);
        });
      });
    }

    for (const extraStage of pipeline.stages ?? []) {
      ptest(extraStage.title, stage(extraStage.name), async ({ run, main }) => {
        await run.stage(extraStage.name, extraStage.kind, () => extraStage.run(main.context));
      });
    }

    ptest("edge rows (month edges, zero/negative/null values, duplicates) come out as the oracle says", stage("edge"), async ({ run, stack }) => {
      await run.stage("edge", "core", () => runEdge(pipeline, stack, run));
    });

    for (const failure of mode.name === "streaming" ? (streaming?.failures ?? []) : []) {
      ptest(`survives ${failure.title}: silver equals the oracle, no duplicate, no loss`, stage(failureStage(failure)), async ({ run, stack }) => {
        await run.stage(failureStage(failure), "core", () => survive(pipeline, failure, stack, run));
      });
    }

    extra?.(ptest);
  });
}

/** What the run record keeps of silver: the comparison with the oracle, the row count, the latency. */
function recordSilver<S extends StartedStack>(run: Run<S>, main: Pass<S>): void {
  if (main.comparison) Object.assign(run.record, { silver: main.comparison, rows: { ...run.record.rows, silver: main.comparison.actualRows } });
  if (main.latency) run.record.latency = main.latency;
}

function safeMode(): RunMode {
  try {
    return runMode(process.env);
  } catch {
    return { name: "batch" };
  }
}

/** What the run record keeps of a dbt build: its summary and the gold tables' row counts. */
async function recordDbt<S extends StartedStack>(run: Run<S>, main: Pass<S>): Promise<void> {
  if (!main.dbtRun) return;
  run.record.dbt = main.dbtRun.summary;
  run.record.rows.gold = await countTables(main.duck, main.dbtRun.duckdbPath, GOLD_TABLES).catch(() => ({}));
}

/** The edge rows through the same engines, in the edge pass's own topics and tables. */
async function runEdge<S extends StartedStack>(pipeline: Pipeline<S>, stack: S, run: Run<S>): Promise<void> {
  const inputs = await prepareInputs({ ...process.env, HARNESS_FIXTURE: EDGE_FIXTURE, HARNESS_EVENTS: "" });
  const edge: EdgeResult = { events: inputs.events, bronze: null, deadLetters: null, silver: null };
  run.record.edge = edge;
  try {
    const pass = new Pass(pipeline, inputs.mode, stack, inputs.duck, inputs.events, EDGE_NAMES, pipeline.edgePoison, join(run.workDir, "edge"), run.record.notes);
    if (pipeline.orchestration) await pass.orchestrate();
    try {
      if (inputs.mode.name === "streaming") await pass.startJobs();
      await pass.ingest();
      const bronze = await pass.bronze();
      Object.assign(edge, { bronze: bronze.rows, deadLetters: bronze.deadLetters?.length ?? null });
      await pass.silver().finally(() => (edge.silver = pass.comparison ?? null));
    } finally {
      // Streaming: the pass's jobs hold slots the next pass needs.
      await pass.stopJobs();
    }
  } finally {
    inputs.duck.close();
  }
}

/**
 * Streaming: a pass of the run's events on topics and tables of its own, with `failure` struck a
 * third of the way through producing; silver must then equal the oracle (a duplicate or a loss
 * changes count or checksum), and the recovery time is the failure to silver's next commit.
 */
async function survive<S extends StartedStack>(pipeline: Pipeline<S>, failure: Failure<S>, stack: S, run: Run<S>): Promise<void> {
  const inputs = await prepareInputs();
  const slug = failure.name.replace(/[^a-z0-9]+/g, "_");
  const names: ScenarioNames = { scenario: failure.name, topic: `${slug}.raw_trips`, deadLetters: `${slug}.raw_trips.dlq`, bronze: `${slug}_bronze`, silver: `${slug}_silver`, source: `${slug}_trips` };
  const result: FailureRecovery = { name: failure.name, title: failure.title, atSeconds: NaN, recoverySeconds: null, latency: null, silver: null };
  (run.record.failures ??= []).push(result);
  const pass = new Pass(pipeline, inputs.mode, stack, inputs.duck, inputs.events, names, poisonCount(process.env), join(run.workDir, slug), run.record.notes);
  try {
    await pass.startJobs();
    const rate = inputs.mode.name === "streaming" ? inputs.mode.rate : 1;
    const started = Date.now();
    const ingesting = pass.ingest();
    await new Promise((r) => setTimeout(r, (inputs.events / rate / 3) * 1000));
    const at = Date.now();
    result.atSeconds = (at - started) / 1000;
    await failure.inject(stack);
    await ingesting;
    await pass.bronze();
    await pass.silver().finally(() => Object.assign(result, { silver: pass.comparison ?? null, latency: pass.latency ?? null }));
    if (pass.commits) result.recoverySeconds = await recoverySeconds(inputs.duck, pass.commits, at);
    run.record.notes.push(`${failure.name}: struck ${result.atSeconds.toFixed(1)} s into producing; silver advanced again ${result.recoverySeconds?.toFixed(1) ?? "never"} s later`);
    expect(result.recoverySeconds, "seconds from the failure to silver's next commit").not.toBeNull();
  } finally {
    await pass.stopJobs();
    inputs.duck.close();
  }
}

function newRecord<S extends StartedStack>(pipeline: Pipeline<S>, inputs: RunInputs): PipelineRun {
  const { fixture } = inputs;
  return {
    pipelineId: pipeline.id,
    pipelineName: pipeline.name,
    ingestion: pipeline.ingestion,
    processor: pipeline.processor,
    storage: pipeline.storage,
    ruleSet: pipeline.ruleSet,
    fixture: { path: fixture.path, label: fixture.label, sha256: fixture.sha256, fileRows: fixture.fileRows },
    events: inputs.events,
    status: "PASS",
    reason: "",
    declared: declaredStages(pipeline, inputs.mode),
    mode: inputs.mode.name,
    stages: [],
    figures: {},
    edge: null,
    rows: { bronze: null, silver: null, gold: {} },
    eventsPerSecond: null,
    containers: [],
    silver: null,
    dbt: null,
    notes: [],
    gitSha: gitSha(),
    runAt: new Date().toISOString(),
  };
}

function gitSha(): string {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: projectRoot(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}
