// Records its run only in afterAll, as SKIPPED; its tests skip themselves at run time.
import { afterAll, beforeEach, describe, test } from "vitest";
import { skippedRun } from "../../../runs.js";

describe("P03 Kafka → RisingWave", () => {
  beforeEach(({ skip }) => skip("no RisingWave image"));
  afterAll(({}, suite) => {
    suite.meta.pipelineRun = skippedRun();
  });
  test("silver equals the batch oracle", () => {});
});
