// Turns the collected entries into the report files of one run.
import { join } from "node:path";
import type { CatalogEntry } from "../catalog.js";
import { toCsv } from "./csv.js";
import type { ReportEntry } from "./entry.js";
import { appendAtomic, readText, writeAtomic } from "./files.js";
import { parseHistory, historyLines } from "./history.js";
import { renderHtml } from "./html.js";
import { toJunit } from "./junit.js";
import { type Matrix, buildMatrix, matrixJson, matrixMarkdown } from "./matrix.js";

export function writeReports(dir: string, entries: ReportEntry[], suiteIds: ReadonlySet<string>, catalog: readonly CatalogEntry[], now: string): Matrix {
  const matrix = buildMatrix(entries, catalog, suiteIds, now);
  const historyPath = join(dir, "history.jsonl");
  appendAtomic(historyPath, historyLines(entries));
  writeAtomic(join(dir, "results.csv"), toCsv(entries));
  writeAtomic(join(dir, "matrix.json"), matrixJson(matrix));
  writeAtomic(join(dir, "matrix.md"), matrixMarkdown(matrix));
  writeAtomic(join(dir, "junit.xml"), toJunit(entries));
  writeAtomic(join(dir, "index.html"), renderHtml({ matrix, entries, history: parseHistory(readText(historyPath)) }));
  // The whole record of each run, for scripts (benchmarks) that need more than the tables show.
  for (const entry of entries) writeAtomic(join(dir, "runs", `${entry.pipelineId}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  return matrix;
}
