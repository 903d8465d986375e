// A thin handle on an in-process DuckDB: the oracle, the fixture loader and the comparisons share it.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export type Row = Record<string, unknown>;

export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(path = ":memory:"): Promise<Duck> {
    const instance = await DuckDBInstance.create(path);
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
