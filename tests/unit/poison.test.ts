import { describe, expect, test } from "vitest";
import type { WireEvent } from "../../harness/fixtures/events.js";
import { poisonCount, withPoison } from "../../harness/fixtures/poison.js";

const events: WireEvent[] = Array.from({ length: 100 }, (_, i) => ({ key: String(i), value: JSON.stringify({ VendorID: 1, fare_amount: i, PULocationID: i }) }));

describe("poison messages", () => {
  test("K malformed messages are spread among the events, none lost", () => {
    const mixed = withPoison(events, 7);
    expect(mixed).toHaveLength(107);
    const bad = mixed.map((m, i) => [m, i] as const).filter(([m]) => !events.includes(m));
    expect(bad).toHaveLength(7);
    expect(bad[0]![1]).toBeGreaterThan(5);
    expect(bad.at(-1)![1]).toBeLessThan(100);
  });

  test("each is invalid JSON, not an object, or has a wrong-typed field", () => {
    for (const { value } of withPoison(events, 12).filter((m) => !events.includes(m))) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        continue;
      }
      if (Array.isArray(parsed)) continue;
      const p = parsed as Record<string, unknown>;
      const wrong =
        typeof p.fare_amount === "string" || typeof p.VendorID === "string" || !Number.isInteger(p.passenger_count ?? 0) || typeof p.tpep_pickup_datetime === "number";
      expect(wrong, value).toBe(true);
    }
  });

  test("HARNESS_POISON must be a non-negative integer", () => {
    expect(poisonCount({})).toBe(0);
    expect(poisonCount({ HARNESS_POISON: "25" })).toBe(25);
    expect(() => poisonCount({ HARNESS_POISON: "x" })).toThrow(/HARNESS_POISON=x is not a non-negative integer/);
  });
});
