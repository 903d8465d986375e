// Silver as JSON messages (one object per line in a file), as the oracle compares it: DuckDB table
// `table` (one JSON value per message), the relation of the silver fields as text (the oracle's
// canonical form casts them), and the schema the messages show — each field's JSON type.
import type { Duck } from "../../db/duck.js";
import { lit } from "../../db/duck.js";
import type { SilverColumns } from "../../oracle/oracle.js";
import { jsonTypeLabel } from "../../oracle/silver-schema.js";
import type { Silver } from "../../pipeline.js";

export async function jsonSilver(duck: Duck, file: string, table: string, columns: SilverColumns): Promise<Silver> {
  await duck.run(`CREATE OR REPLACE TABLE ${table} AS SELECT json FROM read_json_objects(${lit(file)}, format = 'newline_delimited')`);
  const fields = await duck.rows<{ name: string; types: string[]; timestamps: boolean | null; dates: boolean | null; cents: boolean | null }>(`
    WITH f AS (SELECT k AS name, json -> k AS v, json_type(json -> k) AS t FROM ${table}, unnest(json_keys(json)) AS u(k))
    SELECT name,
      list_distinct(list(t) FILTER (WHERE t <> 'NULL')) AS types,
      bool_and(regexp_full_match(v ->> '$', '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}')) FILTER (WHERE t = 'VARCHAR') AS timestamps,
      bool_and(regexp_full_match(v ->> '$', '\\d{4}-\\d{2}-\\d{2}')) FILTER (WHERE t = 'VARCHAR') AS dates,
      bool_and(regexp_full_match(CAST(v AS VARCHAR), '-?\\d+(\\.\\d{1,2})?')) FILTER (WHERE t = 'DOUBLE') AS cents
    FROM f GROUP BY name ORDER BY name`);
  const schema = fields.map((f) => [f.name, jsonTypeLabel({ types: f.types, timestamps: !!f.timestamps, dates: !!f.dates, cents: !!f.cents })] as [string, string]);
  const select = columns.map(([name]) => `json ->> ${lit(name)} AS "${name}"`).join(", ");
  return { relation: `(SELECT ${select} FROM ${table})`, schema: { columns: schema, json: true } };
}
