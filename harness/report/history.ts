// history.jsonl: one line per pipeline run, appended across runs; the trend charts read it back.
import type { PipelineRun, Status } from "../model.js";
import { type ReportEntry, silverRows } from "./entry.js";

export interface HistoryEntry {
  pipelineId: string;
  runAt: string;
  gitSha: string;
  fixture: string;
  events: number;
  status: Status;
  silverRows: number | null;
  expectedRows: number | null;
  stages: PipelineRun["figures"];
  dbt: { tests: number; pass: number; warn: number; fail: number; error: number } | null;
}

export function historyLines(entries: ReportEntry[]): string {
  return entries
    .filter((e) => e.run)
    .map(({ run, status }) => {
      const r = run!;
      const t = r.dbt?.tests;
      const line: HistoryEntry = {
        pipelineId: r.pipelineId,
        runAt: r.runAt,
        gitSha: r.gitSha,
        fixture: r.fixture.label,
        events: r.events,
        status,
        silverRows: silverRows(r),
        expectedRows: r.silver?.expectedRows ?? null,
        stages: r.figures,
        dbt: t ? { tests: t.total, pass: t.pass, warn: t.warn, fail: t.fail, error: t.error } : null,
      };
      return JSON.stringify(line) + "\n";
    })
    .join("");
}

/** Unreadable lines (a torn write, a hand edit) are dropped rather than failing the report. */
export function parseHistory(text: string): HistoryEntry[] {
  return text.split("\n").flatMap((line) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as HistoryEntry];
    } catch {
      return [];
    }
  });
}
