// Records its run as SKIPPED before any test; its tests skip themselves at run time.
import { beforeAll, beforeEach, describe, test } from "vitest";
import { skippedRun } from "../../../runs.js";

describe("P03 Kafka → RisingWave", { meta: { pipelineId: "p03" } }, () => {
  beforeAll(({}, suite) => {
    suite.file.meta.pipelineRun = skippedRun();
  });
  beforeEach(({ skip }) => skip("no RisingWave image"));
  test("silver equals the batch oracle", { meta: { stage: "silver" } }, () => {});
});
