// The standard queries' protocol and answer checks: percentiles of the kept runs, answers compared
// to the cent, and an engine whose data differs being caught — on the edge rows, in DuckDB.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Duck } from "../../harness/db/duck.js";
import { prepareInputs, type RunInputs } from "../../harness/inputs.js";
import { Oracle } from "../../harness/oracle/oracle.js";
import { EDGE_FIXTURE } from "../../harness/scenario.js";
import { answerDifference, benchmarkQueries, DISCARDED, duckdbEngine, EVENT_TRIPS, normalize, percentile, RUNS, STANDARD_QUERIES, referenceAnswer } from "../../harness/stages/standard-queries.js";

const query = (id: string) => STANDARD_QUERIES.find((q) => q.id === id)!;

describe("standard queries", () => {
  let inputs: RunInputs;
  beforeAll(async () => {
    inputs = await prepareInputs({ HARNESS_FIXTURE: EDGE_FIXTURE });
  });
  afterAll(() => inputs.duck.close());

  test("percentiles interpolate between closest ranks of the kept runs", () => {
    const kept = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(percentile(kept, 0.5)).toBeCloseTo(4.5);
    expect(percentile(kept, 0.95)).toBeCloseTo(7.65);
    expect(percentile(kept, 0.99)).toBeCloseTo(7.93);
  });

  test("answers agree to the cent; a cent off, a missing row or another date does not", () => {
    const q1 = query("Q1");
    // Druid returns a day as an ISO instant; DuckDB as a date.
    const druid = normalize(q1, [["2024-01-01T00:00:00.000Z", 2, 30.004999]]);
    const duck = normalize(q1, [[new Date("2024-01-01T00:00:00Z"), 2n, 30.0]]);
    expect(answerDifference(q1, druid, duck)).toBeNull();
    expect(answerDifference(q1, normalize(q1, [["2024-01-01", 2, 30.01]]), duck)).toMatch(/row 1 revenue: 30.01 where the reference has 30/);
    expect(answerDifference(q1, normalize(q1, [["2024-01-02", 2, 30]]), duck)).toMatch(/row 1 day/);
    expect(answerDifference(q1, [], duck)).toBe("0 rows, the reference 1");
    expect(() => normalize(q1, [["2024-01-01", 2]])).toThrow(/2 columns, the query 3/);
  });

  test("the protocol runs each query ten times, keeps eight, and checks the answer against the reference", async () => {
    const engine = duckdbEngine("duckdb", async () => inputs.duck, EVENT_TRIPS, { relation: EVENT_TRIPS, label: "events" });
    const timings = await benchmarkQueries(inputs.duck, engine);
    expect(timings.map((t) => t.query)).toEqual(["Q1", "Q2", "Q3", "Q4"]);
    for (const t of timings) {
      expect(t.seconds).toHaveLength(RUNS);
      expect(t.discarded).toBe(DISCARDED);
      expect(t.p50).toBeLessThanOrEqual(t.p95);
      expect(t.p95).toBeLessThanOrEqual(t.p99);
      expect(t.difference, t.query).toBeNull();
    }
  });

  test("an engine serving other data than its reference is caught, query by query", async () => {
    // Revenue inflated by a cent per trip, and one trip's pickup moved a day: Q1, Q2 and Q4 differ, Q3 by weekday.
    const skewed = `(SELECT CASE WHEN event_seq = 1 THEN tpep_pickup_datetime + INTERVAL 1 DAY ELSE tpep_pickup_datetime END AS pickup_datetime, CAST(PULocationID AS INTEGER) AS pickup_location_id, CAST(payment_type AS INTEGER) AS payment_type_id, total_amount + 0.01 AS total_amount, tip_amount FROM events)`;
    const engine = duckdbEngine("skewed", async () => inputs.duck, skewed, { relation: EVENT_TRIPS, label: "events" });
    const timings = await benchmarkQueries(inputs.duck, engine);
    expect(timings.filter((t) => t.difference !== null).map((t) => t.query)).toEqual(["Q1", "Q2", "Q3", "Q4"]);
  });

  test("gold's reference keeps the silver trips of whole-minute duration 1..720 and speed under 100 mph", async () => {
    const oracle = new Oracle(inputs.duck, "silver-core");
    const gold = await oracle.goldTrips();
    const silver = Number(await inputs.duck.scalar(`SELECT count(*) FROM expected_silver`));
    const kept = Number(await inputs.duck.scalar(`SELECT count(*) FROM ${gold}`));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(silver);
    const outside = Number(await inputs.duck.scalar(`SELECT count(*) FROM ${gold} WHERE datediff('minute', pickup_datetime, dropoff_datetime) NOT BETWEEN 1 AND 720`));
    expect(outside).toBe(0);
    const answer = await referenceAnswer(inputs.duck, query("Q1"), gold);
    expect(answer.reduce((n, row) => n + (row[1] as number), 0)).toBe(kept);
  });

  test("a DuckDB file opens read-only for gold", async () => {
    await expect(Duck.open("/nonexistent/gold.duckdb", { readOnly: true })).rejects.toThrow();
  });
});
