// The status rules, judged from typed stage results and the stages a pipeline declares.
import { describe, expect, test } from "vitest";
import { judge } from "../../../harness/report/status.js";
import { dbtSummary, mismatchRun, partialRun, passingRun, skippedRun, withStage } from "./runs.js";

const without = (name: string) => {
  const run = passingRun();
  return { ...run, stages: run.stages.filter((s) => s.name !== name) };
};

describe("judge", () => {
  test("PASS: every declared stage ran and passed, silver equals the oracle, dbt warns listed", () => {
    const { status, reason } = judge(passingRun());
    expect(status).toBe("PASS");
    expect(reason).toContain("silver matches the oracle (9855 rows, silver-core)");
    expect(reason).toContain("dbt 2/3 tests pass");
    expect(reason).toContain("dbt warn: test_2_warn");
  });

  test("PASS without a declared dbt stage", () => {
    const run = { ...passingRun({ dbt: null }), declared: passingRun().declared.filter((d) => d.name !== "dbt") };
    expect(judge({ ...run, stages: run.stages.filter((s) => s.name !== "dbt") })).toEqual({ status: "PASS", reason: "silver matches the oracle (9855 rows, silver-core)" });
  });

  test("FAIL: a failed startup, even with every later result right", () => {
    const run = withStage(passingRun(), { name: "startup", kind: "core", seconds: 90, ok: false, error: "stage startup failed in container flink-jobmanager: timeout\n--- last lines ---" });
    expect(judge(run)).toEqual({ status: "FAIL", reason: "stage startup failed: stage startup failed in container flink-jobmanager: timeout" });
  });

  test("FAIL: a declared core stage that did not run (filtered out) is not PASS", () => {
    expect(judge(without("edge"))).toEqual({ status: "FAIL", reason: "stage edge did not run (skipped or filtered out)" });
  });

  test("PARTIAL: the dbt stage filtered out, silver right", () => {
    const { status, reason } = judge(without("dbt"));
    expect(status).toBe("PARTIAL");
    expect(reason).toContain("stage dbt did not run (skipped or filtered out)");
  });

  test("PARTIAL: silver right, dbt fails; fail and error nodes named", () => {
    const { status, reason } = judge(partialRun());
    expect(status).toBe("PARTIAL");
    expect(reason).toContain("stage dbt failed: AssertionError: failed dbt nodes");
    expect(reason).toContain("dbt fail: test_1_fail");
    expect(reason).toContain("dbt error: test_2_error");
  });

  test("a stage's name plays no part: a core stage with 'dbt' in its name still makes the run FAIL", () => {
    const run = withStage(passingRun(), { name: "startup", kind: "core", seconds: 1, ok: false, error: "the dbt container did not start" });
    expect(judge(run).status).toBe("FAIL");
  });

  test("FAIL: silver differs, expected vs actual rows", () => {
    const { status, reason } = judge(mismatchRun());
    expect(status).toBe("FAIL");
    expect(reason).toContain("silver differs from the oracle: expected 9855 rows, actual 9850");
  });

  test("FAIL: same count, different content names the checksums", () => {
    const run = passingRun();
    run.silver = { ...run.silver!, actualChecksum: "beef", equal: false };
    expect(judge(run).reason).toBe("silver differs from the oracle: expected 9855 rows, actual 9855, same count but checksum c0ffee vs beef");
  });

  test("FAIL: a failed check that is not a stage (a pipeline's own test) is named", () => {
    expect(judge(passingRun(), ["an UPDATE shows in silver: expected 12.5"])).toEqual({ status: "FAIL", reason: "check failed: an UPDATE shows in silver: expected 12.5" });
  });

  test("FAIL: silver never compared", () => {
    expect(judge(passingRun({ silver: null })).reason).toBe("silver was not compared with the oracle");
  });

  test("SKIPPED set by the run stays SKIPPED with its reason", () => {
    const run = skippedRun();
    expect(judge(run, ["bronze holds every event"])).toEqual({ status: "SKIPPED", reason: run.reason });
  });

  test("many dbt failures are capped in the reason", () => {
    const reason = judge(passingRun({ dbt: dbtSummary(Array(8).fill("fail")) })).reason;
    expect(reason).toContain("test_4_fail and 3 more");
  });
});
