// matrix.json / matrix.md: every catalog pipeline with its status this run, so missing ones stay visible.
import type { PipelineRun, Status } from "../model.js";
import type { CatalogEntry } from "../catalog.js";
import { type ReportEntry, dbtTests, silverRows } from "./entry.js";

export interface MatrixRow {
  id: string;
  name: string;
  ingestion: string;
  processor: string;
  storage: string;
  status: Status;
  reason: string;
  ran: boolean;
  fixture: string | null;
  events: number | null;
  silverRows: number | null;
  expectedSilverRows: number | null;
  /** The content checksums of silver as produced and as the oracle computed it. */
  silverChecksum: string | null;
  expectedChecksum: string | null;
  dbtPass: number | null;
  dbtTotal: number | null;
  /** Quality checks beyond dbt (Soda …): passed of total, and the ones that did not pass by name. */
  checks: string | null;
  stages: PipelineRun["figures"];
  /** batch or streaming (HARNESS_MODE); null where the run did not say. */
  mode: "batch" | "streaming" | null;
  /** Streaming: the main pass's event-to-silver latency p99, seconds. */
  latencyP99: number | null;
}

export interface Matrix {
  generatedAt: string;
  rows: MatrixRow[];
}

export const STATUSES: readonly Status[] = ["PASS", "PARTIAL", "FAIL", "SKIPPED"];

export function buildMatrix(entries: ReportEntry[], catalog: readonly CatalogEntry[], suiteIds: ReadonlySet<string>, generatedAt: string): Matrix {
  const rows = catalog.flatMap((c): MatrixRow[] => {
    const mine = entries.filter((e) => e.pipelineId === c.id);
    if (mine.length) return mine.map((e) => row(c, e));
    const reason = suiteIds.has(c.id) ? "not run: not selected in this run" : "no suite yet";
    return [{ ...identity(c), status: "SKIPPED", reason, ran: false, ...NO_NUMBERS }];
  });
  const strays = entries.filter((e) => !catalog.some((c) => c.id === e.pipelineId)).map((e) => row(undefined, e));
  return { generatedAt, rows: [...rows, ...strays] };
}

type Identity = Pick<MatrixRow, "id" | "name" | "ingestion" | "processor" | "storage">;
const identity = ({ id, name, ingestion, processor, storage }: Identity): Identity => ({ id, name, ingestion, processor, storage });

const NO_NUMBERS = { fixture: null, events: null, silverRows: null, expectedSilverRows: null, silverChecksum: null, expectedChecksum: null, dbtPass: null, dbtTotal: null, checks: null, stages: {}, mode: null, latencyP99: null } as const;

function row(c: CatalogEntry | undefined, e: ReportEntry): MatrixRow {
  const judged = { status: e.status, reason: e.reason, ran: true };
  const run = e.run;
  if (!run) return { ...identity(c ?? { id: e.pipelineId, name: e.pipelineId, ingestion: "", processor: "", storage: "" }), ...judged, ...NO_NUMBERS };
  const dbt = dbtTests(run);
  return {
    ...identity({ ...run, id: run.pipelineId, name: run.pipelineName }),
    ...judged,
    fixture: run.fixture.label,
    events: run.events,
    silverRows: silverRows(run),
    expectedSilverRows: run.silver?.expectedRows ?? null,
    silverChecksum: run.silver?.actualChecksum ?? null,
    expectedChecksum: run.silver?.expectedChecksum ?? null,
    dbtPass: dbt?.pass ?? null,
    dbtTotal: dbt?.total ?? null,
    checks: checkSummary(run),
    stages: run.figures,
    mode: run.mode ?? null,
    latencyP99: run.latency?.p99 ?? null,
  };
}

/** "soda 3/4: avg fare between 5 and 30 fail": each tool's passed of total, then what did not pass. */
function checkSummary(run: PipelineRun): string | null {
  if (!run.checks?.length) return null;
  const tools = [...new Set(run.checks.map((c) => c.tool))];
  const counts = tools.map((t) => {
    const mine = run.checks!.filter((c) => c.tool === t);
    return `${t} ${mine.filter((c) => c.outcome === "pass").length}/${mine.length}`;
  });
  const bad = run.checks.filter((c) => c.outcome !== "pass").map((c) => `${c.name} ${c.outcome}`);
  return `${counts.join(", ")}${bad.length ? `: ${bad.join("; ")}` : ""}`;
}

export const matrixJson = (m: Matrix): string => JSON.stringify(m, null, 2) + "\n";

export function matrixMarkdown(m: Matrix): string {
  const counts = STATUSES.map((s) => `${s} ${m.rows.filter((r) => r.status === s).length}`).join(" · ");
  const head = ["id", "pipeline", "status", "mode", "fixture", "events", "silver (actual/expected)", "e2e s", "latency p99 s", "dbt pass/total", "checks", "reason"];
  const lines = m.rows.map((r) =>
    [r.id, r.name, r.status, r.mode, r.fixture, r.events, ratio(r.silverRows, r.expectedSilverRows), r.stages.e2e?.toFixed(2), r.latencyP99?.toFixed(2), ratio(r.dbtPass, r.dbtTotal), r.checks, r.reason].map(cell),
  );
  return [
    "# Pipeline matrix",
    "",
    `Generated ${m.generatedAt}. ${counts}`,
    "",
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
    "",
  ].join("\n");
}

export const ratio = (a: number | null, b: number | null): string => (a === null && b === null ? "" : `${a ?? "–"}/${b ?? "–"}`);

const cell = (v: string | number | null | undefined): string => String(v ?? "").replace(/\s+/g, " ").replaceAll("|", "\\|");
