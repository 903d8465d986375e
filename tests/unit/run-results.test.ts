import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { brokenNodes, parseRunResults, readRunResults } from "../../harness/stages/run-results.js";
import { projectRoot } from "../../harness/paths.js";

// Both files were recorded from real dbt 1.11 builds of dbt/: one clean, one over events with a
// fare above its total (a failing singular test, a skipped downstream mart) and an unknown vendor (a warn).
const recorded = (name: string) => join(projectRoot(), "fixtures", "dbt", name);

describe("run_results.json", () => {
  test("a clean build counts models, seeds and tests apart", () => {
    const s = readRunResults(recorded("run_results-pass.json"));
    expect(s.models).toEqual({ pass: 14, warn: 0, fail: 0, error: 0, skip: 0, total: 14 });
    expect(s.seeds).toEqual({ pass: 3, warn: 0, fail: 0, error: 0, skip: 0, total: 3 });
    expect(s.tests).toEqual({ pass: 74, warn: 0, fail: 0, error: 0, skip: 0, total: 74 });
    expect(brokenNodes(s)).toEqual([]);
  });

  test("a failing build names the failed test, the warn and the skipped nodes", () => {
    const s = readRunResults(recorded("run_results-fail.json"));
    expect(s.tests).toEqual({ pass: 69, warn: 1, fail: 1, error: 0, skip: 3, total: 74 });
    expect(s.models).toMatchObject({ pass: 13, skip: 1 });
    expect(brokenNodes(s).map((n) => n.name)).toEqual(["assert_fare_not_exceeds_total"]);
    expect(brokenNodes(s)[0]!.failures).toBe(1);
    expect(s.nodes.find((n) => n.outcome === "warn")?.name).toMatch(/^accepted_values_stg_yellow_trips_vendor_id/);
  });

  test("maps a model error to error", () => {
    const s = parseRunResults(JSON.stringify({ results: [{ unique_id: "model.taxi.fct_trips", status: "error", message: "boom" }] }));
    expect(s.models.error).toBe(1);
    expect(brokenNodes(s)[0]).toMatchObject({ name: "fct_trips", message: "boom" });
  });

  test("a missing or corrupt file is one clear line", () => {
    expect(() => readRunResults("/nonexistent/run_results.json")).toThrow(/run_results.json is missing: dbt build did not write its results/);
    const text = readFileSync(recorded("run_results-pass.json"), "utf8");
    expect(() => parseRunResults(text.slice(0, 500), "x.json")).toThrow(/x.json is corrupt/);
    expect(() => parseRunResults("{}", "x.json")).toThrow(/has no "results" list/);
    expect(() => parseRunResults(JSON.stringify({ results: [{ unique_id: "test.a.b", status: "odd" }] }), "x.json")).toThrow(/unknown status "odd"/);
  });
});
