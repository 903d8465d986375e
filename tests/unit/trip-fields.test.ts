import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CHANGE_EVENT, FLAT_EVENT, poisonKinds, type MessageShape } from "../../harness/fixtures/poison.js";
import { projectRoot } from "../../harness/paths.js";
import { tripChecks, tripPaths, tripValues, type TripMessage } from "../../harness/stacks/lakehouse/trip-fields.js";

/** The reasons a bronze file can give: its THEN literals, with the shared checks rendered in. */
function reasons(file: string, message: TripMessage): string[] {
  const text = readFileSync(join(projectRoot(), "pipelines", file), "utf8").replace("${trip.checks}", tripChecks(message));
  return [...text.matchAll(/THEN '([^']+)'/g)].map((m) => m[1]!);
}

const cases: Array<[string, string, TripMessage, MessageShape]> = [
  ["P01", "01-kafka-flink-iceberg/sql/bronze.sql", { root: "$", timestamps: "iso" }, FLAT_EVENT],
  ["P12", "12-cdc-debezium/sql/bronze.sql", { root: "$.after", timestamps: "epoch-micros" }, CHANGE_EVENT],
];

describe("trip field checks (the lakehouse stack's bronze jobs)", () => {
  test.each(cases)("%s's bronze gives the reason every poison kind of its message shape expects", (_, file, message, shape) => {
    const given = reasons(file, message);
    const unmatched = poisonKinds(shape).filter((k) => !given.some((r) => k.reason(shape.prefix).test(r)));
    expect(unmatched.map((k) => k.kind)).toEqual([]);
  });

  test("every field is checked and parsed at its path; reasons name it with the shape's prefix", () => {
    const checks = tripChecks({ root: "$.after", timestamps: "epoch-micros" });
    expect(checks).toContain("t_after_fare_amount");
    expect(checks).toContain("v_after_fare_amount");
    expect(tripPaths({ root: "$.after", timestamps: "epoch-micros" })).toContain("'after.fare_amount'");
    expect(checks).toContain("'after.fare_amount is not a number'");
    expect(checks).toContain("'after.tpep_pickup_datetime is out of range for a timestamp'");
    expect(checks).not.toContain("calendar");
    const values = tripValues({ root: "$", timestamps: "iso" }).split(",\n");
    expect(values).toHaveLength(19);
    expect(values[1]).toContain("TO_TIMESTAMP(v_tpep_pickup_datetime");
  });
});
