// Streaming mode in the reports: latency columns in results.csv, the latency chart and the failures
// table in the HTML report, and the gate's p99 budget on the streaming entry of a pipeline.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CATALOG } from "../../../harness/catalog.js";
import { CSV_COLUMNS, toCsv } from "../../../harness/report/csv.js";
import { evaluate, formatViolation, parseBaseline, runGate } from "../../../harness/report/gate.js";
import { renderHtml } from "../../../harness/report/html.js";
import { buildMatrix, matrixJson } from "../../../harness/report/matrix.js";
import { runMode } from "../../../harness/mode.js";
import { entry, passingRun, streamingRun } from "./runs.js";

const FIXTURE = "tlc-2024-01-first10k";
const matrix = (...runs: ReturnType<typeof passingRun>[]) => buildMatrix(runs.map((r) => entry(r)), CATALOG, new Set(), "now");

describe("streaming mode", () => {
  test("HARNESS_MODE and HARNESS_RATE: batch by default, streaming at 1,000 events/s, anything else one clear line", () => {
    expect(runMode({})).toEqual({ name: "batch" });
    expect(runMode({ HARNESS_MODE: "streaming" })).toEqual({ name: "streaming", rate: 1000 });
    expect(runMode({ HARNESS_MODE: "streaming", HARNESS_RATE: "250" })).toEqual({ name: "streaming", rate: 250 });
    expect(() => runMode({ HARNESS_MODE: "stream" })).toThrow("HARNESS_MODE=stream is not a mode: set it to batch (the default) or streaming");
    expect(() => runMode({ HARNESS_MODE: "streaming", HARNESS_RATE: "1e3" })).toThrow("HARNESS_RATE=1e3 is not a positive integer");
  });

  test("results.csv: mode, rate and latency p50/p95/p99/max after the existing columns, empty in batch", () => {
    expect(CSV_COLUMNS.slice(-6)).toEqual(["mode", "rate_events_s", "latency_p50_s", "latency_p95_s", "latency_p99_s", "latency_max_s"]);
    expect(CSV_COLUMNS.indexOf("run_at")).toBe(CSV_COLUMNS.length - 7);
    const [, streaming, batch] = toCsv([entry(streamingRun()), entry(passingRun())]).split("\r\n");
    expect(streaming!.split(",").slice(-6)).toEqual(["streaming", "1000", "2.10", "3.40", "4.20", "5.00"]);
    expect(batch!.split(",").slice(-6)).toEqual(["", "", "", "", "", ""]);
  });

  test("the HTML report draws latency over the run and the failures survived with their recovery", () => {
    const run = streamingRun();
    const page = renderHtml({ matrix: matrix(run), entries: [entry(run)], history: [] });
    expect(page).toContain('aria-label="event-to-silver latency over the run"');
    expect(page).toMatch(/<td class="num">2.10<\/td><td class="num">3.40<\/td><td class="num">4.20<\/td><td class="num">5.00<\/td>/);
    expect(page).toMatch(/<td>the TaskManager killed<\/td><td class="num">3.30<\/td><td class="num">24.90<\/td>\s*<td class="good">9855\/9855 rows, equal<\/td><td class="num">30.00<\/td>/);
    expect(page).toContain("<title>failure at 3.3 s</title>");
  });

  test("the gate judges a streaming run by its own entry (pNN@streaming), with a budget on latency p99", () => {
    const baseline = (p99: number) => parseBaseline({ [FIXTURE]: { p01: { events: 10000, stage_budget_s: { e2e: 10 } }, "p01@streaming": { events: 10000, status: "PASS", latency_p99_s: p99 } } });
    expect(evaluate(matrix(streamingRun(4.2)), baseline(5), 1.5)).toMatchObject({ checked: ["p01"], violations: [] });
    const { violations } = evaluate(matrix(streamingRun(9)), baseline(5), 1.5);
    expect(violations.map(formatViolation)).toEqual(["VIOLATION p01 latency_p99_s: baseline 5, actual 9, allowed 7.50"]);
    // A streaming run without its latency fails the budget; a batch run is not held to the streaming entry.
    expect(evaluate(matrix({ ...streamingRun(), latency: undefined }), baseline(5), 1.5).violations.map((v) => v.metric)).toEqual(["latency_p99_s"]);
    expect(evaluate(matrix(passingRun()), baseline(5), 1.5).violations.map((v) => v.metric)).toEqual(["e2e_s"]);
    expect(() => parseBaseline({ [FIXTURE]: { "p01@streaming": { events: 1, latency_p99_s: "fast" } } })).toThrow("latency_p99_s must be a positive number of seconds");
  });

  test("--update keeps a streaming entry's p99 budget under its own key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gate-"));
    writeFileSync(join(dir, "matrix.json"), matrixJson(matrix(streamingRun())));
    const file = join(dir, "baseline.json");
    writeFileSync(file, JSON.stringify({ [FIXTURE]: { "p01@streaming": { events: 10000, latency_p99_s: 10 } } }));
    const lines: string[] = [];
    expect(await runGate(["--reports", dir, "--baseline", file, "--update"], (l) => lines.push(l))).toBe(0);
    expect(lines).toContain(`gate: ${FIXTURE} p01@streaming status: (none) → PASS`);
    const { fixtures } = parseBaseline(JSON.parse((await import("node:fs")).readFileSync(file, "utf8")));
    expect(fixtures[FIXTURE]!["p01@streaming"]).toMatchObject({ status: "PASS", latency_p99_s: 10 });
  });
});
