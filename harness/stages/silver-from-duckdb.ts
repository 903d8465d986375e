// Reads a silver table out of a DuckDB database file written by another process (dbt-duckdb),
// so the oracle can compare it.
import { lit, type Duck } from "../db/duck.js";

export async function attachedTable(duck: Duck, databasePath: string, table: string): Promise<string> {
  await duck.run(`ATTACH IF NOT EXISTS ${lit(databasePath)} AS produced (READ_ONLY)`);
  const [found] = await duck.rows<{ schema_name: string }>(
    `SELECT schema_name FROM duckdb_tables() WHERE database_name = 'produced' AND table_name = ${lit(table)} LIMIT 1`,
  );
  if (!found) throw new Error(`table ${table} is not in ${databasePath}: the dbt model did not build`);
  return `produced."${found.schema_name}"."${table}"`;
}
