// What a pipeline is: a typed spec (pipelines/NN-name/pipeline.ts) naming its stack, its rule-set
// and its own steps. The harness runs the steps as the standard scenario (harness/scenario.ts);
// stacks (harness/stacks/) provide the steps most pipelines share.
import { catalogEntry, type CatalogEntry } from "./catalog.js";
import type { Component } from "./components/container.js";
import type { Duck } from "./db/duck.js";
import type { Poisoned } from "./fixtures/poison.js";
import type { ExtraColumn, Oracle, SilverColumns } from "./oracle/oracle.js";
import type { TableLayout, TableSchema } from "./oracle/silver-schema.js";
import type { ResolvedImage } from "./images/resolve.js";
import type { RunMode } from "./mode.js";
import type { DbtSummary, DeclaredStage, FlowRun, RuleSet, RunSections, StageKind } from "./model.js";

/**
 * The names one pass of the scenario uses, so that the edge rows run on the stack the main run
 * started, in topics and tables of their own.
 */
export interface ScenarioNames {
  /** "main", "edge", or a check of its own on the same stack (P15's "restart"). */
  scenario: string;
  /** The events topic and its dead-letter topic (pipelines.md §1). */
  topic: string;
  deadLetters: string;
  /** Namespaces (databases) of the bronze and silver tables. */
  bronze: string;
  silver: string;
  /** A source table, for pipelines that ingest from a database (CDC). */
  source: string;
}

export const MAIN_NAMES: ScenarioNames = { scenario: "main", topic: "taxi.raw_trips", deadLetters: "taxi.raw_trips.dlq", bronze: "bronze", silver: "silver", source: "taxi_trips" };
export const EDGE_NAMES: ScenarioNames = { scenario: "edge", topic: "edge.raw_trips", deadLetters: "edge.raw_trips.dlq", bronze: "edge_bronze", silver: "edge_silver", source: "edge_trips" };

/** A started stack: its containers (named as reports show them) and how to stop it. */
export interface StartedStack {
  containers(): Component[];
  stop(): Promise<void>;
}

/** What starting a stack is given: its images (resolved by the harness), the run's folder and mode. */
export interface StackInputs {
  images: Record<string, ResolvedImage>;
  workDir: string;
  mode: RunMode;
}

/** A stack the pipelines share (harness/stacks/): the images it runs and how to start it. */
export interface StackDefinition<S extends StartedStack> {
  name: string;
  /** Catalog names of its images; the harness resolves them (pull or forge) before the clock starts. */
  images: readonly string[];
  start(inputs: StackInputs): Promise<S>;
}

/** What a step sees: the started stack, the pass's names, its events in DuckDB, and earlier results. */
export interface StepContext<S> {
  pipelineId: string;
  ruleSet: RuleSet;
  /** Batch, or streaming at a rate (HARNESS_MODE, HARNESS_RATE). */
  mode: RunMode;
  stack: S;
  names: ScenarioNames;
  /** The oracle's DuckDB: `events` (the pass's events, `event_seq` 1..N) and the oracle's tables. */
  duck: Duck;
  events: number;
  /** Malformed messages to add among the events (HARNESS_POISON; 6 for the edge rows). */
  poison: number;
  /** Silver's columns: the rule-set's and the pipeline's own (`silverExtra`). */
  columns: SilverColumns;
  /** The pass's oracle (its expected silver), for a stage that checks silver again. */
  oracle: Oracle;
  /** A scratch folder of this pass. */
  workDir: string;
  /** What the ingestion step returned (set once it ran). */
  ingested?: Ingested;
  /** An orchestrated pipeline's flow run of this pass (set once it ran). */
  flow?: Orchestrated;
  /** The pass's dbt build (set once it ran): where gold is. */
  dbt?: DbtRun;
  note(text: string): void;
  /** Adds sections to the run record (a declared stage's queries, checks, operator counts). */
  record(sections: RunSections): void;
}

export type Step<S, T> = (ctx: StepContext<S>) => Promise<T>;

export interface Ingested {
  /** Messages (or rows) put in, and the seconds that took: events/s in the reports. */
  messages: number;
  seconds: number;
  /** The topic the processor reads, where it is not the scenario's (a CDC topic). */
  topic?: string;
  /** What bronze and the dead-letter topic must then hold. */
  expectedBronze: number;
  expectedDeadLetters: number;
  /** The malformed messages put in, each with the reason its dead letter must give. */
  poison?: Poisoned["poison"];
  /** performance.now() of the last source commit, where the source is a database (CDC). */
  lastCommitAt?: number;
  /** Streaming: the DuckDB table (event_seq, acked_ms) of when each event was acknowledged (epoch ms). */
  acks?: string;
}

/** What an orchestrator's run of a pass did: the run as its API records it, and what it put in. */
export interface Orchestrated {
  run: FlowRun;
  /** The events the flow's produce task sent (the harness wrote them for it), timed by that task. */
  ingested: Ingested;
}

export interface Bronze {
  rows: number;
  /** Dead letters (the message as received, and the reason), where the pipeline has a dead-letter topic. */
  deadLetters?: Array<{ raw: string | null; reason: string }>;
}

export interface Silver {
  /** Silver as the pipeline wrote it, as a DuckDB relation the oracle compares. */
  relation: string;
  /** Its columns and types (and partitions, format version) as the table's own metadata states them. */
  schema: TableSchema;
  /** What the table format must show beyond columns (pipelines.md §3), where it has such things. */
  layout?: TableLayout;
  /** Streaming: a DuckDB relation (value = trip_id, committed_ms) of the rows each snapshot added. */
  commits?: string;
}

export interface DbtRun {
  summary: DbtSummary;
  /** The DuckDB file the build wrote (gold tables), on the host. */
  duckdbPath: string;
  logTail: string;
}

/** A stage a pipeline adds after dbt (serving queries, quality checks …). */
export interface ExtraStage<S> {
  name: string;
  kind: StageKind;
  title: string;
  run: Step<S, void>;
}

/** The unbounded jobs of a pass in streaming mode; they run until stopped or the stack stops. */
export interface RunningJobs {
  stop(): Promise<void>;
}

/** A failure a streaming pipeline survives: done to its stack mid-stream, then undone (restarted). */
export interface Failure<S> {
  name: string;
  /** What is done, for the test's title. */
  title: string;
  inject(stack: S): Promise<void>;
}

/**
 * A pipeline's streaming mode (HARNESS_MODE=streaming): its jobs start before the pass's events go
 * in (at HARNESS_RATE); bronze and silver then wait for what the jobs write instead of running them.
 */
export interface StreamingSpec<S> {
  /** Starts the pass's unbounded jobs (bronze and silver) and waits until they run. */
  start: Step<S, RunningJobs>;
  /** Waits until bronze holds what ingestion says and the dead letters are in, and reads it back. */
  bronze: Step<S, Bronze>;
  /** Waits until silver equals the pass's oracle (or a bound passes) and reads it back, with its commits. */
  silver: Step<S, Silver>;
  /** What it survives: each a test on a pass of its own, silver checked against the oracle after it. */
  failures: Failure<S>[];
}

export interface PipelineSpec<S extends StartedStack = StartedStack> {
  id: string;
  ruleSet: RuleSet;
  stack: StackDefinition<S>;
  /**
   * An orchestrated pipeline: the pass's whole flow (topics, events, bronze, silver, dbt) runs as
   * tasks of its orchestrator, triggered through the orchestrator's API or CLI; the steps below then
   * read back and check what the tasks left, and each stage's time is its tasks' time.
   */
  orchestration?: Step<S, Orchestrated>;
  /** Puts the pass's events in (a topic, a source table, a file). */
  ingest: Step<S, Ingested>;
  /** Runs bronze and reads it back. */
  bronze: Step<S, Bronze>;
  /** Runs silver and returns it with its schema. */
  silver: Step<S, Silver>;
  /** Columns silver carries beyond its rule-set's, each with the oracle's SQL for it (pipelines.md §7). */
  silverExtra?: readonly ExtraColumn[];
  /** Where the oracle's input differs from the events: fills DuckDB table `source_trips` (CDC). */
  oracleInput?: Step<S, void>;
  /** dbt build of the shared project over silver; null declares a pipeline without a dbt stage. */
  dbt: Step<S, DbtRun> | null;
  /**
   * A second input after the first dbt build (CDC: the source's updates and deletes). The scenario
   * ingests it, runs bronze and silver again (silver against the oracle of the new state), then dbt
   * incrementally into the same database, where the project's test holds fct_trips to its upstream.
   */
  increment?: { title: string; ingest: Step<S, Ingested> };
  /**
   * Silver written twice more after the first check: `dataFileRows` gives the rows every data file
   * under silver's location holds (what a reader that globs files would return). The reader must still
   * return the oracle's rows while the files hold every version (the upstream's Delta bug).
   */
  overwrite?: { dataFileRows: Step<S, number> };
  stages?: ExtraStage<S>[];
  /** Malformed messages the edge pass adds (0 where nothing parses messages). */
  edgePoison: number;
  /** Streaming mode, where the pipeline has one. */
  streaming?: StreamingSpec<S>;
}

export type Pipeline<S extends StartedStack = StartedStack> = PipelineSpec<S> & CatalogEntry;

/** The spec with its catalog identity. */
export function definePipeline<S extends StartedStack>(spec: PipelineSpec<S>): Pipeline<S> {
  const entry = catalogEntry(spec.id);
  if (entry.ruleSet !== spec.ruleSet) throw new Error(`pipeline ${spec.id} names ${spec.ruleSet}, the catalog says ${entry.ruleSet}`);
  return { ...entry, ...spec };
}

/** The stage name of surviving a failure (streaming mode). */
export const failureStage = (failure: { name: string }): string => `survives-${failure.name}`;

/** The stages a pipeline declares in a mode: PASS needs every one of them to have run and passed. */
export function declaredStages<S extends StartedStack>(spec: PipelineSpec<S>, mode: RunMode): DeclaredStage[] {
  const streaming = mode.name === "streaming" ? spec.streaming : undefined;
  return [
    { name: "startup", kind: "core" },
    ...(spec.orchestration ? [{ name: "orchestrator", kind: "core" } as const] : []),
    ...(streaming ? [{ name: "jobs", kind: "core" } as const] : []),
    { name: "ingestion", kind: "core" },
    { name: "bronze", kind: "core" },
    { name: "silver", kind: "core" },
    ...(spec.dbt ? [{ name: "dbt", kind: "quality" } as const] : []),
    ...(spec.increment ? [{ name: "increment", kind: "core" } as const] : []),
    ...(spec.increment && spec.dbt ? [{ name: "dbt-increment", kind: "quality" } as const] : []),
    ...(spec.overwrite ? [{ name: "overwrite", kind: "core" } as const] : []),
    { name: "edge", kind: "core" },
    ...(spec.stages ?? []).map(({ name, kind }) => ({ name, kind })),
    ...(streaming?.failures ?? []).map((f) => ({ name: failureStage(f), kind: "core" }) as const),
  ];
}
