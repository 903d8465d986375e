// The steps CDC pipelines share: ingestion is the source table made, captured by a Debezium
// connector, loaded with the pass's events and then changed by the pipeline's change script,
// until the CDC topic holds one change event per insert, update and delete; the oracle reads the
// table's final state.
import { waitFor } from "../../components/container.js";
import { connectorHealth } from "../../components/debezium.js";
import type { Ingested, Step } from "../../pipeline.js";
import { loadSqlScript } from "../../stages/sql-script.js";
import { loadSource, readSourceState, runChanges } from "./source.js";
import { topicPrefix, type CdcStack } from "./stack.js";

/** Bound of the wait for the capture to catch up with the source. */
export const CAPTURE_TIMEOUT_MS = 240_000;

/** The publication Debezium reads a source table through. */
export const publicationFor = (table: string): string => `dbz_${table}`;

/** `sql.source` makes the table `${table}` and its publication `${publication}`; `sql.changes` changes it after the load. */
export function cdcIngest(sql: { source: string; changes: string }): Step<CdcStack, Ingested> {
  return async (ctx) => {
    const { stack, names, duck, events } = ctx;
    const client = stack.sourceClient;
    const publication = publicationFor(names.source);
    await client.query(loadSqlScript(sql.source, { table: names.source, publication }).join(";\n"));
    // The broker creates no topic on its own. One partition: the offset is the total order of the
    // changes (one key's changes keep their order anyway).
    const topic = `${topicPrefix(names.scenario)}.public.${names.source}`;
    await stack.kafka.createTopics([{ name: topic, partitions: 1 }]);

    // The connector captures the empty table (its snapshot reads nothing): the load arrives as inserts.
    const spec = stack.connector(`${ctx.pipelineId}-${names.scenario}`, names.source, publication, names.scenario);
    await stack.connect.registerPostgresConnector(spec);
    await stack.connect.awaitRunning(spec.name, 120_000);
    // The slot marks where streaming starts: rows committed after it exists are captured.
    await waitFor(`replication slot ${spec.slot}`, 60_000, async () => {
      const r = await client.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND plugin = 'pgoutput'", [spec.slot]);
      return r.rowCount ? true : undefined;
    });

    const load = await loadSource(client, duck, names.source);
    const changes = await runChanges(client, sql.changes, { table: names.source });
    ctx.note(`load_rows_per_s=${Math.round(load.perSecond)} changes=${changes.statements.map((s) => s.rows).join("+")}`);

    const expected = events + changes.rows;
    const t0 = performance.now();
    const seen = await waitFor(`${expected} change events in ${topic}`, CAPTURE_TIMEOUT_MS, async () => {
      const count = await stack.kafka.messageCount(topic).catch(() => 0);
      if (count >= expected) return count; // more than emitted fails below, without waiting
      // a task that failed mid-stream would otherwise look like a slow one
      const status = await stack.connect.status(spec.name);
      return status && connectorHealth(status).state === "FAILED" ? -1 : undefined;
    });
    if (seen === -1) await stack.connect.awaitRunning(spec.name, 5_000); // throws the capture StageError with the trace
    if (seen !== expected) throw new Error(`${topic} holds ${seen} change events, the source emitted ${expected} (${events} inserts + ${changes.rows} changes)`);
    ctx.note(`capture_wait_s=${((performance.now() - t0) / 1000).toFixed(2)}`);
    return { messages: load.rows, seconds: load.seconds, topic, expectedBronze: expected, expectedDeadLetters: 0, lastCommitAt: changes.lastCommitAt };
  };
}

/** The silver-cdc oracle's input: the source table as PostgreSQL holds it now (`source_trips`). */
export const cdcOracleInput: Step<CdcStack, void> = async (ctx) => {
  await readSourceState(ctx.stack.sourceClient, ctx.duck, ctx.names.source, ctx.workDir);
};
