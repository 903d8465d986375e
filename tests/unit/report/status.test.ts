import { describe, expect, test } from "vitest";
import { judge } from "../../../harness/report/status.js";
import { dbtSummary, mismatchRun, partialRun, passingRun, skippedRun } from "./runs.js";

describe("judge", () => {
  test("PASS: stages ok, silver equals the oracle, dbt warns listed", () => {
    const { status, reason } = judge(passingRun(), []);
    expect(status).toBe("PASS");
    expect(reason).toContain("silver matches the oracle (9855 rows, silver-core)");
    expect(reason).toContain("dbt 2/3 tests pass");
    expect(reason).toContain("dbt warn: test_2_warn");
  });

  test("PASS without a dbt stage says so", () => {
    expect(judge(passingRun({ dbt: null }), [])).toEqual({ status: "PASS", reason: "silver matches the oracle (9855 rows, silver-core); no dbt stage" });
  });

  test("PARTIAL: silver right, dbt fail and error named, the failing dbt test does not make it FAIL", () => {
    const { status, reason } = judge(partialRun(), ["dbt build passes"]);
    expect(status).toBe("PARTIAL");
    expect(reason).toContain("dbt fail: test_1_fail");
    expect(reason).toContain("dbt error: test_2_error");
    expect(reason).toContain("quality test failed: dbt build passes");
  });

  test("PARTIAL from a failed quality-layer test alone", () => {
    expect(judge(passingRun(), ["soda quality checks pass"]).status).toBe("PARTIAL");
  });

  test("FAIL: silver differs, expected vs actual rows", () => {
    const { status, reason } = judge(mismatchRun(), ["silver equals the batch oracle"]);
    expect(status).toBe("FAIL");
    expect(reason).toContain("silver differs from the oracle: expected 9855 rows, actual 9850");
    expect(reason).toContain("test failed: silver equals the batch oracle");
  });

  test("FAIL: same count, different content names the checksums", () => {
    const run = passingRun();
    run.silver = { ...run.silver!, actualChecksum: "beef", equal: false };
    expect(judge(run, []).reason).toBe("silver differs from the oracle: expected 9855 rows, actual 9855, same count but checksum c0ffee vs beef");
  });

  test("FAIL: a failed stage is named with its error, and beats dbt failures", () => {
    const run = passingRun({ dbt: dbtSummary(["fail"]) });
    run.stages[2] = { name: "processing", seconds: 600, ok: false, error: "flink job FAILED: NoClassDefFoundError" };
    const { status, reason } = judge(run, []);
    expect(status).toBe("FAIL");
    expect(reason).toMatch(/^stage processing failed: flink job FAILED: NoClassDefFoundError$/);
  });

  test("FAIL: any other failed test is named", () => {
    expect(judge(passingRun(), ["bronze holds every event"])).toEqual({ status: "FAIL", reason: "test failed: bronze holds every event" });
  });

  test("FAIL: silver never compared", () => {
    expect(judge(passingRun({ silver: null }), []).reason).toBe("silver was not compared with the oracle");
  });

  test("SKIPPED set by the suite stays SKIPPED with its reason", () => {
    const run = skippedRun();
    expect(judge(run, ["bronze holds every event"])).toEqual({ status: "SKIPPED", reason: run.reason });
  });

  test("many dbt failures are capped in the reason", () => {
    const reason = judge(passingRun({ dbt: dbtSummary(Array(8).fill("fail")) }), []).reason;
    expect(reason).toContain("test_4_fail and 3 more");
  });
});
