import { describe, expect, test } from "vitest";
import { connectorHealth, lastErrorLine, postgresConnectorConfig, type ConnectorStatus, type PostgresConnectorSpec } from "../../harness/components/debezium.js";
import { batches, insertStatement, SOURCE_COLUMNS } from "../../harness/stacks/cdc/source.js";
import { redundantChanges } from "../../harness/stacks/cdc/steps.js";

const spec: PostgresConnectorSpec = {
  name: "p12-taxi-trips",
  source: { alias: "source", database: "trips", user: "harness", password: "pg-secret" },
  topicPrefix: "dbserver1",
  tables: ["public.taxi_trips"],
  publication: "dbz_taxi_trips",
  slot: "p12_taxi_trips_20260101_000000_abcd",
};

describe("the source loader's statements", () => {
  test("the source table's columns are id then the 19 TLC names, exactly", () => {
    expect(SOURCE_COLUMNS).toHaveLength(20);
    expect(SOURCE_COLUMNS.slice(0, 3)).toEqual(["id", "VendorID", "tpep_pickup_datetime"]);
    expect(SOURCE_COLUMNS.at(-1)).toBe("Airport_fee");
  });

  test("a multi-row INSERT numbers its parameters row by row and quotes every column", () => {
    const row = (id: number) => SOURCE_COLUMNS.map((c) => (c === "id" ? id : null));
    const { text, values } = insertStatement("taxi_trips", [row(1), row(2)]);
    expect(text).toMatch(/^INSERT INTO taxi_trips \("id", "VendorID", .*"Airport_fee"\) VALUES \(\$1, \$2, .*\$20\), \(\$21, .*\$40\)$/);
    expect(values).toHaveLength(40);
    expect(values[0]).toBe(1);
    expect(values[20]).toBe(2);
  });

  test("a row with the wrong number of values is refused", () => {
    expect(() => insertStatement("taxi_trips", [[1, 2]])).toThrow(/row 0 has 2 values, the table 20 columns/);
  });

  test("batches keep order and the remainder", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 3)).toEqual([]);
    expect(() => batches([1], 0)).toThrow(/not positive/);
  });
});

describe("the Debezium PostgreSQL connector", () => {
  test("its config: pgoutput, initial snapshot, schemaless JSON, doubles, no tombstones, our publication and slot", () => {
    const config = postgresConnectorConfig(spec);
    expect(config).toMatchObject({
      "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
      "plugin.name": "pgoutput",
      "snapshot.mode": "initial",
      "database.hostname": "source",
      "database.dbname": "trips",
      "topic.prefix": "dbserver1",
      "table.include.list": "public.taxi_trips",
      "publication.name": "dbz_taxi_trips",
      "publication.autocreate.mode": "disabled",
      "slot.name": spec.slot,
      "decimal.handling.mode": "double",
      "tombstones.on.delete": "false",
      "key.converter.schemas.enable": "false",
      "value.converter.schemas.enable": "false",
    });
  });

  test("a slot name outside [a-z0-9_]{1,63} is refused before Connect sees it", () => {
    expect(() => postgresConnectorConfig({ ...spec, slot: "p12-taxi" })).toThrow(/must be 1–63 characters/);
    expect(() => postgresConnectorConfig({ ...spec, slot: "x".repeat(64) })).toThrow(/must be 1–63 characters/);
  });

  const status = (connector: string, ...tasks: Array<[string, string?]>): ConnectorStatus => ({
    name: "c",
    connector: { state: connector },
    tasks: tasks.map(([state, trace], id) => ({ id, state, ...(trace ? { trace } : {}) })),
  });

  test("RUNNING only when the connector and every task (at least one) run", () => {
    expect(connectorHealth(status("RUNNING", ["RUNNING"]))).toEqual({ state: "RUNNING" });
    expect(connectorHealth(status("RUNNING")).state).toBe("PENDING");
    expect(connectorHealth(status("RUNNING", ["RUNNING"], ["UNASSIGNED"])).state).toBe("PENDING");
    expect(connectorHealth(status("UNASSIGNED", ["RUNNING"])).state).toBe("PENDING");
  });

  test("a failed task is reported with its trace's message lines, not its stack frames", () => {
    const trace = "org.apache.kafka.connect.errors.ConnectException: Publication autocreation is disabled\n\tat io.debezium.Foo.bar(Foo.java:1)\nCaused by: x";
    const health = connectorHealth(status("RUNNING", ["FAILED", trace]));
    expect(health).toEqual({ state: "FAILED", reason: "task c-0 FAILED: org.apache.kafka.connect.errors.ConnectException: Publication autocreation is disabled | Caused by: x" });
    expect(connectorHealth({ name: "c", connector: { state: "FAILED", trace: "boom" }, tasks: [] })).toEqual({ state: "FAILED", reason: "connector c FAILED: boom" });
  });

  test("the worker's last ERROR line is found in its log, without timestamp, context and logger", () => {
    const log = [
      "2026-11-25T18:07:03,002 INFO   ||  AbstractConfig values:    [org.apache.kafka.common.config.AbstractConfig]",
      "2026-11-25T18:07:03,010 ERROR  ||  Failed testing connection for jdbc:postgresql://source:5432/trips with user 'harness'   [io.debezium.connector.postgresql.PostgresConnector]",
      "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"harness\"",
      "2026-11-25T18:07:03,011 INFO   ||  an ERROR word in an INFO line   [x.Y]",
    ].join("\n");
    expect(lastErrorLine(log)).toBe(
      "Failed testing connection for jdbc:postgresql://source:5432/trips with user 'harness': org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"harness\"",
    );
    expect(lastErrorLine("2026-11-25T18:07:04,358 ERROR  Postgres||lifecycle  WorkerSourceTask{id=c-0} Task threw   [org.apache.kafka.connect.runtime.WorkerTask]")).toBe("WorkerSourceTask{id=c-0} Task threw");
    expect(lastErrorLine("nothing here")).toBeNull();
    const rest = "2026-11-25T18:07:03,020 ERROR  ||  Uncaught exception in REST call to /connectors/c/config   [org.apache.kafka.connect.runtime.rest.errors.ConnectExceptionMapper]";
    expect(lastErrorLine(`${log}\n${rest}`)).toMatch(/^Failed testing connection/);
  });
});

describe("redundantChanges", () => {
  const event = (lsn: number, op: string, id: number, fare?: number) =>
    JSON.stringify({ op, source: { lsn }, before: op === "d" ? { id } : null, after: op === "d" ? null : { id, fare_amount: fare } });

  test("counts re-sends of an event and snapshot reads that leave a row as it was, nothing else", () => {
    const stream = [
      event(10, "c", 1, 5),
      event(11, "c", 2, 6),
      event(12, "u", 1, 7),
      event(12, "u", 1, 7), // re-sent: same LSN, op and key
      event(40, "r", 1, 7), // a new snapshot reads row 1 as it is
      event(40, "r", 2, 9), // … but row 2 as it was not: a change (counted)
      event(13, "d", 2),
      "not json",
    ];
    expect(redundantChanges(stream)).toBe(2);
  });

  test("reads the change event inside the JSON converter's {schema, payload} envelope", () => {
    const wrapped = (text: string) => JSON.stringify({ schema: {}, payload: JSON.parse(text) });
    expect(redundantChanges([wrapped(event(10, "c", 1, 5)), wrapped(event(10, "c", 1, 5))])).toBe(1);
  });

  test("counts an update that returns a row to an older state as a change", () => {
    expect(redundantChanges([event(10, "c", 1, 5), event(11, "u", 1, 6), event(12, "u", 1, 5)])).toBe(0);
  });
});
