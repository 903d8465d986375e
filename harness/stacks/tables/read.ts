// Reads a run's lakehouse tables (Iceberg, Delta, Hudi) through each format's own reader in the
// project's virtualenv (export.py) into parquet files the oracle's DuckDB can query: the committed
// snapshot as the format's metadata names it, never a file listing.
import { readFileSync } from "node:fs";
import { text } from "node:stream/consumers";
import { join } from "node:path";
import type { StartedMinioContainer } from "../../components/minio.js";
import type { StartedPostgresContainer } from "../../components/postgres.js";
import { lit } from "../../db/duck.js";
import type { TableSchema } from "../../oracle/silver-schema.js";
import { venvBin } from "../../paths.js";
import { exec, lastLine } from "../../runtime/exec.js";

export type TableFormat = "iceberg" | "delta" | "hudi";

/** A table: an Iceberg table by its catalog name (namespace.table), a Delta or Hudi table by its S3 URI. */
export interface TableRef {
  format: TableFormat;
  name: string;
}

/** Where the tables live: the object store, and the Iceberg catalog where a stack has one. */
export interface TableStore {
  storage: StartedMinioContainer;
  catalog?: StartedPostgresContainer;
}

export const describeTable = (t: TableRef) => `${t.format}:${t.name}`;

/**
 * The settings the readers take (export.py here, dbt's lakehouse sources in the dbt container), for a
 * reader on the host or on the run's network: the catalog's SQLAlchemy URI and the object store.
 */
export function readerEnvironment({ storage, catalog }: TableStore, where: "host" | "network"): Record<string, string> {
  const port = 5432;
  const uri = !catalog
    ? ""
    : where === "host"
      ? catalog.hostUri
      : `postgresql://${catalog.user}:${encodeURIComponent(catalog.password)}@${catalog.alias}:${port}/${catalog.database}`;
  return {
    ICEBERG_CATALOG_URI: uri.replace(/^postgresql:/, "postgresql+psycopg2:"),
    S3_ENDPOINT: where === "host" ? storage.endpoint : storage.internalEndpoint,
    S3_ACCESS_KEY: storage.accessKey,
    S3_SECRET_KEY: storage.secretKey,
  };
}

/** The rows every parquet data file under `location` (s3://…) holds, whatever version it belongs to. */
export async function dataFileRows(store: TableStore, location: string): Promise<{ rows: number; files: number }> {
  const r = await exec(venvBin("python"), [join(import.meta.dirname, "export.py"), "--files", location], {
    timeoutMs: 180_000,
    env: { ...process.env, ...readerEnvironment(store, "host") },
  });
  if (r.code !== 0) throw new Error(`counting the rows of the data files under ${location} failed: ${lastLine(r)}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as { rows: number; files: number };
}

/** Exports `table` to a parquet file in `dir`; returns the file, a DuckDB relation over it and the table's schema. */
export async function readTable(store: TableStore, table: TableRef, dir: string): Promise<{ file: string; relation: string; schema: TableSchema }> {
  const file = join(dir, `${table.format}-${table.name.replace(/[^A-Za-z0-9_.-]+/g, "_")}.parquet`);
  const r = await exec(venvBin("python"), [join(import.meta.dirname, "export.py"), `${describeTable(table)}=${file}`], {
    timeoutMs: 180_000,
    env: { ...process.env, ...readerEnvironment(store, "host") },
  });
  if (r.code !== 0) throw new Error(`reading ${describeTable(table)} through its ${table.format} reader failed: ${lastLine(r)}`);
  return { file, relation: `read_parquet(${lit(file)})`, schema: JSON.parse(readFileSync(`${file}.schema.json`, "utf8")) as TableSchema };
}

/**
 * The values of `column` in the data files each snapshot of an Iceberg table added, with the
 * snapshot's commit time: a DuckDB relation (value, snapshot_id, committed_ms).
 */
export async function addedRows(store: TableStore, name: string, column: string, dir: string): Promise<string> {
  const file = join(dir, `added-${name.replace(/[^A-Za-z0-9_.-]+/g, "_")}.parquet`);
  const r = await exec(venvBin("python"), [join(import.meta.dirname, "export.py"), "--added", `iceberg:${name}`, column, file], {
    timeoutMs: 180_000,
    env: { ...process.env, ...readerEnvironment(store, "host") },
  });
  if (r.code !== 0) throw new Error(`reading the snapshots of iceberg:${name} failed: ${lastLine(r)}`);
  return `read_parquet(${lit(file)})`;
}

/** An Iceberg table's current snapshot as its metadata file states it (no data read). */
export interface IcebergSnapshot {
  snapshotId: string;
  committedMs: number;
  /** The snapshot summary's running totals (total-records, total-data-files, total-equality-deletes …). */
  totals: Record<string, number>;
}

/**
 * The current snapshot of an Iceberg table, through the JDBC catalog's row and the metadata file
 * it points to: cheap enough to poll while engines write (null while the table has none).
 */
export async function icebergSnapshot(store: Required<TableStore>, name: string): Promise<IcebergSnapshot | null> {
  const [namespace, table] = name.split(".");
  const client = await store.catalog.client();
  let location: string | undefined;
  try {
    const r = await client.query("SELECT metadata_location FROM iceberg_tables WHERE table_namespace = $1 AND table_name = $2", [namespace, table]);
    location = r.rows[0]?.metadata_location as string | undefined;
  } finally {
    await client.end();
  }
  if (!location) return null;
  const [, bucket, key] = /^s3a?:\/\/([^/]+)\/(.+)$/.exec(location) ?? [];
  const metadata = JSON.parse(await text(await store.storage.client().getObject(bucket!, key!))) as {
    "current-snapshot-id"?: number | string;
    snapshots?: Array<{ "snapshot-id": number | string; "timestamp-ms": number; summary?: Record<string, string> }>;
  };
  const current = metadata.snapshots?.find((s) => String(s["snapshot-id"]) === String(metadata["current-snapshot-id"]));
  if (!current) return null;
  const totals = Object.fromEntries(Object.entries(current.summary ?? {}).filter(([k]) => k.startsWith("total-")).map(([k, v]) => [k, Number(v)]));
  return { snapshotId: String(current["snapshot-id"]), committedMs: current["timestamp-ms"], totals };
}
