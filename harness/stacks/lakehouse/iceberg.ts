// Reads Iceberg tables of a run through pyiceberg (the project's virtualenv) into parquet files the
// oracle's DuckDB can query: the committed snapshot as the catalog names it, never a file listing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lit } from "../../db/duck.js";
import type { TableSchema } from "../../oracle/silver-schema.js";
import { venvBin } from "../../paths.js";
import { exec, lastLine } from "../../runtime/exec.js";
import type { LakehouseStack } from "./stack.js";

/** Exports `table` (namespace.name) to `<dir>/<table>.parquet`; returns a DuckDB relation over it and the table's schema. */
export async function icebergTable(lake: Pick<LakehouseStack, "catalog" | "storage">, table: string, dir: string): Promise<{ relation: string; schema: TableSchema }> {
  const file = join(dir, `${table}.parquet`);
  const r = await exec(venvBin("python"), [join(import.meta.dirname, "iceberg_export.py"), `${table}=${file}`], {
    timeoutMs: 180_000,
    env: {
      ...process.env,
      ICEBERG_CATALOG_URI: lake.catalog.hostUri.replace(/^postgresql:/, "postgresql+psycopg2:"),
      S3_ENDPOINT: lake.storage.endpoint,
      S3_ACCESS_KEY: lake.storage.accessKey,
      S3_SECRET_KEY: lake.storage.secretKey,
    },
  });
  if (r.code !== 0) throw new Error(`reading ${table} through pyiceberg failed: ${lastLine(r)}`);
  return { relation: `read_parquet(${lit(file)})`, schema: JSON.parse(readFileSync(`${file}.schema.json`, "utf8")) as TableSchema };
}
