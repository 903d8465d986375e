// results.csv: one row per pipeline run of this vitest run, RFC 4180.
import type { PipelineRun } from "../model.js";
import { type ReportEntry, dbtTests, fixed2, peakMemMb, silverRows, figure } from "./entry.js";

export const CSV_COLUMNS = [
  "pipeline_id", "pipeline_name", "ingestion", "processor", "storage",
  "startup_s", "ingestion_s", "processing_s", "dbt_build_s", "e2e_total_s",
  "events", "silver_rows", "containers", "dbt_tests", "dbt_pass",
  "validation_status", "notes", "expected_silver_rows", "peak_mem_mb", "git_sha", "run_at",
  // streaming mode (empty in batch): the event-to-silver latency, seconds
  "mode", "rate_events_s", "latency_p50_s", "latency_p95_s", "latency_p99_s", "latency_max_s",
] as const;

type Cell = string | number | null;

export function toCsv(entries: ReportEntry[]): string {
  const rows = entries.filter((e) => e.run).map((e) => row(e, e.run!));
  return [CSV_COLUMNS as readonly Cell[], ...rows].map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

function row(e: ReportEntry, run: PipelineRun): Cell[] {
  const dbt = dbtTests(run);
  return [
    run.pipelineId, run.pipelineName, run.ingestion, run.processor, run.storage,
    fixed2(figure(run, "startup")), fixed2(figure(run, "ingestion")), fixed2(figure(run, "processing")),
    fixed2(figure(run, "dbt")), fixed2(figure(run, "e2e")),
    run.events, silverRows(run), run.containers.length, dbt?.total ?? null, dbt?.pass ?? null,
    e.status, [e.reason, ...run.notes].filter(Boolean).join("; "), run.silver?.expectedRows ?? null,
    peakMemMb(run), run.gitSha, run.runAt,
    run.mode ?? null, run.latency?.rate ?? null, fixed2(run.latency?.p50 ?? null), fixed2(run.latency?.p95 ?? null), fixed2(run.latency?.p99 ?? null), fixed2(run.latency?.max ?? null),
  ];
}

function quote(cell: Cell): string {
  const text = cell === null ? "" : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
