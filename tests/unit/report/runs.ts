// Hand-made pipeline runs for the report tests: one per status.
import type { DbtCounts, DbtNodeResult, DbtOutcome, PipelineRun } from "../../../harness/model.js";
import type { ReportEntry } from "../../../harness/report/entry.js";
import { historyLines, parseHistory } from "../../../harness/report/history.js";
import { renderHtml } from "../../../harness/report/html.js";
import { buildMatrix } from "../../../harness/report/matrix.js";
import { judge } from "../../../harness/report/status.js";
import { CATALOG } from "../../../harness/catalog.js";

const counts = (nodes: DbtNodeResult[]): DbtCounts => {
  const c: DbtCounts = { pass: 0, warn: 0, fail: 0, error: 0, skip: 0, total: nodes.length };
  for (const n of nodes) c[n.outcome]++;
  return c;
};

const node = (name: string, outcome: DbtOutcome, resourceType: DbtNodeResult["resourceType"] = "test"): DbtNodeResult => ({
  uniqueId: `${resourceType}.taxi.${name}`,
  name,
  resourceType,
  outcome,
  seconds: 0.12,
  failures: resourceType === "test" ? (outcome === "pass" ? 0 : 3) : null,
  message: outcome === "pass" ? null : `Got 3 results, configured to ${outcome} if != 0`,
});

export function dbtSummary(testOutcomes: DbtOutcome[]): PipelineRun["dbt"] {
  const models = [node("stg_yellow_trips", "pass", "model"), node("fct_trips", "pass", "model")];
  const seeds = [node("taxi_zone_lookup", "pass", "seed")];
  const tests = testOutcomes.map((o, i) => node(`test_${i}_${o}`, o));
  return { models: counts(models), seeds: counts(seeds), tests: counts(tests), nodes: [...models, ...seeds, ...tests], elapsedSeconds: 12.5 };
}

/** The stages a Kafka → Flink → Iceberg → dbt pipeline declares. */
export const DECLARED: PipelineRun["declared"] = [
  { name: "startup", kind: "core" },
  { name: "ingestion", kind: "core" },
  { name: "bronze", kind: "core" },
  { name: "silver", kind: "core" },
  { name: "dbt", kind: "quality" },
  { name: "edge", kind: "core" },
];

/** A stage result of `run` replaced (or added). */
export function withStage(run: PipelineRun, stage: PipelineRun["stages"][number]): PipelineRun {
  return { ...run, stages: [...run.stages.filter((s) => s.name !== stage.name), stage] };
}

export function passingRun(overrides: Partial<PipelineRun> = {}): PipelineRun {
  return {
    pipelineId: "p01",
    pipelineName: "Kafka + Flink + Iceberg",
    ingestion: "Kafka",
    processor: "Flink",
    storage: "Iceberg/MinIO",
    ruleSet: "silver-core",
    fixture: { path: "/data/yellow.parquet", label: "tlc-2024-01-first10k", sha256: "ab".repeat(32), fileRows: 10000 },
    events: 10000,
    status: "PASS",
    reason: "",
    declared: DECLARED,
    stages: [
      { name: "startup", kind: "core", seconds: 31.456, ok: true },
      { name: "ingestion", kind: "core", seconds: 0.5, ok: true },
      { name: "bronze", kind: "core", seconds: 30, ok: true },
      { name: "silver", kind: "core", seconds: 14.123, ok: true },
      { name: "dbt", kind: "quality", seconds: 12.5, ok: true },
      { name: "edge", kind: "core", seconds: 9, ok: true },
      { name: "teardown", kind: "core", seconds: 3, ok: true },
    ],
    figures: { startup: 31.456, ingestion: 0.5, processing: 44.123, dbt: 12.5, teardown: 3, e2e: 91.579, images: 0.4 },
    edge: null,
    rows: { bronze: 10000, silver: 9855, gold: { fct_trips: 9766 } },
    eventsPerSecond: 20000,
    containers: [
      { name: "kafka", image: "apache/kafka:4.0.0", peakMemMb: 512.5, source: "official" },
      { name: "flink-tm", image: "harness/flink:2.0.1", peakMemMb: 1800, source: "forge" },
      { name: "minio", image: "harness/minio:2025-04-22", peakMemMb: null, source: "forge" },
    ],
    silver: {
      ruleSet: "silver-core",
      expectedRows: 9855,
      actualRows: 9855,
      expectedChecksum: "c0ffee",
      actualChecksum: "c0ffee",
      equal: true,
      missing: [],
      unexpected: [],
    },
    dbt: dbtSummary(["pass", "pass", "warn"]),
    notes: ["Flink via SQL Gateway"],
    gitSha: "0123456789abcdef0123456789abcdef01234567",
    runAt: "2026-02-01T10:00:00.000Z",
    ...overrides,
  };
}

export const partialRun = (): PipelineRun =>
  withStage(passingRun({ pipelineId: "p02", pipelineName: "Kafka + Spark + Iceberg", processor: "Spark", dbt: dbtSummary(["pass", "fail", "error", "warn"]) }), {
    name: "dbt",
    kind: "quality",
    seconds: 12.5,
    ok: false,
    error: "AssertionError: failed dbt nodes",
  });

export const mismatchRun = (): PipelineRun =>
  withStage(passingRun({
    pipelineId: "p12",
    pipelineName: "CDC Debezium",
    ingestion: "PostgreSQL WAL",
    ruleSet: "silver-cdc",
    rows: { bronze: 10000, silver: 9850, gold: {} },
    silver: {
      ruleSet: "silver-cdc",
      expectedRows: 9855,
      actualRows: 9850,
      expectedChecksum: "aaaa",
      actualChecksum: "bbbb",
      equal: false,
      missing: [{ trip_id: "t-1", fare_amount: 12.5, store_and_fwd_flag: "N" }, { trip_id: "<script>alert(1)</script>", fare_amount: null, store_and_fwd_flag: "Y" }],
      unexpected: [{ trip_id: "t-9", fare_amount: -3, store_and_fwd_flag: null }],
    },
  }), { name: "silver", kind: "core", seconds: 14.1, ok: false, error: "AssertionError: silver rows: expected 9850 to be 9855" });

export const skippedRun = (): PipelineRun =>
  passingRun({
    pipelineId: "p03",
    pipelineName: "Kafka + RisingWave",
    processor: "RisingWave",
    status: "SKIPPED",
    reason: "image risingwavelabs/risingwave can be neither pulled nor built",
    stages: [],
    figures: {},
    rows: { bronze: null, silver: null, gold: {} },
    containers: [],
    silver: null,
    dbt: null,
    notes: [],
  });

/** A run as the reporter hands it on: judged, with its vitest tests. */
export function entry(run: PipelineRun, failedTests: string[] = []): ReportEntry {
  const tests = ["bronze holds every event", "silver equals the batch oracle", "dbt build passes"].map((name) => ({
    name,
    state: failedTests.includes(name) ? ("failed" as const) : run.status === "SKIPPED" ? ("skipped" as const) : ("passed" as const),
    seconds: 0.25,
    errors: failedTests.includes(name) ? [`AssertionError: expected 9850 to be 9855 <&>`] : [],
  }));
  return { pipelineId: run.pipelineId, ...judge(run), tests, run };
}

const timing = (engine: string, query: string, ms: number, difference: string | null = null) => ({
  engine, query, title: `title of ${query}`, seconds: Array.from({ length: 10 }, (_, i) => (ms * (i < 2 ? 3 : 1 + i / 100)) / 1000), discarded: 2,
  p50: ms / 1000, p95: (ms * 1.08) / 1000, p99: (ms * 1.09) / 1000, rows: 31, reference: `events of ${engine}`, difference,
});

/** A serving pipeline's sections: the standard queries on two engines (one answer off), quality checks, operator counts. */
export const servingSections = (): Pick<PipelineRun, "queries" | "checks" | "operators"> => ({
  queries: [timing("gold", "Q1", 0.8), timing("druid", "Q1", 25), timing("gold", "Q2", 1.1), timing("druid", "Q2", 31, "row 3 trips: 40 where the reference has 41")],
  checks: [
    { tool: "soda", name: "row_count > 5000", outcome: "pass", value: 9412 },
    { tool: "soda", name: "avg fare between 5 and 30", outcome: "fail", value: 31.2 },
  ],
  operators: [{ job: "bronze", operator: "Source: raw_trips", direction: "out", metrics: 10000, harness: 10000 }],
});

export const sampleEntries = (): ReportEntry[] => [
  entry(passingRun(servingSections())),
  entry(partialRun(), ["dbt build passes"]),
  entry(mismatchRun(), ["silver equals the batch oracle"]),
  entry(skippedRun()),
];

/** index.html for the sample runs, with an earlier run of each in the history so trends have two points. */
export function sampleHtml(): string {
  const entries = sampleEntries();
  const older = entries.map((e) => ({ ...e, run: { ...e.run!, runAt: "2026-01-30T10:00:00.000Z", figures: { ...e.run!.figures, e2e: (e.run!.figures.e2e ?? 0) * 1.2 } } }));
  const history = parseHistory(historyLines(older) + historyLines(entries));
  return renderHtml({ matrix: buildMatrix(entries, CATALOG, new Set(["p01", "p02", "p03", "p12"]), "2026-02-01T10:05:00.000Z"), entries, history });
}

/** A streaming run's latency: the median rising then falling over 10 s of producing. */
export const latency = (p99 = 4.2): NonNullable<PipelineRun["latency"]> => ({
  rate: 1000,
  measured: 9854,
  unmatched: 0,
  p50: 2.1,
  p95: 3.4,
  p99,
  max: 5.0,
  processing: 3.1,
  timeline: [
    [0, 1.9, 2.5],
    [5, 2.4, 4.8],
    [9.9, 2.0, 3.0],
  ],
});

/** P01 in streaming mode, with its latency and a survived TaskManager failure. */
export const streamingRun = (p99?: number): PipelineRun =>
  passingRun({
    mode: "streaming",
    latency: latency(p99),
    failures: [{ name: "taskmanager-kill", title: "the TaskManager killed", atSeconds: 3.3, recoverySeconds: 24.9, latency: latency(30), silver: passingRun().silver }],
  });
