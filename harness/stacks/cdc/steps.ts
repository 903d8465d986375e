// The steps CDC pipelines share: ingestion is the source table made, captured by a Debezium
// connector and loaded with the pass's events; the increment is the pipeline's change script
// (updates, deletes). Each waits until the CDC topic holds one change event per row it touched;
// the oracle reads the table's state at that point.
import { waitFor } from "../../components/container.js";
import { wireEvents } from "../../fixtures/events.js";
import { CHANGE_EVENT, withPoison } from "../../fixtures/poison.js";
import { pacedFor, produce } from "../../stages/produce.js";
import { connectorHealth } from "../../components/debezium.js";
import type { Failure, Ingested, ScenarioNames, Step, StepContext } from "../../pipeline.js";
import { LAKEHOUSE_FAILURES } from "../lakehouse/steps.js";
import { loadSqlScript } from "../../stages/sql-script.js";
import { loadSource, readSourceState, runChanges } from "./source.js";
import { topicPrefix, type CdcStack } from "./stack.js";

/** Bound of the wait for the capture to catch up with the source. */
export const CAPTURE_TIMEOUT_MS = 240_000;

/** The publication Debezium reads a source table through. */
export const publicationFor = (table: string): string => `dbz_${table}`;

/**
 * Ingestion: `source` makes the table `${table}` and its publication `${publication}`; a Debezium
 * connector captures it (empty: the load arrives as inserts), the pass's events are loaded, and
 * the CDC topic then holds one change event per row.
 */
export function cdcLoad(source: string): Step<CdcStack, Ingested> {
  return async (ctx) => {
    const { stack, names, duck, events } = ctx;
    const client = stack.sourceClient;
    const publication = publicationFor(names.source);
    await client.query(loadSqlScript(source, { table: names.source, publication }).join(";\n"));
    // The broker creates no topic on its own. One partition: the offset is the total order of the
    // changes (one key's changes keep their order anyway).
    const topic = cdcTopic(names);
    await stack.kafka.createTopics([
      { name: topic, partitions: 1 },
      { name: names.deadLetters, partitions: 1 },
    ]);

    const spec = stack.connector(connectorName(ctx), names.source, publication, names.scenario);
    await stack.connect.registerPostgresConnector(spec);
    await stack.connect.awaitRunning(spec.name, 120_000);
    // The slot marks where streaming starts: rows committed after it exists are captured.
    await waitFor(`replication slot ${spec.slot}`, 60_000, async () => {
      const r = await client.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND plugin = 'pgoutput'", [spec.slot]);
      return r.rowCount ? true : undefined;
    });

    const paced = pacedFor(ctx.mode);
    const load = await loadSource(client, duck, names.source, undefined, paced);
    ctx.note(`load_rows_per_s=${Math.round(load.perSecond)}`);
    // Bronze keeps every change event as received, a re-sent one too.
    const captured = await awaitCapture(ctx, topic, spec.name, events);
    // Malformed messages (HARNESS_POISON) from a producer that is not Debezium, after the load's events.
    const { poison } = withPoison(await wireEvents(duck), ctx.poison, CHANGE_EVENT);
    if (poison.length) await produce(stack.kafka.bootstrapServers, topic, poison.map((p) => ({ key: null, value: p.value })));
    const inTopic = await stack.kafka.messageCount(topic);
    if (inTopic !== captured + poison.length) throw new Error(`${topic} holds ${inTopic} messages, expected ${captured} change events and ${poison.length} malformed messages`);
    const acks = paced ? { acks: await paced.store(duck) } : {};
    return { messages: load.rows, seconds: load.seconds, topic, expectedBronze: captured, expectedDeadLetters: poison.length, poison, ...acks };
  };
}

/**
 * The increment: `changes` (UPDATEs, DELETEs on `${table}`) run after the load, each statement its
 * own transaction, until the CDC topic holds their change events too.
 */
export function cdcChanges(changes: string): Step<CdcStack, Ingested> {
  return async (ctx) => {
    const { stack, names } = ctx;
    const before = ctx.ingested;
    if (!before?.topic) throw new Error("the changes need the load's CDC topic: the load did not complete");
    const result = await runChanges(stack.sourceClient, changes, { table: names.source });
    ctx.note(`changes=${result.statements.map((s) => s.rows).join("+")}`);
    // Bronze runs again over the whole topic: the load's events and malformed messages, and the changes.
    const expected = before.expectedBronze + result.rows;
    const captured = (await awaitCapture(ctx, before.topic, connectorName(ctx), expected + before.expectedDeadLetters)) - before.expectedDeadLetters;
    const seconds = (performance.now() - result.startedAt) / 1000;
    const { expectedDeadLetters, poison } = before;
    return { messages: result.rows, seconds, topic: before.topic, expectedBronze: captured, expectedDeadLetters, poison, lastCommitAt: result.lastCommitAt };
  };
}

/** What a streaming CDC pipeline survives: the lakehouse's failures, and its Connect worker restarted mid-capture. */
export const CDC_FAILURES: Failure<CdcStack>[] = [
  ...LAKEHOUSE_FAILURES,
  { name: "connect-restart", title: "the Kafka Connect worker restarted mid-capture", inject: (stack) => stack.connect.restartWorker() },
];

/** The topic a pass's connector writes: one partition, the offset is the total order of the changes. */
export const cdcTopic = (names: ScenarioNames): string => `${topicPrefix(names.scenario)}.public.${names.source}`;

/** The pass's connector. */
const connectorName = (ctx: StepContext<CdcStack>) => `${ctx.pipelineId}-${ctx.names.scenario}`;

/**
 * Waits until `topic` holds `expected` change events, not counting redundant ones; a connector task
 * that failed meanwhile fails it with its trace. Returns the messages there: more than expected only
 * where the extra ones are redundant (redundantChanges: Connect delivers at least once, and a task
 * restarted before its offsets were committed snapshots the table again), which silver, keyed by the
 * source key, must absorb.
 */
async function awaitCapture(ctx: StepContext<CdcStack>, topic: string, connector: string, expected: number): Promise<number> {
  const { stack } = ctx;
  const t0 = performance.now();
  let redundant = 0;
  let read = 0; // the count the topic was last read at: read again only when it grew
  const seen = await waitFor(`${expected} change events in ${topic}`, CAPTURE_TIMEOUT_MS, async () => {
    const count = await stack.kafka.messageCount(topic).catch(() => 0);
    if (count >= expected) {
      if (count > expected && count !== read) redundant = redundantChanges((await stack.kafka.readTopic(topic)).map((m) => m.value));
      read = count;
      // more new events than emitted fails below, without waiting
      if (count - redundant >= expected) return count;
    }
    // a task that failed mid-stream would otherwise look like a slow one
    const status = await stack.connect.status(connector);
    return status && connectorHealth(status).state === "FAILED" ? -1 : undefined;
  });
  if (seen === -1) await stack.connect.awaitRunning(connector, 5_000); // throws the capture StageError with the trace
  if (seen - redundant !== expected) throw new Error(`${topic} holds ${seen} messages, expected ${expected}${redundant ? ` (${redundant} of them repeat earlier change events)` : ""}`);
  if (redundant) ctx.note(`${redundant} change events repeat earlier ones (re-sent, or read again by a new snapshot): at-least-once capture`);
  ctx.note(`capture_wait_s=${((performance.now() - t0) / 1000).toFixed(2)}`);
  return seen;
}

type Change = { op?: string; source?: { lsn?: number }; after?: { id?: number } | null; before?: { id?: number } | null };

/**
 * How many messages of a CDC topic (in offset order) add nothing: a re-send of an earlier change event
 * (the same source LSN, op and row key), or an event that leaves its row as the row's previous event
 * left it (a snapshot read of a row already captured). Anything that is not a change event counts once.
 */
export function redundantChanges(messages: string[]): number {
  const events = new Set<string>();
  const rows = new Map<unknown, string>();
  let redundant = 0;
  for (const text of messages) {
    let change: Change | undefined;
    try {
      // The JSON converter wraps the change event in {schema, payload} where schemas are enabled.
      const message = JSON.parse(text) as (Change & { payload?: Change }) | null;
      change = message?.payload ?? message ?? undefined;
    } catch {
      // not JSON: a malformed message, counted as it is
    }
    if (change?.source?.lsn === undefined) continue;
    const id = (change.after ?? change.before)?.id;
    const event = `${change.source.lsn}|${change.op}|${id}`;
    const state = change.op === "d" ? "deleted" : JSON.stringify(change.after);
    if (events.has(event) || rows.get(id) === state) redundant += 1;
    events.add(event);
    rows.set(id, state);
  }
  return redundant;
}

/** The silver-cdc oracle's input: the source table as PostgreSQL holds it now (`source_trips`). */
export const cdcOracleInput: Step<CdcStack, void> = async (ctx) => {
  await readSourceState(ctx.stack.sourceClient, ctx.duck, ctx.names.source, ctx.workDir);
};
