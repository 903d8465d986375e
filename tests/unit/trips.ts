// Hand-made TLC rows for unit tests: a valid trip by default, each test overrides what it probes.
import { Duck } from "../../harness/db/duck.js";
import { TLC_COLUMNS } from "../../harness/fixtures/schema.js";

export type Trip = Record<string, string | number | null>;

export const baseTrip: Trip = {
  VendorID: 2,
  tpep_pickup_datetime: "2024-01-10 10:00:00",
  tpep_dropoff_datetime: "2024-01-10 10:15:00",
  passenger_count: 1,
  trip_distance: 2.5,
  RatecodeID: 1,
  store_and_fwd_flag: "N",
  PULocationID: 161,
  DOLocationID: 237,
  payment_type: 1,
  fare_amount: 14.2,
  extra: 1,
  mta_tax: 0.5,
  tip_amount: 3,
  tolls_amount: 0,
  improvement_surcharge: 1,
  total_amount: 22.2,
  congestion_surcharge: 2.5,
  Airport_fee: 0,
};

const sqlValue = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);

/** Loads the trips (in order: event_seq 1..n) as the `events` table. */
export async function eventsTable(duck: Duck, trips: Trip[], table = "events"): Promise<void> {
  const cols = TLC_COLUMNS.map((c) => `CAST(${"$"}{v} AS ${c.sqlType}) AS "${c.name}"`);
  const selects = trips.map((overrides, i) => {
    const t = { ...baseTrip, ...overrides };
    return `SELECT ${TLC_COLUMNS.map((c, j) => cols[j]!.replace("${v}", sqlValue(t[c.name] ?? null))).join(", ")}, CAST(${i + 1} AS BIGINT) AS event_seq`;
  });
  await duck.run(`CREATE OR REPLACE TABLE ${table} AS ${selects.join(" UNION ALL ")}`);
}

export async function withDuck<T>(fn: (duck: Duck) => Promise<T>): Promise<T> {
  const duck = await Duck.open();
  try {
    return await fn(duck);
  } finally {
    duck.close();
  }
}
