// The record one pipeline run leaves behind. Suites fill it, vitest carries it as suite meta,
// reporters and the gate read it. Everything a report shows comes from here.

export type Status = "PASS" | "PARTIAL" | "FAIL" | "SKIPPED";

/**
 * The stages of the standard scenario, in order (harness/scenario.ts), then the pipeline's own
 * declared stages, then teardown. `processing` (bronze + silver) and `e2e` are derived figures.
 */
export const SCENARIO_STAGES = ["startup", "ingestion", "bronze", "silver", "dbt", "edge"] as const;
export const TIMED_FIGURES = ["startup", "ingestion", "processing", "dbt", "teardown", "e2e"] as const;
export type StageName = (typeof SCENARIO_STAGES)[number] | "teardown" | (string & {});
export type FigureName = (typeof TIMED_FIGURES)[number];

/**
 * What a stage's failure means for the verdict (pipelines.md §5): a `core` stage that fails or
 * does not run makes the run FAIL; a `quality` stage (dbt, quality checks) makes it PARTIAL when
 * silver is right.
 */
export type StageKind = "core" | "quality";

export interface DeclaredStage {
  name: StageName;
  kind: StageKind;
}

export interface StageTiming {
  name: StageName;
  kind: StageKind;
  seconds: number;
  ok: boolean;
  /** One line: what failed, in which container, and the root cause. */
  error?: string;
}
export type RuleSet = "silver-core" | "silver-metrics" | "silver-lite" | "silver-cdc";

export type DbtResourceType = "model" | "seed" | "test" | "snapshot" | "operation";
/** dbt statuses folded to the five the reports use (models and seeds report "success"). */
export type DbtOutcome = "pass" | "warn" | "fail" | "error" | "skip";

export interface DbtNodeResult {
  uniqueId: string;
  name: string;
  resourceType: DbtResourceType;
  outcome: DbtOutcome;
  seconds: number;
  failures: number | null;
  message: string | null;
}

export type DbtCounts = Record<DbtOutcome, number> & { total: number };

export interface DbtSummary {
  models: DbtCounts;
  seeds: DbtCounts;
  tests: DbtCounts;
  nodes: DbtNodeResult[];
  elapsedSeconds: number;
}

export type SilverRow = Record<string, string | number | boolean | null>;

export interface SilverComparison {
  ruleSet: RuleSet;
  expectedRows: number;
  actualRows: number;
  expectedChecksum: string;
  actualChecksum: string;
  equal: boolean;
  /** Rows the oracle expects that the pipeline did not produce (first few). */
  missing: SilverRow[];
  /** Rows the pipeline produced that the oracle does not expect (first few). */
  unexpected: SilverRow[];
}

export interface ContainerUsage {
  name: string;
  image: string;
  peakMemMb: number | null;
  /** Seconds from its start call until ready (its wait strategy passed): what startup waited on. */
  readySeconds?: number | null;
  /** Where the image came from: official (pulled), forge (built here) or local (present already). */
  source?: "official" | "forge" | "local";
  provenance?: Record<string, string>;
}

export interface FixtureInfo {
  path: string;
  /** A short name for the fixture, used to key baselines (e.g. "tlc-2024-01-sample30k"). */
  label: string;
  sha256: string;
  fileRows: number;
}

export interface EdgeResult {
  events: number;
  bronze: number | null;
  deadLetters: number | null;
  silver: SilverComparison | null;
}

/** One task of an orchestrator's flow run, as the orchestrator's API records it. */
export interface FlowTask {
  name: string;
  /** The scenario stage the task does (its time is that stage's time), or null for another task. */
  stage: StageName | null;
  /** The orchestrator's own state name (success, COMPLETED, STEP_SUCCESS …). */
  state: string;
  ok: boolean;
  startedAt: string | null;
  endedAt: string | null;
  seconds: number | null;
  /** For a task that did not succeed: the container it ran in and the cause from its log in the orchestrator. */
  container?: string;
  cause?: string;
  log?: string;
}

/** A pass's run in its orchestrator (an orchestrated pipeline): what the orchestrator's API says of it. */
export interface FlowRun {
  orchestrator: string;
  runId: string;
  state: string;
  tasks: FlowTask[];
  /** The orchestrator's own overhead: the sum of the gaps between a task's end and the next task's start. */
  schedulingSeconds: number;
  /** Trigger to the run's end, as the harness saw it. */
  seconds: number;
}

/** One standard query (pipelines.md §7) on one engine: every run's seconds, percentiles of the kept runs. */
export interface QueryTiming {
  engine: string;
  /** Q1 … Q4. */
  query: string;
  title: string;
  /** Every run in order; the first `discarded` are warm-up and left out of the percentiles. */
  seconds: number[];
  discarded: number;
  p50: number;
  p95: number;
  p99: number;
  rows: number;
  /** What the answer is checked against: the same query in DuckDB over the data this engine serves. */
  reference: string;
  /** The first difference from the reference answer, or null when they agree. */
  difference: string | null;
}

/** One quality check's outcome (a Soda check on fct_trips, …), shown in the matrix. */
export interface QualityCheck {
  tool: string;
  name: string;
  outcome: "pass" | "warn" | "fail" | "error";
  /** What was measured, where the tool says. */
  value: number | string | null;
}

/** Records an engine's operator handled, from its metrics, next to the count the harness knows. */
export interface OperatorCount {
  job: string;
  operator: string;
  direction: "in" | "out";
  metrics: number;
  /** What the harness counted for the same records (null where it has no count of its own). */
  harness: number | null;
}

/**
 * Streaming mode's freshness: for each event whose row silver keeps, the seconds from its produce
 * acknowledgement to the first silver snapshot that added its row (matched by trip_id, committed at
 * or after the acknowledgement).
 */
export interface LatencySummary {
  /** Events per second the producer was asked for. */
  rate: number;
  /** Events measured: those whose row silver keeps. */
  measured: number;
  /** Of those, events no snapshot after their acknowledgement added (a row already there, unchanged). */
  unmatched: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** pipelines.md §5's streaming processing: the last event acknowledged → silver at its final state. */
  processing: number;
  /** Over the run, per slice of produce time: seconds since the first acknowledgement, median and max latency. */
  timeline: Array<[number, number, number]>;
}

/** A failure a streaming pass survived (or not): when it struck, and how long silver stood still. */
export interface FailureRecovery {
  name: string;
  title: string;
  /** Seconds after the pass's first acknowledgement. */
  atSeconds: number;
  /** Failure → the first silver snapshot after it (null: silver never advanced again). */
  recoverySeconds: number | null;
  /** The pass's latency, failure included. */
  latency: LatencySummary | null;
  /** Silver of the pass against its oracle: no duplicate, no loss. */
  silver: SilverComparison | null;
}

/** Sections a declared stage adds to the run record. */
export type RunSections = Pick<PipelineRun, "queries" | "checks" | "operators">;

export interface PipelineRun {
  pipelineId: string;
  pipelineName: string;
  ingestion: string;
  processor: string;
  storage: string;
  ruleSet: RuleSet;
  fixture: FixtureInfo;
  events: number;
  status: Status;
  reason: string;
  /** The stages the pipeline declares: PASS needs every one of them to have run and passed. */
  declared: DeclaredStage[];
  stages: StageTiming[];
  /** Derived figures: processing (bronze + silver), e2e (the main scenario, start to teardown), image preparation. */
  figures: Partial<Record<FigureName | "images", number>>;
  /** The hand-made edge rows through the same engines (fixtures/edge-rows.csv). */
  edge: EdgeResult | null;
  rows: { bronze: number | null; silver: number | null; gold: Record<string, number> };
  eventsPerSecond: number | null;
  containers: ContainerUsage[];
  silver: SilverComparison | null;
  dbt: DbtSummary | null;
  /** The main pass's flow run, for an orchestrated pipeline. */
  flow?: FlowRun;
  /** The standard queries per engine (serving pipelines). */
  queries?: QueryTiming[];
  /** Quality checks beyond dbt's tests (Soda, …). */
  checks?: QualityCheck[];
  /** Per-operator record counts from the engine's metrics against the harness's (observability). */
  operators?: OperatorCount[];
  /** How the run drove its pipeline (HARNESS_MODE); absent in records made before modes. */
  mode?: "batch" | "streaming";
  /** Streaming: the main pass's event-to-silver latency. */
  latency?: LatencySummary;
  /** Streaming: the failures survived, each on a pass of its own. */
  failures?: FailureRecovery[];
  notes: string[];
  gitSha: string;
  runAt: string;
}

declare module "@vitest/runner" {
  interface TaskMeta {
    /** On the pipeline's describe block, set when the file is collected: the pipeline it runs. */
    pipelineId?: string;
    /** On a test of the standard scenario: the stage it records (its outcome is in the run). */
    stage?: StageName;
    /** On the test file: the run record, final once the file's fixtures are torn down. */
    pipelineRun?: PipelineRun;
  }
}
