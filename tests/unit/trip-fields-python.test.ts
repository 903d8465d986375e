// The Python bronzes' checks (harness/stacks/common/python/trip_fields.py: Spark, Bytewax, Mage), run on the same
// poison the Flink bronze is held to: every kind gets the reason it expects, valid events pass with
// their values, and the column list is the harness's own.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { WireEvent } from "../../harness/fixtures/events.js";
import { FLAT_EVENT, poisonKinds, withPoison } from "../../harness/fixtures/poison.js";
import { TLC_COLUMNS } from "../../harness/fixtures/schema.js";
import { projectRoot, venvBin } from "../../harness/paths.js";

const JOBS = join(projectRoot(), "harness", "stacks", "common", "python");

/** trip_fields.check over each message: [reason, parsed values] (timestamps as ISO text). */
function check(messages: string[]): Array<[string | null, unknown[] | null]> {
  const program = `
import json, sys
sys.path.insert(0, ${JSON.stringify(JOBS)})
from trip_fields import check
spec = json.load(sys.stdin)
out = []
for text in spec["messages"]:
    reason, values = check(text, spec["columns"])
    out.append([reason, None if values is None else [v.isoformat() if hasattr(v, "isoformat") else v for v in values]])
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(venvBin("python"), ["-c", program], { input: JSON.stringify({ messages, columns: TLC_COLUMNS }), encoding: "utf8" }));
}

const trip = (i: number) => ({ VendorID: 2, tpep_pickup_datetime: "2024-01-10T10:00:00", tpep_dropoff_datetime: "2024-01-10T10:20:00", passenger_count: 1, payment_type: 1, fare_amount: i + 0.5, total_amount: i + 2, PULocationID: i, store_and_fwd_flag: "N", Airport_fee: null });
const events: WireEvent[] = Array.from({ length: 40 }, (_, i) => ({ key: String(i), value: JSON.stringify(trip(i)) }));

describe("trip field checks (the Spark stack's bronze job)", () => {
  test("every poison kind of a flat event gets the reason it expects", () => {
    const { poison } = withPoison(events, poisonKinds(FLAT_EVENT).length);
    const results = check(poison.map((p) => p.value));
    const wrong = poison.flatMap((p, i) => (results[i]![0] !== null && p.reason.test(results[i]![0]!) ? [] : [`${p.kind}: ${results[i]![0]}`]));
    expect(wrong).toEqual([]);
  });

  test("valid events pass, parsed in column order; absent fields are null", () => {
    const [[reason, values]] = check([events[3]!.value]);
    expect(reason).toBeNull();
    const byName = Object.fromEntries(TLC_COLUMNS.map((c, i) => [c.name, values![i]]));
    expect(byName).toMatchObject({ VendorID: 2, tpep_pickup_datetime: "2024-01-10T10:00:00", fare_amount: 3.5, total_amount: 5, PULocationID: 3, store_and_fwd_flag: "N", RatecodeID: null, Airport_fee: null });
  });

  test("types are checked before ranges, and an integer is a number", () => {
    const both = JSON.stringify({ ...trip(1), PULocationID: 99_999_999_999, fare_amount: "1" });
    expect(check([both])[0]![0]).toBe("fare_amount is not a number");
    expect(check([JSON.stringify({ ...trip(1), fare_amount: 12 })])[0]![0]).toBeNull();
  });
});
