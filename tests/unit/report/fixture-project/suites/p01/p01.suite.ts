// The shape of harness/scenario.ts: the describe names its pipeline, the run lives on the file's
// meta, stage tests record typed results (here dbt fails: PARTIAL).
import { beforeAll, describe, expect, test } from "vitest";
import type { PipelineRun } from "../../../../../../harness/model.js";
import { dbtSummary, passingRun } from "../../../runs.js";

const run: PipelineRun = { ...passingRun({ dbt: null }), stages: passingRun().stages.filter((s) => s.name !== "dbt") };

describe("P01 Kafka → Flink → Iceberg", { meta: { pipelineId: "p01" } }, () => {
  beforeAll(({}, suite) => {
    suite.file.meta.pipelineRun = run;
  });
  test("silver equals the batch oracle", { meta: { stage: "silver" } }, () => {
    expect(run.silver!.equal).toBe(true);
  });
  test("dbt build passes", { meta: { stage: "dbt" } }, () => {
    run.dbt = dbtSummary(["pass", "fail"]);
    run.stages.push({ name: "dbt", kind: "quality", seconds: 12.5, ok: false, error: "1 dbt test failed" });
    expect(run.dbt!.tests.fail).toBe(0);
  });
});
