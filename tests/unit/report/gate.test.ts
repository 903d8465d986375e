import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { evaluate, formatViolation, parseBaseline, runGate } from "../../../harness/report/gate.js";
import { buildMatrix, matrixJson } from "../../../harness/report/matrix.js";
import { CATALOG } from "../../../harness/catalog.js";
import type { ReportEntry } from "../../../harness/report/entry.js";
import { entry, mismatchRun, passingRun, sampleEntries, skippedRun, withStage } from "./runs.js";

const matrix = (entries: ReportEntry[] = [entry(passingRun())]) => buildMatrix(entries, CATALOG, new Set(), "2026-02-01T10:05:00.000Z");
const FIXTURE = "tlc-2024-01-first10k";
const P01 = { events: 10000, status: "PASS", silver_rows: 9855, silver_checksum: "c0ffee", dbt_pass: 2 };

const baselineJson = (p01: object, extra: object = {}) => ({ tolerance: 1.5, [FIXTURE]: { p01: { ...P01, ...p01 } }, ...extra });

async function gate(baseline: object | null, args: string[] = [], entries?: ReportEntry[]) {
  const dir = mkdtempSync(join(tmpdir(), "gate-"));
  writeFileSync(join(dir, "matrix.json"), matrixJson(matrix(entries)));
  const file = join(dir, "baseline.json");
  if (baseline) writeFileSync(file, JSON.stringify(baseline));
  const lines: string[] = [];
  const code = await runGate(["--reports", dir, "--baseline", file, ...args], (l) => lines.push(l));
  return { code, out: lines.join("\n"), file };
}

const violations = (out: string) => out.split("\n").filter((l) => l.startsWith("VIOLATION"));

describe("gate", () => {
  test("passes when status, rows, checksum, dbt passes and stage times hold", async () => {
    const { code, out } = await gate(baselineJson({ stage_budget_s: { processing: 40, e2e: 100 } }));
    expect(code).toBe(0);
    expect(out).toContain("gate: ok (1 pipeline(s) checked: p01; tolerance 1.5)");
  });

  test("one line per violation: pipeline, metric, baseline, actual, allowed", async () => {
    const { code, out } = await gate(baselineJson({ silver_rows: 9860, silver_checksum: "beef", dbt_pass: 3, stage_budget_s: { processing: 20, startup: 25 } }));
    expect(code).toBe(1);
    expect(violations(out)).toEqual([
      "VIOLATION p01 silver_rows: baseline 9860, actual 9855, allowed 9860",
      "VIOLATION p01 silver_checksum: baseline beef, actual c0ffee, allowed beef",
      "VIOLATION p01 dbt_pass: baseline 3, actual 2, allowed ≥ 3",
      "VIOLATION p01 processing_s: baseline 20, actual 44.12, allowed 30",
    ]);
    expect(out).toContain("gate: FAILED, 4 violation(s)");
  });

  test("silver with the right count and the wrong content fails, with or without a baseline entry", async () => {
    const swapped = withStage(passingRun({ silver: { ...passingRun().silver!, actualChecksum: "d00d", equal: false } }), { name: "silver", kind: "core", seconds: 14, ok: false, error: "checksum" });
    const { code, out } = await gate({ tolerance: 1.5 }, [], [entry(swapped)]);
    expect(code).toBe(1);
    expect(violations(out)).toEqual(["VIOLATION p01 silver_checksum_vs_oracle: baseline c0ffee, actual d00d, allowed c0ffee"]);
    // …and against its baseline, the status got worse and the checksum moved.
    expect(violations((await gate(baselineJson({}), [], [entry(swapped)])).out)).toEqual([
      "VIOLATION p01 silver_checksum_vs_oracle: baseline c0ffee, actual d00d, allowed c0ffee",
      "VIOLATION p01 status: baseline PASS, actual FAIL, allowed PASS",
      "VIOLATION p01 silver_checksum: baseline c0ffee, actual d00d, allowed c0ffee",
    ]);
  });

  test("a pipeline the baseline expects that is SKIPPED or absent fails, unless --allow-skip names it", async () => {
    const baseline = baselineJson({}, {});
    (baseline[FIXTURE] as Record<string, object>).p03 = { events: 10000, status: "PASS" };
    (baseline[FIXTURE] as Record<string, object>).p12 = { events: 10000, status: "PASS" };
    const skipped = { ...skippedRun(), fixture: passingRun().fixture };
    const { code, out } = await gate(baseline, [], [entry(passingRun()), entry(skipped)]);
    expect(code).toBe(1);
    expect(violations(out)).toEqual([
      "VIOLATION p03 ran: baseline ran, actual did not run: image risingwavelabs/risingwave can be neither pulled nor built, allowed ran (or --allow-skip)",
      "VIOLATION p12 ran: baseline ran, actual did not run: not run, allowed ran (or --allow-skip)",
    ]);
    const allowed = await gate(baseline, ["--allow-skip", "p03,p12"], [entry(passingRun()), entry(skipped)]);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain("p03: expected by the baseline, did not run");
  });

  test("--tolerance overrides the file", async () => {
    const budget = baselineJson({ stage_budget_s: { processing: 20 } });
    expect((await gate(budget)).code).toBe(1);
    expect((await gate(budget, ["--tolerance", "2.5"])).code).toBe(0);
  });

  test("a stage with a budget that did not run is a violation", () => {
    const m = matrix();
    delete m.rows.find((r) => r.id === "p01")!.stages.dbt;
    const { violations: v } = evaluate(m, parseBaseline(baselineJson({ stage_budget_s: { dbt: 20 } })), 1.5);
    expect(v.map(formatViolation)).toEqual(["VIOLATION p01 dbt_s: baseline 20, actual missing, allowed 30"]);
  });

  test("no entry for the fixture or the event count: said, not failed", async () => {
    const { code, out } = await gate({ [FIXTURE]: { p01: { events: 5000, silver_rows: 1 } } });
    expect(code).toBe(0);
    expect(out).toContain("p01: baseline for tlc-2024-01-first10k is for 5000 events, this run had 10000, not gated");
    expect((await gate({ other: {} })).out).toContain("p01: no baseline for fixture tlc-2024-01-first10k, not gated");
  });

  test("--update writes the run's status, rows, checksum and dbt passes, keeps budgets, and shows the diff", async () => {
    const { code, out, file } = await gate(baselineJson({ silver_checksum: "old", stage_budget_s: { e2e: 100 } }), ["--update"], sampleEntries().slice(0, 1));
    expect(code).toBe(0);
    expect(out).toContain("gate: tlc-2024-01-first10k p01 silver_checksum: old → c0ffee");
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written[FIXTURE].p01).toEqual({ ...P01, stage_budget_s: { e2e: 100 } });
  });

  test("the sample runs: a mismatching run fails the gate even where nothing else is gated", async () => {
    const { code, out } = await gate({ tolerance: 1.5 }, [], sampleEntries());
    expect(code).toBe(1);
    expect(violations(out)).toEqual([expect.stringMatching(/^VIOLATION p12 silver_checksum_vs_oracle: baseline aaaa, actual bbbb/)]);
    expect(mismatchRun().silver!.equal).toBe(false);
  });

  test("a missing baseline file is said and does not fail", async () => {
    const { code, out } = await gate(null);
    expect(code).toBe(0);
    expect(out).toMatch(/no baseline at .*baseline\.json/);
  });

  test("bad input exits 2 with a reason", async () => {
    expect((await gate(baselineJson({}, { tolerance: 0.5 }))).out).toContain("tolerance must be a number ≥ 1");
    const bad = await gate({ [FIXTURE]: { p01: { events: 1, stage_budget_s: { procesing: 1 } } } });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain("unknown stages procesing");
    expect((await gate({ [FIXTURE]: { p01: { events: 1, status: "GREEN" } } })).code).toBe(2);
    expect((await gate(baselineJson({}), ["--tolerance", "abc"])).code).toBe(2);
    const lines: string[] = [];
    expect(await runGate(["--reports", "/nonexistent"], (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toContain("no /nonexistent/matrix.json");
  });
});

describe("harness ran", () => {
  const ran = async (entries: ReportEntry[], id: string) => {
    const dir = mkdtempSync(join(tmpdir(), "ran-"));
    writeFileSync(join(dir, "matrix.json"), matrixJson(matrix(entries)));
    const lines: string[] = [];
    const { runRanCheck } = await import("../../../harness/report/gate.js");
    return { code: await runRanCheck([id, "--reports", dir], (l) => lines.push(l)), out: lines.join("\n") };
  };

  test("a pipeline that ran passes, whatever its status", async () => {
    expect(await ran([entry(passingRun())], "p01")).toEqual({ code: 0, out: "ran: p01 PASS" });
  });

  test("a SKIPPED or absent pipeline fails the job with its reason", async () => {
    expect(await ran([entry(skippedRun())], "p03")).toEqual({ code: 1, out: "ran: p03 did not run: image risingwavelabs/risingwave can be neither pulled nor built" });
    expect((await ran([entry(passingRun())], "p12")).code).toBe(1);
  });
});
