// The schema check: each rule broken once must be named.
import { describe, expect, test } from "vitest";
import { LAKE_LAYOUT, schemaProblems, SILVER_COLUMNS, type TableSchema } from "../../harness/oracle/silver-schema.js";

const TYPES: Record<string, string> = { text: "string", int: "int", double: "double", money: "decimal(10, 2)", timestamp: "timestamp", date: "date" };
const iceberg = (): TableSchema => ({ columns: SILVER_COLUMNS.map(([name, kind]) => [name, TYPES[kind]!]), partitionBy: ["pickup_date:identity"], formatVersion: 2 });

describe("silver schema", () => {
  test("the §3 table passes, in Iceberg's and DuckDB's spelling", () => {
    expect(schemaProblems(SILVER_COLUMNS, iceberg(), LAKE_LAYOUT)).toEqual([]);
    const duck: TableSchema = { columns: SILVER_COLUMNS.map(([name, kind]) => [name, ({ text: "VARCHAR", int: "INTEGER", double: "DOUBLE", money: "DECIMAL(10,2)", timestamp: "TIMESTAMP", date: "DATE" } as Record<string, string>)[kind]!]) };
    expect(schemaProblems(SILVER_COLUMNS, duck)).toEqual([]);
  });

  test("money as DOUBLE, a zoned timestamp, a missing and an extra column are each named", () => {
    const t = iceberg();
    t.columns = t.columns.map(([n, ty]): [string, string] => (n === "fare_amount" ? [n, "double"] : n === "pickup_datetime" ? [n, "timestamptz"] : [n, ty])).filter(([n]) => n !== "airport_fee");
    t.columns.push(["fare", "double"]);
    expect(schemaProblems(SILVER_COLUMNS, t, LAKE_LAYOUT)).toEqual([
      "column pickup_datetime is timestamptz, expected timestamp",
      "column fare_amount is double, expected decimal(10,2)",
      "column airport_fee is missing (expected decimal(10,2))",
      "column fare (double) is not a silver column",
    ]);
  });

  test("an unpartitioned v1 table is named", () => {
    expect(schemaProblems(SILVER_COLUMNS, { ...iceberg(), partitionBy: [], formatVersion: 1 }, LAKE_LAYOUT)).toEqual([
      "partitioned by [], expected [pickup_date:identity]",
      "format version 1, expected 2",
    ]);
  });

  test("a format without zone-less timestamps (Hudi) may store them zoned, and only where its layout says so", () => {
    const hudi = { ...iceberg(), columns: iceberg().columns.map(([n, ty]): [string, string] => (ty === "timestamp" ? [n, "timestamptz"] : [n, ty])), partitionBy: [], formatVersion: 6 };
    expect(schemaProblems(SILVER_COLUMNS, hudi, { partitionBy: [], formatVersion: 6, utcTimestamps: true })).toEqual([]);
    expect(schemaProblems(SILVER_COLUMNS, hudi, { partitionBy: [], formatVersion: 6 })).toEqual([
      "column pickup_datetime is timestamptz, expected timestamp",
      "column dropoff_datetime is timestamptz, expected timestamp",
    ]);
  });

  test("a layout without a format version checks partitions only (Delta)", () => {
    expect(schemaProblems(SILVER_COLUMNS, { ...iceberg(), formatVersion: 3 }, { partitionBy: ["pickup_date:identity"] })).toEqual([]);
  });
});
