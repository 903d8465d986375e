// The batch oracle: applies a named silver rule-set to the run's events (or, for CDC, to the
// source table's final state) in DuckDB and compares any engine's silver rows with it, by count and
// by an order-independent content checksum; on a mismatch it names the first differing rows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Duck } from "../db/duck.js";
import type { RuleSet, SilverComparison, SilverRow } from "../model.js";
import { projectRoot } from "../paths.js";
import { canonicalSelect, METRICS_COLUMNS, rowText, SILVER_COLUMNS, type SilverKind } from "./silver-schema.js";

const SAMPLE_ROWS = 5;

export interface Expectation {
  ruleSet: RuleSet;
  rows: number;
  checksum: string;
}

/** A column a pipeline carries beyond its rule-set's (P20's fractional duration), with the oracle's SQL for it over `expected_silver`. */
export interface ExtraColumn {
  name: string;
  kind: SilverKind;
  oracle: string;
}

export type SilverColumns = ReadonlyArray<readonly [string, SilverKind]>;

export function silverColumns(ruleSet: RuleSet, extra: readonly ExtraColumn[] = []): SilverColumns {
  const columns = ruleSet === "silver-metrics" ? [...SILVER_COLUMNS, ...METRICS_COLUMNS] : SILVER_COLUMNS;
  return [...columns, ...extra.map(({ name, kind }) => [name, kind] as const)];
}

const sqlFile = (name: string) => readFileSync(join(projectRoot(), "harness", "oracle", "rulesets", `${name}.sql`), "utf8");

export class Oracle {
  private expectation: Expectation | null = null;

  private readonly columns: SilverColumns;

  constructor(
    private readonly duck: Duck,
    readonly ruleSet: RuleSet,
    private readonly extra: readonly ExtraColumn[] = [],
  ) {
    this.columns = silverColumns(ruleSet, extra);
  }

  /** Computes the expected silver rows into the table `expected_silver`. */
  async expect(): Promise<Expectation> {
    await this.duck.run(sqlFile("to_silver"));
    await this.duck.run(sqlFile(this.ruleSet));
    for (const { name, oracle } of this.extra) await this.duck.run(`CREATE OR REPLACE TABLE expected_silver AS SELECT *, ${oracle} AS "${name}" FROM expected_silver`);
    await this.duck.run(`CREATE OR REPLACE TABLE expected_canonical AS SELECT ${canonicalSelect(this.columns)} FROM expected_silver`);
    this.expectation = { ruleSet: this.ruleSet, ...(await this.summary("expected_canonical")) };
    return this.expectation;
  }

  /**
   * The trips dbt's gold keeps (fct_trips), from the expected silver by pipelines.md §4's rules for
   * int_trip_metrics — timestamps present, whole minutes (DuckDB's datediff) 1..720, speed null or
   * under 100 mph — into the table `expected_gold_trips`: the reference of the standard queries on gold.
   */
  async goldTrips(): Promise<string> {
    if (!this.expectation) await this.expect();
    await this.duck.run(sqlFile("gold_trips"));
    return "expected_gold_trips";
  }

  /**
   * Each event's trip_id as silver carries it, as a relation (event_seq, trip_id): the md5 of the
   * natural key, or for silver-cdc of the source row's id (its event_seq). After expect().
   */
  eventTripIds(): string {
    return this.ruleSet === "silver-cdc"
      ? "(SELECT event_seq, md5(CAST(event_seq AS VARCHAR)) AS trip_id FROM events)"
      : "(SELECT event_seq, md5(trip_key) AS trip_id FROM keyed_events())";
  }

  /** Compares the rows of `actualRelation` (a table name or a parenthesised query with the silver columns). */
  async compare(actualRelation: string): Promise<SilverComparison> {
    const expected = this.expectation ?? (await this.expect());
    await this.duck.run(`CREATE OR REPLACE TABLE actual_canonical AS SELECT ${canonicalSelect(this.columns)} FROM ${actualRelation}`);
    const actual = await this.summary("actual_canonical");
    const equal = actual.rows === expected.rows && actual.checksum === expected.checksum;
    const diff = (a: string, b: string) =>
      equal ? Promise.resolve([]) : this.duck.rows<SilverRow>(`SELECT * FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) ORDER BY ALL LIMIT ${SAMPLE_ROWS}`);
    return {
      ruleSet: this.ruleSet,
      expectedRows: expected.rows,
      actualRows: actual.rows,
      expectedChecksum: expected.checksum,
      actualChecksum: actual.checksum,
      equal,
      missing: await diff("expected_canonical", "actual_canonical"),
      unexpected: await diff("actual_canonical", "expected_canonical"),
    };
  }

  private async summary(table: string): Promise<{ rows: number; checksum: string }> {
    const columns = this.columns;
    // Sum of 60-bit prefixes of each row's md5: independent of row order, sensitive to duplicates.
    const [row] = await this.duck.rows<{ n: string; s: string | null }>(
      `SELECT count(*) AS n, CAST(sum(CAST(('0x' || left(md5(${rowText(columns)}), 15)) AS BIGINT)::HUGEINT) AS VARCHAR) AS s FROM ${table}`,
    );
    return { rows: Number(row!.n), checksum: row!.s ?? "0" };
  }
}
