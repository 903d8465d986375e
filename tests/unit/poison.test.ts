import { describe, expect, test } from "vitest";
import type { WireEvent } from "../../harness/fixtures/events.js";
import { CHANGE_EVENT, deadLetterMismatches, FLAT_EVENT, poisonCount, poisonKinds, withPoison } from "../../harness/fixtures/poison.js";

const trip = (i: number) => ({ VendorID: 1, tpep_pickup_datetime: "2024-01-10T10:00:00", passenger_count: 1, payment_type: 1, fare_amount: i, total_amount: i + 2, PULocationID: i });
const events: WireEvent[] = Array.from({ length: 100 }, (_, i) => ({ key: String(i), value: JSON.stringify(trip(i)) }));

describe("poison messages", () => {
  test("K malformed messages are spread among the events, none lost", () => {
    const { messages, poison } = withPoison(events, 7);
    expect(messages).toHaveLength(107);
    expect(poison).toHaveLength(7);
    const bad = messages.map((m, i) => [m, i] as const).filter(([m]) => !events.includes(m));
    expect(bad.map(([m]) => m.value)).toEqual(poison.map((p) => p.value));
    expect(bad[0]![1]).toBeGreaterThan(5);
    expect(bad.at(-1)![1]).toBeLessThan(100);
  });

  test.each([FLAT_EVENT, CHANGE_EVENT])("at least 12 kinds of $name, each different from a valid message and from every other kind", (shape) => {
    const kinds = poisonKinds(shape);
    expect(kinds.length).toBeGreaterThanOrEqual(12);
    const { poison } = withPoison(events, kinds.length, shape);
    expect(new Set(poison.map((p) => p.value)).size).toBe(kinds.length);
    const valid = events.map((e, i) => shape.write(shape.record(JSON.parse(e.value) as Record<string, unknown>, i + 1)));
    for (const p of poison) expect(valid).not.toContain(p.value);
  });

  test("change events carry the row in `after`, timestamps in epoch microseconds; their reasons name after.<field>", () => {
    const { poison } = withPoison(events, poisonKinds(CHANGE_EVENT).length, CHANGE_EVENT);
    const byKind = Object.fromEntries(poison.map((p) => [p.kind, p]));
    const fraction = JSON.parse(byKind["fraction for an integer"]!.value) as { op: string; after: Record<string, unknown> };
    expect(fraction.op).toBe("c");
    expect(fraction.after.passenger_count).toBe(1.5);
    expect(fraction.after.tpep_pickup_datetime).toBe(Date.UTC(2024, 0, 10, 10) * 1000);
    expect(byKind["fraction for an integer"]!.reason.test("after.passenger_count is not an integer")).toBe(true);
    expect(byKind["fraction for an integer"]!.reason.test("passenger_count is not an integer")).toBe(false);
    expect(Object.keys(byKind)).toEqual(expect.arrayContaining(["unknown op", "delete without its key", "create without an after-image", "after year 9999"]));
    expect(Object.keys(byKind)).not.toContain("30 February");
  });

  test("dead letters are matched to their kind's reason; a wrong reason, a missing or an extra one is named", () => {
    const { poison } = withPoison(events, 3);
    const right = [
      { raw: poison[0]!.value, reason: "not a JSON object" },
      { raw: poison[1]!.value, reason: "fare_amount is not a number" },
      { raw: poison[2]!.value, reason: "VendorID is not an integer" },
    ];
    expect(deadLetterMismatches(poison, right)).toEqual([]);
    expect(deadLetterMismatches(poison, [right[0]!, { ...right[1]!, reason: "something is wrong" }])).toEqual([
      'string for a number: reason "something is wrong", expected /^fare_amount is not a number$/',
      `string for an integer: no dead letter for ${JSON.stringify(poison[2]!.value.slice(0, 60))}`,
    ]);
    expect(deadLetterMismatches([], [{ raw: "x", reason: "r" }])).toEqual(['unexpected dead letter "x": r']);
  });

  test("HARNESS_POISON must be a non-negative integer", () => {
    expect(poisonCount({})).toBe(0);
    expect(poisonCount({ HARNESS_POISON: "25" })).toBe(25);
    expect(() => poisonCount({ HARNESS_POISON: "x" })).toThrow(/HARNESS_POISON=x is not a non-negative integer/);
  });
});

describe("produce order", () => {
  test("events without a key all go to one partition (so dedup's partition and offset keep produce order); keyed ones keep their key", async () => {
    const { toRecords } = await import("../../harness/stages/produce.js");
    const records = toRecords("t", [{ key: null, value: "a" }, { key: "161", value: "b" }, { key: null, value: "c" }]);
    expect(records).toEqual([
      { topic: "t", value: "a", partition: 0 },
      { topic: "t", value: "b", key: "161" },
      { topic: "t", value: "c", partition: 0 },
    ]);
  });
});
