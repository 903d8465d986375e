// Pinot as a serving engine: its cluster (harness/components/pinot.ts) beside the lakehouse, a
// REALTIME table consuming the pass's topic — its schema generated from the TLC columns, its table
// config the pipeline's file — and the pipeline's Pinot SQL dialect of the standard queries.
import { readFileSync } from "node:fs";
import { inStage, waitFor } from "../../components/container.js";
import { startPinotCluster, type PinotCluster } from "../../components/pinot.js";
import { TLC_COLUMNS } from "../../fixtures/schema.js";
import { EVENT_TRIPS, loadDialect, type QueryEngine } from "../../stages/standard-queries.js";
import { renderSql } from "../../stages/sql-script.js";
import type { ServingCounts, ServingEngine, StartedServingEngine } from "./stack.js";

export interface PinotFiles {
  /** The REALTIME table config (JSON) with ${table}, ${topic} and ${kafka.bootstrap}. */
  table: string;
  /** The standard queries in Pinot SQL (`-- Q1` … headers) with ${table}. */
  queries: string;
}

/** The table's time column: the pickup as epoch milliseconds, derived at ingestion (Pinot needs a time column). */
export const PINOT_TIME_COLUMN = "pickup_ts";

/**
 * Pinot's schema of the events, from the harness's TLC columns: identifiers and the flag as
 * dimensions, the doubles as metrics (summed), the two timestamps kept as their ISO text, and the
 * pickup as epoch milliseconds (the table's time column). Nulls stay nulls (column-based null
 * handling), so a group of unknown payment type is a null group as in SQL.
 */
export function pinotSchema(table: string): Record<string, unknown> {
  const type = { int: "INT", double: "DOUBLE", string: "STRING", timestamp: "STRING" } as const;
  return {
    schemaName: table,
    enableColumnBasedNullHandling: true,
    dimensionFieldSpecs: TLC_COLUMNS.filter((c) => c.kind !== "double").map((c) => ({ name: c.name, dataType: type[c.kind] })),
    metricFieldSpecs: TLC_COLUMNS.filter((c) => c.kind === "double").map((c) => ({ name: c.name, dataType: "DOUBLE" })),
    dateTimeFieldSpecs: [{ name: PINOT_TIME_COLUMN, dataType: "LONG", format: "1:MILLISECONDS:EPOCH", granularity: "1:MILLISECONDS" }],
  };
}

/** The pipeline's table config with its placeholders filled, as JSON. */
export function pinotTable(file: string, vars: { table: string; topic: string; "kafka.bootstrap": string }): Record<string, unknown> {
  return JSON.parse(renderSql(readFileSync(file, "utf8"), vars)) as Record<string, unknown>;
}

export function pinotEngine(files: PinotFiles, table = "taxi_trips"): ServingEngine<StartedPinotEngine> {
  return {
    name: "Pinot",
    images: ["pinot", "zookeeper"],
    start: async (network, { images }) => new StartedPinotEngine(await startPinotCluster({ pinot: images.pinot!, zookeeper: images.zookeeper! }, network), files, table),
  };
}

export class StartedPinotEngine implements StartedServingEngine {
  readonly name = "Pinot";

  constructor(
    readonly cluster: PinotCluster,
    private readonly files: PinotFiles,
    private readonly table: string,
  ) {}

  containers() {
    return this.cluster.containers;
  }

  stop() {
    return this.cluster.stop();
  }

  async consume(topic: string, bootstrapServers: string): Promise<void> {
    const config = pinotTable(this.files.table, { table: this.table, topic, "kafka.bootstrap": bootstrapServers });
    await inStage("ingestion", this.cluster.controller, () => this.cluster.addTable(pinotSchema(this.table), config));
  }

  /**
   * Pinot drops what it cannot decode (not JSON, a wrong type) and keeps no count of it that the
   * API gives: done when COUNT(*) has stopped growing at the topic's valid events or above.
   */
  async awaitConsumed(messages: number, timeoutMs: number): Promise<ServingCounts> {
    let last = -1;
    return inStage("serving", this.cluster.server, () =>
      waitFor(`Pinot's table ${this.table} to consume its topic`, timeoutMs, async () => {
        const [[count] = [0]] = await this.cluster.sql(`SELECT COUNT(*) FROM ${this.table}`);
        const rows = Number(count);
        const stable = rows === last;
        last = rows;
        if (!stable || rows === 0) throw new Error(`${rows} rows so far (${messages} messages in the topic)`);
        return { rows, events: rows, unparseable: null, storage: "a REALTIME table, its consuming segment queried as it grows" };
      }, 2000),
    );
  }

  get queries(): QueryEngine {
    const dialect = loadDialect(this.files.queries, { table: this.table });
    return {
      name: "Pinot",
      reference: { relation: EVENT_TRIPS, label: "the oracle's events (Pinot ingests the topic)" },
      run: (query) => this.cluster.sql(dialect[query.id]),
    };
  }
}
