// Records its run in beforeAll and completes it in afterAll (the shape of harness/suite.ts); dbt test fails.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PipelineRun } from "../../../../../../harness/model.js";
import { dbtSummary, passingRun } from "../../../runs.js";

const run: PipelineRun = passingRun({ stages: [], dbt: null });

describe("P01 Kafka → Flink → Iceberg", () => {
  beforeAll(({}, suite) => {
    suite.meta.pipelineRun = run;
  });
  afterAll(() => {
    run.stages = passingRun().stages;
  });
  test("silver equals the batch oracle", () => {
    run.silver = passingRun().silver;
    expect(run.silver!.equal).toBe(true);
  });
  test("dbt build passes", () => {
    run.dbt = dbtSummary(["pass", "fail"]);
    expect(run.dbt!.tests.fail).toBe(0);
  });
});
