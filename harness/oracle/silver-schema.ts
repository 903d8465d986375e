// The silver columns of pipelines.md §3 and how each is written as canonical text, so that rows
// from any engine (Flink via Iceberg, dbt in DuckDB, …) compare and checksum alike.

export type SilverKind = "text" | "int" | "double" | "money" | "timestamp" | "date" | "bool";

export const SILVER_COLUMNS: ReadonlyArray<readonly [string, SilverKind]> = [
  ["trip_id", "text"],
  ["vendor_id", "int"],
  ["rate_code_id", "int"],
  ["pickup_location_id", "int"],
  ["dropoff_location_id", "int"],
  ["payment_type_id", "int"],
  ["passenger_count", "int"],
  ["pickup_datetime", "timestamp"],
  ["dropoff_datetime", "timestamp"],
  ["trip_distance_miles", "double"],
  ["store_and_fwd_flag", "text"],
  ["fare_amount", "money"],
  ["extra_amount", "money"],
  ["mta_tax", "money"],
  ["tip_amount", "money"],
  ["tolls_amount", "money"],
  ["improvement_surcharge", "money"],
  ["total_amount", "money"],
  ["congestion_surcharge", "money"],
  ["airport_fee", "money"],
  ["pickup_date", "date"],
];

/** Columns the streaming-SQL engines carry in addition (silver-metrics). */
export const METRICS_COLUMNS: ReadonlyArray<readonly [string, SilverKind]> = [
  ["trip_duration_minutes", "int"],
  ["avg_speed_mph", "money"],
  ["cost_per_mile", "money"],
  ["tip_percentage", "money"],
  ["pickup_hour", "int"],
  ["pickup_day_of_week", "text"],
  ["is_weekend", "bool"],
];

const CANONICAL: Record<SilverKind, (col: string) => string> = {
  text: (c) => `CAST(${c} AS VARCHAR)`,
  int: (c) => `CAST(CAST(${c} AS BIGINT) AS VARCHAR)`,
  double: (c) => `printf('%.6f', CAST(${c} AS DOUBLE))`,
  money: (c) => `CAST(CAST(${c} AS DECIMAL(10,2)) AS VARCHAR)`,
  timestamp: (c) => `strftime(CAST(${c} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%g')`,
  date: (c) => `CAST(CAST(${c} AS DATE) AS VARCHAR)`,
  bool: (c) => `CAST(CAST(${c} AS BOOLEAN) AS VARCHAR)`,
};

/** A SELECT list turning each column into its canonical text (nulls stay null). */
export function canonicalSelect(columns: ReadonlyArray<readonly [string, SilverKind]>): string {
  return columns.map(([name, kind]) => `${CANONICAL[kind](`"${name}"`)} AS "${name}"`).join(", ");
}

/** One text per row: the canonical values joined, nulls marked, for an order-independent checksum. */
export function rowText(columns: ReadonlyArray<readonly [string, SilverKind]>): string {
  return `concat_ws('|', ${columns.map(([name]) => `coalesce("${name}", '\\N')`).join(", ")})`;
}
