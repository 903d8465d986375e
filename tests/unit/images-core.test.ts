import { expect, test } from "vitest";
import { CORE_IMAGES, withBases } from "../../harness/images/catalog.js";
import p00 from "../../pipelines/00-batch-baseline/pipeline.js";
import p01 from "../../pipelines/01-kafka-flink-iceberg/pipeline.js";
import p12 from "../../pipelines/12-cdc-debezium/pipeline.js";

test("the core images are what P00, P01 and P12 run (with their bases and engines), nothing more", () => {
  const needed = new Set(withBases([...p00.stack.images, ...p01.stack.images, ...p12.stack.images]).map((s) => s.name));
  const core = new Set(withBases([...CORE_IMAGES]).map((s) => s.name));
  // the base image is core too: the image tests check it, and every forged image starts from it
  expect([...core].sort()).toEqual([...needed, "base"].filter((n, i, all) => all.indexOf(n) === i).sort());
});
