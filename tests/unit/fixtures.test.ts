import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { lit } from "../../harness/db/duck.js";
import { eventCount, loadEvents, toWire, wireEvents } from "../../harness/fixtures/events.js";
import { inspectFixture } from "../../harness/fixtures/tlc.js";
import { InputError } from "../../harness/errors.js";
import { eventsTable, withDuck, type Trip } from "./trips.js";

const dir = mkdtempSync(join(tmpdir(), "harness-fixtures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes hand-made trips as a file; `select` reshapes the columns to make a broken file. */
async function fixtureFile(name: string, trips: Trip[], select = "* EXCLUDE (event_seq)"): Promise<string> {
  const path = join(dir, name);
  await withDuck(async (duck) => {
    await eventsTable(duck, trips);
    const format = name.endsWith(".csv") ? "csv, header true" : "parquet";
    await duck.run(`COPY (SELECT ${select} FROM events ORDER BY event_seq) TO ${lit(path)} (FORMAT ${format})`);
  });
  return path;
}

const inspect = (path: string) => withDuck((duck) => inspectFixture(duck, path));

describe("fixture checks", () => {
  test("accepts a TLC parquet and a TLC csv", async () => {
    expect((await inspect(await fixtureFile("ok.parquet", [{}, {}]))).fileRows).toBe(2);
    expect((await inspect(await fixtureFile("ok.csv", [{}, { passenger_count: null }]))).format).toBe("csv");
  });

  test("rejects a missing path, naming it", async () => {
    await expect(inspect(join(dir, "nope.parquet"))).rejects.toThrow(/nope\.parquet does not exist: set HARNESS_FIXTURE/);
  });

  test("rejects a file with a missing column", async () => {
    const path = await fixtureFile("missing.parquet", [{}], "* EXCLUDE (event_seq, Airport_fee)");
    await expect(inspect(path)).rejects.toThrow(/missing column\(s\) Airport_fee/);
  });

  test("rejects a file with an extra column", async () => {
    const path = await fixtureFile("extra.parquet", [{}], "*");
    await expect(inspect(path)).rejects.toThrow(/unexpected column\(s\) event_seq/);
  });

  test("rejects a wrong column type in parquet and in csv", async () => {
    const parquet = await fixtureFile("type.parquet", [{}], "* EXCLUDE (event_seq, fare_amount), 'x' AS fare_amount");
    await expect(inspect(parquet)).rejects.toThrow(/column fare_amount is VARCHAR, expected double/);
    const csv = await fixtureFile("type.csv", [{}], "* EXCLUDE (event_seq, VendorID), '2.5' AS VendorID");
    await expect(inspect(csv)).rejects.toThrow(/column VendorID holds "2.5", which is not an integer/);
  });

  test("judges the month by where most pickups fall", async () => {
    const march = { tpep_pickup_datetime: "2024-03-02 10:00:00", tpep_dropoff_datetime: "2024-03-02 10:20:00" };
    await expect(inspect(await fixtureFile("march.parquet", [march, march, {}]))).rejects.toThrow(/not January 2024 \(most pickups fall in 2024-03\)/);
    // a stray pickup from another month is data for the silver rules, not an error
    expect((await inspect(await fixtureFile("stray.parquet", [march, {}, {}]))).fileRows).toBe(3);
  });

  test("rejects an unreadable file", async () => {
    const path = join(dir, "broken.parquet");
    writeFileSync(path, "PAR1 not really");
    await expect(inspect(path)).rejects.toBeInstanceOf(InputError);
  });
});

describe("event count", () => {
  test("defaults to 10,000 and accepts a positive integer up to the file size", () => {
    expect(eventCount({}, 30_000)).toBe(10_000);
    expect(eventCount({}, 500)).toBe(500);
    expect(eventCount({ HARNESS_EVENTS: "30000" }, 30_000)).toBe(30_000);
  });

  test.each(["0", "-5", "1.5", "abc", "1e4"])("rejects HARNESS_EVENTS=%s", (raw) => {
    expect(() => eventCount({ HARNESS_EVENTS: raw }, 30_000)).toThrow(/is not a positive integer/);
  });

  test("rejects more events than the file holds", () => {
    expect(() => eventCount({ HARNESS_EVENTS: "30001" }, 30_000)).toThrow(/exceeds the 30000 rows/);
  });
});

describe("events", () => {
  test("are the first N rows in file order", async () => {
    const path = await fixtureFile("order.parquet", [1, 2, 3, 4].map((i) => ({ PULocationID: i })));
    await withDuck(async (duck) => {
      const fixture = await inspectFixture(duck, path);
      await loadEvents(duck, fixture, 3);
      expect((await wireEvents(duck)).map((e) => e.key)).toEqual(["1", "2", "3"]);
    });
  });

  test("are encoded as pipelines.md §1 says", () => {
    const wire = toWire({
      VendorID: 2,
      tpep_pickup_datetime: new Date(Date.UTC(2024, 0, 1, 0, 57, 55)),
      tpep_dropoff_datetime: new Date(Date.UTC(2024, 0, 1, 1, 17, 43)),
      passenger_count: 1n,
      trip_distance: 1.72,
      RatecodeID: null,
      store_and_fwd_flag: "N",
      PULocationID: 186,
      DOLocationID: 79,
      payment_type: 2n,
      fare_amount: 17.7,
      extra: 1,
      mta_tax: 0.5,
      tip_amount: 0,
      tolls_amount: 0,
      improvement_surcharge: 1,
      total_amount: 22.7,
      congestion_surcharge: 2.5,
      Airport_fee: 0,
    });
    expect(wire.key).toBe("186");
    expect(wire.value).toBe(
      '{"VendorID":2,"tpep_pickup_datetime":"2024-01-01T00:57:55","tpep_dropoff_datetime":"2024-01-01T01:17:43","passenger_count":1,"trip_distance":1.72,"RatecodeID":null,"store_and_fwd_flag":"N","PULocationID":186,"DOLocationID":79,"payment_type":2,"fare_amount":17.7,"extra":1,"mta_tax":0.5,"tip_amount":0,"tolls_amount":0,"improvement_surcharge":1,"total_amount":22.7,"congestion_surcharge":2.5,"Airport_fee":0}',
    );
  });
});
