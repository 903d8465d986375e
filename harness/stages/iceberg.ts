// Reads Iceberg tables of a run through pyiceberg (the project's virtualenv) into parquet files the
// oracle's DuckDB can query.
import { join } from "node:path";
import type { StartedMinio } from "../components/minio.js";
import type { StartedPostgres } from "../components/postgres.js";
import { exec, lastLine } from "../runtime/exec.js";
import { cacheDir, projectRoot } from "../paths.js";

export interface Lakehouse {
  catalog: StartedPostgres;
  storage: StartedMinio;
}

/** Exports each table to `<dir>/<table>.parquet`; returns the file per table. */
export async function exportTables(lake: Lakehouse, tables: string[], dir: string): Promise<Record<string, string>> {
  const files = Object.fromEntries(tables.map((t) => [t, join(dir, `${t}.parquet`)]));
  const r = await exec(join(cacheDir(), "venv", "bin", "python"), [join(projectRoot(), "harness", "stages", "iceberg_export.py"), ...tables.map((t) => `${t}=${files[t]}`)], {
    timeoutMs: 180_000,
    env: {
      ...process.env,
      ICEBERG_CATALOG_URI: lake.catalog.hostUri.replace(/^postgresql:/, "postgresql+psycopg2:"),
      S3_ENDPOINT: lake.storage.endpoint,
      S3_ACCESS_KEY: lake.storage.accessKey,
      S3_SECRET_KEY: lake.storage.secretKey,
    },
  });
  if (r.code !== 0) throw new Error(`reading ${tables.join(", ")} through pyiceberg failed: ${lastLine(r)}`);
  return files;
}
