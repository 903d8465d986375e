// A thin handle on an in-process DuckDB: the oracle, the fixture loader and the comparisons share it.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export type Row = Record<string, unknown>;

export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** A database: in memory, or a file (read-only for a file another process wrote, e.g. dbt's gold). */
  static async open(path = ":memory:", { readOnly = false } = {}): Promise<Duck> {
    const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
    return new Duck(instance, await instance.connect());
  }

  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Rows as JSON-safe values: big integers and decimals as strings, timestamps as 'YYYY-MM-DD HH:MM:SS'. */
  async rows<T = Row>(sql: string): Promise<T[]> {
    return (await this.conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  }

  /** Rows as JS values: BIGINT as bigint, TIMESTAMP as Date (UTC), DECIMAL as number. */
  async values<T = Row>(sql: string): Promise<T[]> {
    return (await this.conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
  }

  async scalar<T = unknown>(sql: string): Promise<T> {
    const [row] = await this.rows<Row>(sql);
    return (row ? Object.values(row)[0] : undefined) as T;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** A SQL string literal. */
export const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * Runs `fn` with a DuckDB file written by another process (dbt-duckdb) attached read-only; `table`
 * names one of its tables (or null), and the file is detached after, so that dbt can write it again.
 */
async function withAttached<T>(duck: Duck, databasePath: string, fn: (table: (name: string) => Promise<string | null>) => Promise<T>): Promise<T> {
  await duck.run(`ATTACH ${lit(databasePath)} AS produced (READ_ONLY)`);
  try {
    return await fn(async (name) => {
      const [found] = await duck.rows<{ schema_name: string }>(`SELECT schema_name FROM duckdb_tables() WHERE database_name = 'produced' AND table_name = ${lit(name)} LIMIT 1`);
      return found ? `produced."${found.schema_name}"."${name}"` : null;
    });
  } finally {
    await duck.run(`DETACH produced`);
  }
}

/** Copies `table` of a DuckDB file written by another process into `duck` as `into`. */
export function copyTable(duck: Duck, databasePath: string, table: string, into: string): Promise<string> {
  return withAttached(duck, databasePath, async (find) => {
    const found = await find(table);
    if (!found) throw new Error(`table ${table} is not in ${databasePath}: whatever should have written it did not`);
    await duck.run(`CREATE OR REPLACE TABLE ${into} AS SELECT * FROM ${found}`);
    return into;
  });
}

/** Row counts of `tables` in a DuckDB file written by another process (0 for a table it lacks). */
export function countTables(duck: Duck, databasePath: string, tables: readonly string[]): Promise<Record<string, number>> {
  return withAttached(duck, databasePath, async (find) => {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const found = await find(table);
      counts[table] = found ? Number(await duck.scalar(`SELECT count(*) FROM ${found}`)) : 0;
    }
    return counts;
  });
}
