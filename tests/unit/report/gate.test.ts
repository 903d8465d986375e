import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { evaluate, formatViolation, parseBaseline, runGate } from "../../../harness/report/gate.js";
import { buildMatrix, matrixJson } from "../../../harness/report/matrix.js";
import { CATALOG } from "../../../harness/catalog.js";
import { sampleEntries } from "./runs.js";

const matrix = () => buildMatrix(sampleEntries(), CATALOG, new Set(), "2026-02-01T10:05:00.000Z");
const FIXTURE = "tlc-2024-01-first10k";

const baselineJson = (p01: object, extra: object = {}) => ({ tolerance: 1.5, [FIXTURE]: { p01: { events: 10000, ...p01 } }, ...extra });

async function gate(baseline: object | null, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "gate-"));
  writeFileSync(join(dir, "matrix.json"), matrixJson(matrix()));
  const file = join(dir, "baseline.json");
  if (baseline) writeFileSync(file, JSON.stringify(baseline));
  const lines: string[] = [];
  const code = await runGate(["--reports", dir, "--baseline", file, ...args], (l) => lines.push(l));
  return { code, out: lines.join("\n") };
}

describe("gate", () => {
  test("passes when rows, dbt passes and stage times are within the baseline", async () => {
    const { code, out } = await gate(baselineJson({ silver_rows: 9855, dbt_pass: 2, stage_budget_s: { processing: 40, e2e: 100 } }));
    expect(code).toBe(0);
    expect(out).toContain("gate: ok (1 pipeline(s) checked: p01; tolerance 1.5)");
  });

  test("one line per violation: pipeline, metric, baseline, actual, allowed", async () => {
    const { code, out } = await gate(baselineJson({ silver_rows: 9860, dbt_pass: 3, stage_budget_s: { processing: 20, startup: 25 } }));
    expect(code).toBe(1);
    expect(out.split("\n").filter((l) => l.startsWith("VIOLATION"))).toEqual([
      "VIOLATION p01 silver_rows: baseline 9860, actual 9855, allowed 9860",
      "VIOLATION p01 dbt_pass: baseline 3, actual 2, allowed 3",
      "VIOLATION p01 processing_s: baseline 20, actual 44.12, allowed 30",
    ]);
    expect(out).toContain("gate: FAILED, 3 violation(s)");
  });

  test("--tolerance overrides the file", async () => {
    const budget = baselineJson({ stage_budget_s: { processing: 20 } });
    expect((await gate(budget)).code).toBe(1);
    expect((await gate(budget, ["--tolerance", "2.5"])).code).toBe(0);
  });

  test("a stage with a budget that did not run is a violation", () => {
    const m = matrix();
    delete m.rows.find((r) => r.id === "p01")!.stages.dbt;
    const { violations } = evaluate(m, parseBaseline(baselineJson({ stage_budget_s: { dbt: 20 } })), 1.5);
    expect(violations.map(formatViolation)).toEqual(["VIOLATION p01 dbt_s: baseline 20, actual missing, allowed 30"]);
  });

  test("no entry for the fixture or the event count: said, not failed; SKIPPED runs are not gated", async () => {
    const { code, out } = await gate({ [FIXTURE]: { p01: { events: 5000, silver_rows: 1 } } });
    expect(code).toBe(0);
    expect(out).toContain("p01: baseline for tlc-2024-01-first10k is for 5000 events, this run had 10000, not gated");
    expect(out).toContain("p02: no baseline for fixture tlc-2024-01-first10k, not gated");
    expect(out).toContain("p03: SKIPPED");
    expect(out).not.toContain("p04");
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
    expect((await gate(baselineJson({}), ["--tolerance", "abc"])).code).toBe(2);
    const lines: string[] = [];
    expect(await runGate(["--reports", "/nonexistent"], (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toContain("no /nonexistent/matrix.json");
  });
});
