// The record one pipeline run leaves behind. Suites fill it, vitest carries it as suite meta,
// reporters and the gate read it. Everything a report shows comes from here.

export type Status = "PASS" | "PARTIAL" | "FAIL" | "SKIPPED";

export const STAGES = ["startup", "ingestion", "processing", "dbt", "teardown", "e2e"] as const;
export type StageName = (typeof STAGES)[number];

export interface StageTiming {
  name: StageName;
  seconds: number;
  ok: boolean;
  /** One line: what failed, in which container, and the last log lines when there is one. */
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
  stages: StageTiming[];
  rows: { bronze: number | null; silver: number | null; gold: Record<string, number> };
  eventsPerSecond: number | null;
  containers: ContainerUsage[];
  silver: SilverComparison | null;
  dbt: DbtSummary | null;
  notes: string[];
  gitSha: string;
  runAt: string;
}

declare module "@vitest/runner" {
  interface TaskMeta {
    pipelineRun?: PipelineRun;
  }
}
