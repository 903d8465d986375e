// P12 CDC: PostgreSQL WAL → Debezium → Kafka → Flink → Iceberg → dbt. The connector is registered
// on the empty table (its initial snapshot reads nothing), so the load arrives as inserts (op 'c')
// streamed from the WAL, followed by the change script's updates ('u') and deletes ('d').
import type pg from "pg";
import { describe, expect, test } from "vitest";
import { CAPTURE_STAGE, connectorHealth, type PostgresConnectorSpec } from "../../harness/components/debezium.js";
import { waitFor } from "../../harness/components/container.js";
import type { SqlSession } from "../../harness/components/flink.js";
import { lit } from "../../harness/db/duck.js";
import { StageError } from "../../harness/errors.js";
import { runId } from "../../harness/runtime/run.js";
import { startCdc, type CdcStack } from "../../harness/stacks/cdc.js";
import { loadSource, readSourceState, runChanges, type ChangeResult } from "../../harness/stages/cdc.js";
import type { DbtBuildResult } from "../../harness/stages/dbt.js";
import { exportTables } from "../../harness/stages/iceberg.js";
import { brokenNodes } from "../../harness/stages/run-results.js";
import { loadSqlScript } from "../../harness/stages/sql-script.js";
import { usePipeline } from "../../harness/suite.js";
import { CAPTURE_TIMEOUT_MS, JOB_TIMEOUT_MS, p12, SOURCE, SQL, TABLES, TOPIC } from "../../pipelines/12-cdc-debezium/pipeline.js";

/** A slot name unique to this run ([a-z0-9_]). */
const slotName = (label: string) => `${label}_${runId()}`.toLowerCase().replace(/[^a-z0-9]/g, "_").slice(0, 63);

describe("P12 CDC PostgreSQL → Debezium → Kafka → Flink → Iceberg → dbt", () => {
  const run = usePipeline(p12);
  let stack: CdcStack | undefined;
  let session: SqlSession | undefined;
  let source: pg.Client | undefined;
  let connector: PostgresConnectorSpec | undefined;
  let changes: ChangeResult | undefined;
  let build: DbtBuildResult | undefined;
  let silverDoneAt: number | undefined;
  const slots: string[] = [];

  const script = (path: string | string[], on = run.need(stack, "the stack")) => loadSqlScript(path, { ...on.sqlVars(), topic: TOPIC.name });
  const lakeTable = async (table: string) => {
    const files = await exportTables(run.need(stack, "the stack"), [table], run.workDir);
    return `read_parquet(${lit(files[table]!)})`;
  };
  const spec = (name: string, overrides: Partial<PostgresConnectorSpec> = {}): PostgresConnectorSpec => {
    const { source: pgSource } = run.need(stack, "the stack");
    const slot = overrides.slot ?? slotName(name);
    slots.push(slot);
    return {
      name,
      source: { alias: pgSource.alias, database: pgSource.database, user: pgSource.user, password: pgSource.password },
      topicPrefix: SOURCE.topicPrefix,
      tables: [`public.${SOURCE.table}`],
      publication: SOURCE.publication,
      slot,
      ...overrides,
    };
  };

  test("the stack starts: lakehouse, source PostgreSQL with wal_level=logical, taxi_trips and its publication, Kafka Connect", async () => {
    stack = await run.stage("startup", async () => {
      const started = await startCdc(run.workDir);
      run.track(started);
      source = await started.source.client();
      const client = source;
      await client.query(loadSqlScript(SQL.source, { table: SOURCE.table, publication: SOURCE.publication }).join(";\n"));
      // Teardown, before the stack stops: every connector deleted, then every slot it left dropped.
      run.onTeardown(async () => {
        await client.end().catch(() => undefined);
      });
      await started.kafka.createTopics([TOPIC]);
      session = await started.flink.openSession();
      await session.runScript("startup", script(SQL.session, started), JOB_TIMEOUT_MS);
      return started;
    });
    const wal = await source!.query("SHOW wal_level");
    expect(wal.rows[0].wal_level).toBe("logical");
    const pub = await source!.query("SELECT tablename FROM pg_publication_tables WHERE pubname = $1", [SOURCE.publication]);
    expect(pub.rows.map((r) => r.tablename)).toEqual([SOURCE.table]);
    expect(await stack.kafka.messageCount(TOPIC.name)).toBe(0);
  });

  test("Debezium's connector and its task are RUNNING and its replication slot exists before the load", async () => {
    const { connect } = run.need(stack, "the stack");
    const client = run.need(source, "the source connection");
    const registered = spec("p12-taxi-trips");
    run.onTeardown(async () => {
      // Deleting the connector stops its task, which releases the slot; then the slot is dropped.
      await connect.deleteConnector(registered.name, 60_000);
      for (const slot of slots) {
        await waitFor(`replication slot ${slot} to be released and dropped`, 60_000, async () => {
          await client.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active", [slot]);
          const left = await client.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [slot]);
          return left.rowCount === 0 ? true : undefined;
        });
      }
    });
    await run.stage("startup", async () => {
      await connect.registerPostgresConnector(registered);
      await connect.awaitRunning(registered.name, 120_000);
      // The slot marks where streaming starts: inserts committed after it exists are captured.
      await waitFor(`replication slot ${registered.slot}`, 60_000, async () => {
        const r = await client.query("SELECT active FROM pg_replication_slots WHERE slot_name = $1 AND plugin = 'pgoutput'", [registered.slot]);
        return r.rowCount ? true : undefined;
      });
    });
    connector = registered;
    const status = await connect.status(registered.name);
    expect(status?.connector.state).toBe("RUNNING");
    expect(status?.tasks.map((t) => t.state)).toEqual(["RUNNING"]);
  });

  test("the loader inserts every event into taxi_trips in multi-row batches", async () => {
    const client = run.need(source, "the source connection");
    run.need(connector, "the running connector");
    const result = await run.stage("ingestion", () => loadSource(client, run.duck, SOURCE.table));
    run.recordProduced(result.rows, result.seconds);
    run.note(`load_rows_per_s=${Math.round(result.perSecond)}`);
    expect(result.rows).toBe(run.events);
    const count = await client.query(`SELECT count(*)::int AS n FROM ${SOURCE.table}`);
    expect(count.rows[0].n).toBe(run.events);
  });

  test("the change script's updates and deletes commit while capture runs, each counted", async () => {
    const client = run.need(source, "the source connection");
    run.need(connector, "the running connector");
    changes = await run.stage("ingestion", () => runChanges(client, SQL.changes));
    run.note(`changes=${changes.statements.map((s) => s.rows).join("+")}`);
    const byKind = (kind: string) => changes!.statements.filter((s) => s.statement.startsWith(kind)).reduce((n, s) => n + s.rows, 0);
    expect(byKind("UPDATE")).toBeGreaterThan(0);
    expect(byKind("DELETE")).toBeGreaterThan(0);
    // a few percent of the rows, not all of them
    expect(changes.rows).toBeLessThan(run.events * 0.1);
  });

  test("the CDC topic holds exactly one change event per insert, update and delete", async () => {
    const { kafka, connect } = run.need(stack, "the stack");
    const done = run.need(changes, "the change script");
    const expected = run.events + done.rows;
    const t0 = performance.now();
    const name = run.need(connector, "the connector").name;
    const seen = await run.stage("processing", async () => {
      const n = await waitFor(`${expected} change events in ${TOPIC.name}`, CAPTURE_TIMEOUT_MS, async () => {
        const count = await kafka.messageCount(TOPIC.name);
        if (count >= expected) return count; // more than emitted fails below, without waiting
        // a task that failed mid-stream would otherwise look like a slow one
        const status = await connect.status(name);
        return status && connectorHealth(status).state === "FAILED" ? -1 : undefined;
      });
      if (n === -1) await connect.awaitRunning(name, 5_000); // throws the capture StageError with the trace and log tail
      return n;
    });
    run.note(`capture_wait_s=${((performance.now() - t0) / 1000).toFixed(2)}`);
    expect(seen).toBe(expected);
  });

  test("bronze holds every change event of the topic: inserts, updates and deletes", async () => {
    const done = run.need(changes, "the change script");
    await run.stage("processing", () => run.need(session, "the Flink session").runScript("processing", script(SQL.bronze), JOB_TIMEOUT_MS));
    const bronze = await lakeTable(TABLES.bronze);
    const bronzeRows = Number(await run.duck.scalar(`SELECT count(*) FROM ${bronze}`));
    run.recordBronze(bronzeRows);
    expect(bronzeRows).toBe(run.events + done.rows);
    const ops = await run.duck.rows<{ op: string; n: string }>(`SELECT json_extract_string(payload, '$.op') AS op, count(*) AS n FROM ${bronze} GROUP BY 1 ORDER BY 1`);
    const count = (op: string) => Number(ops.find((o) => o.op === op)?.n ?? 0);
    const deletes = done.statements.filter((s) => s.statement.startsWith("DELETE")).reduce((n, s) => n + s.rows, 0);
    expect(count("c")).toBe(run.events);
    expect(count("u")).toBe(done.rows - deletes);
    expect(count("d")).toBe(deletes);
  });

  test("silver equals the silver-cdc oracle over the final PostgreSQL table, in count and content", async () => {
    const client = run.need(source, "the source connection");
    const done = run.need(changes, "the change script");
    await run.stage("processing", () =>
      run.need(session, "the Flink session").runScript("processing", script(SQL.silver), JOB_TIMEOUT_MS),
    );
    silverDoneAt = performance.now();
    const lag = (silverDoneAt - done.lastCommitAt) / 1000;
    run.note(`lag_s=${lag.toFixed(2)}`);
    // The oracle's input: the table as PostgreSQL holds it now.
    const sourceRows = await readSourceState(client, run.duck, SOURCE.table, run.workDir);
    const expected = await run.oracle.expect();
    const comparison = await run.oracle.compare(await lakeTable(TABLES.silver));
    run.recordSilver(comparison);
    expect(sourceRows).toBe(run.events - done.statements.filter((s) => s.statement.startsWith("DELETE")).reduce((n, s) => n + s.rows, 0));
    expect(comparison.missing).toEqual([]);
    expect(comparison.unexpected).toEqual([]);
    expect(comparison.actualRows).toBe(expected.rows);
    expect(comparison.actualChecksum).toBe(expected.checksum);
  });

  test("an UPDATE and a DELETE made in PostgreSQL show in silver as the oracle says", async () => {
    run.need(silverDoneAt, "silver");
    const silver = await lakeTable(TABLES.silver);
    /** Rows of `relation` (silver or the oracle's expected_silver) whose trip_id is that of the one row of view `one`. */
    const matches = async (relation: string, one: string) =>
      run.duck.rows<{ fare_amount: string }>(`SELECT CAST(s.fare_amount AS VARCHAR) AS fare_amount FROM ${relation} s JOIN to_silver(${lit(one)}) t USING (trip_id)`);
    // An updated trip (fare corrected: id % 29 = 0) that silver keeps: its new fare is in silver.
    const [updated] = await run.duck.rows<{ id: string; fare: string; original: string }>(
      `SELECT s.id, CAST(CAST(s.fare_amount AS DECIMAL(10,2)) AS VARCHAR) AS fare, CAST(CAST(e.fare_amount AS DECIMAL(10,2)) AS VARCHAR) AS original
         FROM source_trips s JOIN events e ON e.event_seq = s.id
        WHERE s.id % 29 = 0 AND s.VendorID IS NOT NULL AND s.trip_distance >= 0 AND s.fare_amount >= 0 ORDER BY s.id LIMIT 1`,
    );
    expect(updated, "an updated trip that passes the rules").toBeDefined();
    expect(updated!.fare).not.toBe(updated!.original);
    await run.duck.run(`CREATE OR REPLACE TEMP VIEW one_source_trip AS SELECT * FROM source_trips WHERE id = ${Number(updated!.id)}`);
    await run.duck.run(`CREATE OR REPLACE TEMP VIEW one_event AS SELECT * FROM events WHERE event_seq = ${Number(updated!.id)}`);
    expect((await matches("expected_silver", "one_source_trip")).map((r) => r.fare_amount)).toEqual([updated!.fare]);
    expect((await matches(silver, "one_source_trip")).map((r) => r.fare_amount)).toEqual([updated!.fare]);
    // …and its version before the update is not.
    expect(await matches(silver, "one_event")).toEqual([]);
    // A deleted trip (voided: id % 41 = 0, not corrected) that passed the rules before: absent now.
    const [deleted] = await run.duck.rows<{ id: string }>(
      `SELECT event_seq AS id FROM events
        WHERE event_seq % 41 = 0 AND event_seq % 29 <> 0 AND VendorID IS NOT NULL AND trip_distance >= 0 AND fare_amount >= 0
          AND event_seq NOT IN (SELECT id FROM source_trips) ORDER BY event_seq LIMIT 1`,
    );
    expect(deleted, "a deleted trip that passed the rules before").toBeDefined();
    await run.duck.run(`CREATE OR REPLACE TEMP VIEW one_event AS SELECT * FROM events WHERE event_seq = ${Number(deleted!.id)}`);
    expect(await matches("expected_silver", "one_event")).toEqual([]);
    expect(await matches(silver, "one_event")).toEqual([]);
  });

  test("dbt build runs every node over silver read from Iceberg", async () => {
    const { dbt } = run.need(stack, "the stack");
    run.need(silverDoneAt, "silver");
    build = await run.stage("dbt", () => dbt.build("lakehouse", { source_layer: p12.dbtSource, silver_source: "lakehouse" }));
    run.recordDbt(build.summary);
    expect(build.summary.nodes.length, build.logTail).toBeGreaterThan(0);
    expect(build.summary.nodes.filter((n) => n.outcome === "skip").map((n) => n.uniqueId)).toEqual([]);
  });

  test("no dbt model, seed or test fails or errors", () => {
    const { summary } = run.need(build, "the dbt build");
    expect(brokenNodes(summary).map((n) => `${n.uniqueId}: ${n.message}`)).toEqual([]);
  });

  test("a connector that cannot start (wrong password, missing publication) fails capture with the Connect log tail, in bounded time", async () => {
    const { connect } = run.need(stack, "the stack");
    const names: string[] = [];
    const attempt = async (s: PostgresConnectorSpec) => {
      names.push(s.name);
      await connect.registerPostgresConnector(s, 30_000);
      await connect.awaitRunning(s.name, 90_000);
    };
    try {
      const t0 = performance.now();
      const good = spec("p12-bad-password");
      const wrongPassword = { ...good, source: { ...good.source, password: `${good.source.password}-wrong` } };
      const e1 = await attempt(wrongPassword).then(() => null, (err: unknown) => err);
      expect(e1).toBeInstanceOf(StageError);
      expect((e1 as StageError).stage).toBe(CAPTURE_STAGE);
      expect((e1 as StageError).container).toBe("debezium-connect");
      // the first line says why (Connect 4.3 answers this validation failure with a bare 500; the reason comes from the worker's log)
      expect((e1 as Error).message.split("\n")[0]).toMatch(/password authentication failed/i);
      expect((e1 as StageError).logTail).toBeTruthy();

      const noPublication = spec("p12-no-publication", { publication: "no_such_publication" });
      const e2 = await attempt(noPublication).then(() => null, (err: unknown) => err);
      expect(e2).toBeInstanceOf(StageError);
      expect((e2 as StageError).stage).toBe(CAPTURE_STAGE);
      expect((e2 as StageError).container).toBe("debezium-connect");
      // Connect may reject it at validation or the task may fail at start: either way it names the publication.
      expect((e2 as Error).message.split("\n")[0]).toMatch(/publication/i);
      expect((e2 as Error).message).toContain("--- last lines of debezium-connect ---");
      expect(performance.now() - t0).toBeLessThan(120_000);
    } finally {
      for (const name of names) await connect.deleteConnector(name, 60_000).catch(() => undefined);
    }
  });
});
