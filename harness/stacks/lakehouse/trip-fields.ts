// The TLC fields of a JSON message, checked and parsed in Flink SQL, for every bronze job of the
// lakehouse stack: P01's flat events and P12's after-images share one definition. A field of the
// wrong JSON type, an integer that overflows its column, a number beyond 1e9, a timestamp that is
// not a calendar time: each gives a reason naming the field and the problem. Conversions are
// TRY_CAST and TO_TIMESTAMP, which give NULL instead of throwing, so no message can fail the job.
// Fields are read from the columns of `LATERAL TABLE(json_fields(value, ${trip.paths}))` (the image's
// function: one JSON parse per message, where JSON_VALUE parses at every call).
import type { TimestampEncoding } from "../../fixtures/poison.js";
import { TLC_COLUMNS, type TlcKind } from "../../fixtures/schema.js";

export interface TripMessage {
  /** The JSON path of the object holding the 19 TLC fields: `$` (a flat event) or `$.after` (a change event). */
  root: "$" | `$.${string}`;
  timestamps: TimestampEncoding;
}

const ISO = "'yyyy-MM-dd''T''HH:mm:ss'";
/** 9999-12-31T23:59:59.999999 in epoch microseconds: later values are no calendar time. */
const MAX_MICROS = "253402300799999999";
/** The JSON types (json_fields' names) each kind accepts besides null, and what the reason calls it. */
const JSON_TYPE: Record<TlcKind | "micros", [string[], string]> = {
  int: [["integer"], "an integer"],
  micros: [["integer"], "a timestamp"],
  double: [["integer", "number"], "a number"],
  string: [["string"], "a string"],
  timestamp: [["string"], "a timestamp"],
};
/** An ISO timestamp as the events carry it, to the second. */
const ISO_TEXT = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$";
const FLINK_TYPE: Record<string, string> = { INTEGER: "INT", BIGINT: "BIGINT", DOUBLE: "DOUBLE" };

/** A JSON field's type and text: the columns json_fields gives for `path` (dotted, e.g. `after.fare_amount`). */
const column = (path: string) => path.replaceAll(".", "_");
export const jsonType = (path: string) => `t_${column(path)}`;
export const jsonText = (path: string) => `v_${column(path)}`;

function fields(message: TripMessage) {
  const prefix = message.root === "$" ? "" : `${message.root.slice(2)}.`;
  return TLC_COLUMNS.map((c) => {
    const kind: TlcKind | "micros" = c.kind === "timestamp" && message.timestamps === "epoch-micros" ? "micros" : c.kind;
    const label = `${prefix}${c.name}`;
    return { ...c, kind, label, type: jsonType(label), text: jsonText(label) };
  });
}

/** The fields' paths as json_fields' arguments (its columns t_<path> and v_<path>). */
export function tripPaths(message: TripMessage): string {
  return fields(message)
    .map((f) => `'${f.label}'`)
    .join(", ");
}

/** `WHEN … THEN '<reason>'` lines for a CASE over `value`: every field's JSON type first, then every value's range. */
export function tripChecks(message: TripMessage): string {
  const all = fields(message);
  const types = all.map((f) => {
    const [accepted, what] = JSON_TYPE[f.kind];
    const ok = `COALESCE(${f.type}, 'null') IN (${["null", ...accepted].map((t) => `'${t}'`).join(", ")})`;
    const shape = f.kind === "timestamp" ? ` AND (${f.text} IS NULL OR REGEXP(${f.text}, '${ISO_TEXT}'))` : "";
    return `WHEN NOT (${ok}${shape}) THEN '${f.label} is not ${what}'`;
  });
  const ranges = all.flatMap((f) => {
    switch (f.kind) {
      case "int":
        return [`WHEN TRY_CAST(COALESCE(${f.text}, '0') AS ${FLINK_TYPE[f.sqlType]}) IS NULL THEN '${f.label} is out of range for ${FLINK_TYPE[f.sqlType]}'`];
      case "double":
        return [`WHEN NOT (ABS(TRY_CAST(COALESCE(${f.text}, '0') AS DOUBLE)) <= 1e9) THEN '${f.label} is out of range (|x| > 1e9)'`];
      case "timestamp":
        return [`WHEN DATE_FORMAT(TO_TIMESTAMP(${f.text}, ${ISO}), ${ISO}) IS DISTINCT FROM ${f.text} THEN '${f.label} is not a calendar date and time'`];
      case "micros":
        return [
          `WHEN CAST(TRY_CAST(${f.text} AS BIGINT) AS STRING) IS DISTINCT FROM ${f.text} OR ABS(TRY_CAST(${f.text} AS BIGINT)) > ${MAX_MICROS} THEN '${f.label} is out of range for a timestamp'`,
        ];
      case "string":
        return [];
    }
  });
  return [...types, ...ranges].join("\n    ");
}

/** The 19 parsed values, in TLC order and types (timestamps TIMESTAMP(3)) under their TLC names, for rows the checks passed. */
export function tripValues(message: TripMessage): string {
  return fields(message)
    .map((f) => `${value(f)} AS \`${f.name}\``)
    .join(",\n  ");
}

function value(f: ReturnType<typeof fields>[number]): string {
  switch (f.kind) {
    case "int":
    case "double":
      return `TRY_CAST(${f.text} AS ${FLINK_TYPE[f.sqlType]})`;
    case "timestamp":
      return `TO_TIMESTAMP(${f.text}, ${ISO})`;
    case "micros":
      // the wall-clock time read as UTC (the session's zone) back to TIMESTAMP(3)
      return `CAST(TO_TIMESTAMP_LTZ(TRY_CAST(${f.text} AS BIGINT) / 1000, 3) AS TIMESTAMP(3))`;
    case "string":
      return f.text;
  }
}
