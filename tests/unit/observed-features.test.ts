// P11's and P21's harness logic without engines: which Flink operators the metrics stage holds to
// the harness's counts, and how online features are compared with the oracle's.
import { describe, expect, test } from "vitest";
import { MAIN_NAMES } from "../../harness/pipeline.js";
import { featureDifferences } from "../../harness/stacks/features/steps.js";
import { harnessCount } from "../../harness/stacks/observed/steps.js";

describe("P11: Flink operators against the harness's counts", () => {
  const counts = { messages: 10_024, bronze: 10_000, deadLetters: 24, silver: 9_854 };
  const bronzeJob = "insert-into_lake.bronze.raw_trips,default_catalog.default_database.dead_letters";
  const silverJob = "insert-into_lake.silver.cleaned_trips";
  const count = (job: string, operator: string, direction: "in" | "out") => harnessCount(job, operator, direction, MAIN_NAMES, counts);

  test("the bronze job's source, its Iceberg writer and its dead-letter writer; silver's writer", () => {
    expect(count(bronzeJob, "Source: topic_messages[1]", "out")).toBe(10_024);
    expect(count(bronzeJob, "IcebergStreamWriter", "in")).toBe(10_000);
    expect(count(bronzeJob, "dead_letters[5]: Writer", "in")).toBe(24);
    expect(count(silverJob, "IcebergStreamWriter", "in")).toBe(9_854);
  });

  test("operators without a count of the harness's (a scan that ends before its last scrape, calcs, committers) are shown, not compared", () => {
    expect(count(silverJob, "Source: raw_trips[6]", "out")).toBeNull();
    expect(count(bronzeJob, "Calc[2]", "out")).toBeNull();
    expect(count(bronzeJob, "IcebergSink lake.bronze.raw_trips: Writer", "in")).toBeNull();
    expect(count(bronzeJob, "IcebergStreamWriter", "out")).toBeNull();
    // The edge pass's jobs write other namespaces: not the main pass's counts.
    expect(count("insert-into_lake.edge_bronze.raw_trips", "IcebergStreamWriter", "in")).toBeNull();
  });
});

describe("P21: online features against the oracle's", () => {
  const view = { name: "location_features", key: "pickup_location_id", expected: "t", features: ["trips", "avg_fare"] };
  const expected = new Map<string, Record<string, unknown>>([
    ["132", { trips: 12, avg_fare: 51.25 }],
    ["7", { trips: 1, avg_fare: null }],
  ]);

  test("equal values, doubles to 1e-9 relative, nulls as nulls, and nothing for an unknown key pass", () => {
    const online = { trips: [12, 1, null], avg_fare: [51.25 + 1e-12, null, null] };
    expect(featureDifferences(view, [132, 7, 0], online, expected)).toEqual([]);
  });

  test("a value off, a null for a known key, or a value for an unknown key are named", () => {
    const online = { trips: [12, null, 3], avg_fare: [51.26, null, null] };
    expect(featureDifferences(view, [132, 7, 0], online, expected)).toEqual([
      "location_features[pickup_location_id=132].avg_fare: online 51.26, oracle 51.25",
      "location_features[pickup_location_id=7].trips: online null, oracle 1",
      "location_features[pickup_location_id=0].trips: online 3, oracle null",
    ]);
  });
});
