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

/** Each kind's column type as pipelines.md §3 states it (lower case, no spaces). */
const TYPE_OF: Record<SilverKind, string> = { text: "string", int: "int", double: "double", money: "decimal(10,2)", timestamp: "timestamp", date: "date", bool: "boolean" };

/** A silver table's shape as its own metadata states it (column types normalised by the reader). */
export interface TableSchema {
  columns: Array<[string, string]>;
  /** Partition fields as `column:transform` (table formats that partition). */
  partitionBy?: string[];
  formatVersion?: number;
  /** Columns the table format keeps for itself (Hudi's meta fields and precombine field), left out of `columns`. */
  bookkeeping?: string[];
  /** Silver as JSON messages (a topic): `columns` give each field's JSON type as jsonTypeLabel() names it. */
  json?: boolean;
}

/** What a table format's metadata must show beyond columns: partition fields, and a format version where it has one. */
export interface TableLayout {
  partitionBy: string[];
  formatVersion?: number;
  /**
   * The format has no timestamp without time zone (Hudi): timestamps are stored as the UTC instants of
   * their wall-clock times, so a zone-adjusted type ("timestamptz") stands for §3's TIMESTAMP.
   */
  utcTimestamps?: boolean;
}

/** What §3 asks of silver tables in Iceberg: v2, partitioned by pickup_date. */
export const LAKE_LAYOUT: TableLayout = { partitionBy: ["pickup_date:identity"], formatVersion: 2 };

/** Spelling differences of the same type across readers (Iceberg, DuckDB), folded to §3's names. */
export function normalType(type: string): string {
  const t = type.toLowerCase().replace(/\s+/g, "");
  const aliases: Record<string, string> = { varchar: "string", integer: "int", int32: "int", float64: "double", bool: "boolean" };
  return aliases[t] ?? t;
}

/**
 * The JSON types that write each kind (silver as a topic): a label of jsonTypeLabel(); "null" (a field
 * null in every message) fits any kind. Money must be a number with at most two decimals, timestamps
 * and dates strings of their ISO forms.
 */
const JSON_TYPES_OF: Record<SilverKind, string[]> = {
  text: ["string", "string(date)", "string(timestamp)"],
  int: ["integer"],
  double: ["number", "number(2 decimals)"],
  money: ["number(2 decimals)"],
  timestamp: ["string(timestamp)"],
  date: ["string(date)"],
  bool: ["boolean"],
};

/** What a field's values are in JSON, from DuckDB's json_type of each non-null value and what the values look like. */
export function jsonTypeLabel(f: { types: string[]; timestamps: boolean; dates: boolean; cents: boolean }): string {
  const types = [...new Set(f.types.map((t) => (t === "UBIGINT" ? "BIGINT" : t)))].sort();
  if (types.length === 0) return "null";
  if (types.length > 1) return types.map((t) => t.toLowerCase()).join("|");
  const [type] = types;
  if (type === "BIGINT") return "integer";
  if (type === "DOUBLE") return f.cents ? "number(2 decimals)" : "number";
  if (type === "VARCHAR") return f.timestamps ? "string(timestamp)" : f.dates ? "string(date)" : "string";
  return type!.toLowerCase();
}

/** Every way `actual` differs from silver's columns (names, order-free; types exact) and, where given, its layout. */
export function schemaProblems(columns: ReadonlyArray<readonly [string, SilverKind]>, actual: TableSchema, layout?: TableLayout): string[] {
  const got = new Map(actual.columns.map(([name, type]) => [name, normalType(type)]));
  const problems: string[] = [];
  for (const [name, kind] of columns) {
    if (actual.json) {
      const label = actual.columns.find(([n]) => n === name)?.[1];
      if (label === undefined) problems.push(`field ${name} is missing (expected ${JSON_TYPES_OF[kind][0]})`);
      else if (label !== "null" && !JSON_TYPES_OF[kind].includes(label)) problems.push(`field ${name} is ${label} in JSON, expected ${JSON_TYPES_OF[kind][0]}`);
      continue;
    }
    const stored = got.get(name);
    const type = stored === "timestamptz" && kind === "timestamp" && layout?.utcTimestamps ? "timestamp" : stored;
    if (type === undefined) problems.push(`column ${name} is missing (expected ${TYPE_OF[kind]})`);
    else if (type !== TYPE_OF[kind]) problems.push(`column ${name} is ${type}, expected ${TYPE_OF[kind]}`);
  }
  const known = new Set(columns.map(([name]) => name));
  problems.push(...actual.columns.filter(([name]) => !known.has(name)).map(([name, type]) => `column ${name} (${type}) is not a silver column`));
  if (layout) {
    const parts = actual.partitionBy ?? [];
    if (parts.join(",") !== layout.partitionBy.join(",")) problems.push(`partitioned by [${parts.join(", ")}], expected [${layout.partitionBy.join(", ")}]`);
    if (layout.formatVersion !== undefined && actual.formatVersion !== layout.formatVersion) problems.push(`format version ${actual.formatVersion ?? "unknown"}, expected ${layout.formatVersion}`);
  }
  return problems;
}
