import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { RuleSet } from "../../harness/model.js";
import { Oracle } from "../../harness/oracle/oracle.js";
import { eventsTable, withDuck, type Trip } from "./trips.js";

/** Which of the given trips (by 1-based position) a rule-set keeps. */
async function kept(ruleSet: RuleSet, trips: Trip[]): Promise<number[]> {
  return withDuck(async (duck) => {
    await eventsTable(duck, trips);
    // the CDC source table: its primary key `id` is the event's position
    if (ruleSet === "silver-cdc") await duck.run(`CREATE TABLE source_trips AS SELECT event_seq AS id, * FROM events`);
    await new Oracle(duck, ruleSet).expect();
    const rows = await duck.rows<{ seq: string }>(
      `SELECT e.event_seq AS seq FROM events e JOIN expected_silver s
         ON s.pickup_datetime IS NOT DISTINCT FROM e.tpep_pickup_datetime AND s.fare_amount IS NOT DISTINCT FROM CAST(e.fare_amount AS DECIMAL(10,2))
        AND s.passenger_count IS NOT DISTINCT FROM e.passenger_count AND s.trip_distance_miles IS NOT DISTINCT FROM e.trip_distance
        AND s.dropoff_datetime IS NOT DISTINCT FROM e.tpep_dropoff_datetime AND s.vendor_id IS NOT DISTINCT FROM e.VendorID
       ORDER BY 1`,
    );
    return rows.map((r) => Number(r.seq));
  });
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const at = (pickup: string | null, dropoff: string | null): Trip => ({ tpep_pickup_datetime: pickup, tpep_dropoff_datetime: dropoff });

describe("silver-core", () => {
  test("keeps pickups from the first to the last second of January 2024 only", async () => {
    const trips = [
      at("2023-12-31 23:59:59", "2024-01-01 00:10:00"),
      at("2024-01-01 00:00:00", "2024-01-01 00:10:00"),
      at("2024-01-31 23:59:59", "2024-02-01 00:10:00"),
      at("2024-02-01 00:00:00", "2024-02-01 00:10:00"),
      at("2002-12-31 22:59:39", "2002-12-31 23:10:00"),
    ];
    expect(await kept("silver-core", trips)).toEqual([2, 3]);
  });

  test("keeps zero fares and distances, drops negative ones and nulls", async () => {
    const trips: Trip[] = [
      { fare_amount: 0, total_amount: 0 },
      { fare_amount: -0.01, total_amount: 1 },
      { trip_distance: 0, total_amount: 2 },
      { trip_distance: -1, total_amount: 3 },
      { trip_distance: null, total_amount: 4 },
      { fare_amount: null, total_amount: 5 },
    ];
    expect(await kept("silver-core", trips)).toEqual([1, 3]);
  });

  test("drops rows with a null pickup or dropoff", async () => {
    expect(await kept("silver-core", [at(null, "2024-01-10 10:00:00"), at("2024-01-10 10:00:00", null), {}])).toEqual([3]);
  });

  test("keeps one of exact duplicates: the latest ingested", async () => {
    const trips: Trip[] = [{ passenger_count: 1 }, { passenger_count: 2 }, { passenger_count: 3, fare_amount: 15 }];
    // 1 and 2 share the natural key (passenger_count is not part of it): the later one stays.
    expect(await kept("silver-core", trips)).toEqual([2, 3]);
  });

  test("writes the canonical trip_id and DECIMAL(10,2) money", async () => {
    await withDuck(async (duck) => {
      await eventsTable(duck, [{ fare_amount: 14.2, total_amount: 22.199 }]);
      await new Oracle(duck, "silver-core").expect();
      const [row] = await duck.rows<{ trip_id: string; total_amount: string; pickup_date: string }>(`SELECT trip_id, total_amount, pickup_date FROM expected_silver`);
      expect(row).toEqual({
        trip_id: await duck.scalar<string>(`SELECT md5('2|2024-01-10 10:00:00|2024-01-10 10:15:00|161|237|14.20|22.20')`),
        total_amount: "22.20",
        pickup_date: "2024-01-10",
      });
    });
  });
});

describe("money", () => {
  test("rounds half away from zero on the decimal as written, in the columns and in trip_id", async () => {
    await withDuck(async (duck) => {
      const trips: Trip[] = [
        { fare_amount: 12.345, tip_amount: -12.345, total_amount: 1.005 },
        { fare_amount: 1.015, tip_amount: 1.025, total_amount: 2.675, passenger_count: 2, PULocationID: 1 },
      ];
      await eventsTable(duck, trips);
      await new Oracle(duck, "silver-core").expect();
      const rows = await duck.rows(`SELECT CAST(fare_amount AS VARCHAR) AS fare, CAST(tip_amount AS VARCHAR) AS tip, CAST(total_amount AS VARCHAR) AS total, trip_id FROM expected_silver ORDER BY passenger_count`);
      // A double cast straight to DECIMAL in DuckDB would give 1.00, 1.01, 1.02 and 2.67 here.
      expect(rows).toEqual([
        { fare: "12.35", tip: "-12.35", total: "1.01", trip_id: await duck.scalar<string>(`SELECT md5('2|2024-01-10 10:00:00|2024-01-10 10:15:00|161|237|12.35|1.01')`) },
        { fare: "1.02", tip: "1.03", total: "2.68", trip_id: await duck.scalar<string>(`SELECT md5('2|2024-01-10 10:00:00|2024-01-10 10:15:00|1|237|1.02|2.68')`) },
      ]);
    });
  });
});

describe("silver-metrics", () => {
  const lasting = (seconds: number, distance = 0.1): Trip => {
    const end = new Date(Date.UTC(2024, 0, 10, 10, 0, 0) + seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
    return { tpep_pickup_datetime: "2024-01-10 10:00:00", tpep_dropoff_datetime: end, trip_distance: distance, total_amount: seconds };
  };

  test("keeps durations of 1 to 720 minutes after rounding half away from zero", async () => {
    const trips = [lasting(0), lasting(29), lasting(30), lasting(60), lasting(720 * 60), lasting(720 * 60 + 29), lasting(720 * 60 + 30), lasting(721 * 60)];
    // 0 min, 0.48→0, 0.5→1, 1, 720, 720.48→720, 720.5→721, 721
    expect(await kept("silver-metrics", trips)).toEqual([3, 4, 5, 6]);
  });

  test("drops speeds of 100 mph and more, keeps 99.99", async () => {
    // 10 minutes: 16.665 miles → 99.99 mph; 16.6667 → 100.00 mph; 20 → 120 mph
    expect(await kept("silver-metrics", [lasting(600, 16.665), lasting(600, 16.6667), lasting(600, 20)])).toEqual([1]);
  });

  test("does not deduplicate", async () => {
    expect(await kept("silver-metrics", [{}, {}])).toEqual([1, 1, 2, 2]);
  });

  test("derives day name, weekend flag and hour", async () => {
    await withDuck(async (duck) => {
      await eventsTable(duck, [at("2024-01-06 23:30:00", "2024-01-07 00:10:00"), at("2024-01-08 07:00:00", "2024-01-08 07:20:00")]);
      await new Oracle(duck, "silver-metrics").expect();
      const rows = await duck.rows(`SELECT pickup_day_of_week, is_weekend, pickup_hour, trip_duration_minutes FROM expected_silver ORDER BY pickup_datetime`);
      expect(rows).toEqual([
        { pickup_day_of_week: "Saturday", is_weekend: true, pickup_hour: 23, trip_duration_minutes: "40" },
        { pickup_day_of_week: "Monday", is_weekend: false, pickup_hour: 7, trip_duration_minutes: "20" },
      ]);
    });
  });
});

describe("silver-lite", () => {
  test("keeps rows by distance and fare only, whatever their dates, without dedup", async () => {
    const trips: Trip[] = [at("2002-12-31 22:59:39", "2002-12-31 23:10:00"), at(null, null), { fare_amount: -1 }, { trip_distance: -0.1 }, {}];
    expect(await kept("silver-lite", trips)).toEqual([1, 2, 5]);
  });
});

describe("silver-cdc", () => {
  test("keeps current rows with a vendor, a distance and a fare", async () => {
    const trips: Trip[] = [{ VendorID: null }, { fare_amount: -2 }, { trip_distance: null }, at(null, null)];
    // a null timestamp is not a silver-cdc condition
    expect(await kept("silver-cdc", trips)).toEqual([4]);
  });

  test("identifies a row by the source key: two source rows holding the same trip are two silver rows", async () => {
    const trip = at("2024-01-05 10:00:00", "2024-01-05 10:20:00");
    const ids = await withDuck(async (duck) => {
      await eventsTable(duck, [trip, trip]);
      await duck.run(`CREATE TABLE source_trips AS SELECT event_seq AS id, * FROM events`);
      await new Oracle(duck, "silver-cdc").expect();
      return duck.rows<{ trip_id: string }>(`SELECT trip_id FROM expected_silver ORDER BY 1`);
    });
    expect(ids.map((r) => r.trip_id)).toEqual([md5("1"), md5("2")].sort());
  });
});
