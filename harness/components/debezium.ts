// Kafka Connect with the Debezium PostgreSQL connector (quay.io/debezium/connect or its forged
// stand-in) on the run's network: a distributed worker whose group and internal topics are named
// per run, REST on a 127.0.0.1 port. Connectors are registered through the REST API and awaited
// until the connector and every task are RUNNING; a FAILED one (or a config Connect rejects) is a
// StageError of the capture stage with the connector's trace and the worker's log tail.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import { StageError } from "../errors.js";
import type { ResolvedImage } from "../images/resolve.js";
import { runId } from "../runtime/run.js";
import { logTail, QUICK_JIT, RunContainer, waitFor, type Component } from "./container.js";

export const CAPTURE_STAGE = "capture";
const REST_PORT = 8083;
const JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

/** Where the connector finds the source database (an address on the run's network). */
export interface PostgresSource {
  alias: string;
  database: string;
  user: string;
  password: string;
}

export interface PostgresConnectorSpec {
  name: string;
  source: PostgresSource;
  /** Debezium's topic.prefix: changes of schema.table go to `<prefix>.<schema>.<table>`. */
  topicPrefix: string;
  /** Tables to capture, as schema.table. */
  tables: string[];
  /** An existing publication (autocreation is disabled). */
  publication: string;
  /** The replication slot, unique per run ([a-z0-9_], at most 63 characters). */
  slot: string;
}

/**
 * The connector's configuration: pgoutput, initial snapshot, JSON without schemas for key and
 * value, decimals as doubles, no tombstones, the given publication and slot.
 */
export function postgresConnectorConfig(spec: PostgresConnectorSpec): Record<string, string> {
  if (!/^[a-z0-9_]{1,63}$/.test(spec.slot)) throw new Error(`replication slot name "${spec.slot}" must be 1–63 characters of [a-z0-9_]`);
  return {
    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
    "tasks.max": "1",
    "plugin.name": "pgoutput",
    "database.hostname": spec.source.alias,
    "database.port": "5432",
    "database.user": spec.source.user,
    "database.password": spec.source.password,
    "database.dbname": spec.source.database,
    "topic.prefix": spec.topicPrefix,
    "table.include.list": spec.tables.join(","),
    "publication.name": spec.publication,
    "publication.autocreate.mode": "disabled",
    "slot.name": spec.slot,
    "snapshot.mode": "initial",
    "decimal.handling.mode": "double",
    "tombstones.on.delete": "false",
    "key.converter": JSON_CONVERTER,
    "key.converter.schemas.enable": "false",
    "value.converter": JSON_CONVERTER,
    "value.converter.schemas.enable": "false",
  };
}

/** GET /connectors/<name>/status */
export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id?: string; trace?: string };
  tasks: Array<{ id: number; state: string; worker_id?: string; trace?: string }>;
}

export type ConnectorHealth = { state: "RUNNING" } | { state: "FAILED"; reason: string } | { state: "PENDING"; reason: string };

/** Reads a status: RUNNING only when the connector and at least one task, all of them, run. */
export function connectorHealth(status: ConnectorStatus): ConnectorHealth {
  const firstLines = (trace?: string) => (trace ?? "(no trace)").split("\n").filter((l) => l.trim() && !/^\s+at /.test(l)).slice(0, 4).join(" | ");
  if (status.connector.state === "FAILED") return { state: "FAILED", reason: `connector ${status.name} FAILED: ${firstLines(status.connector.trace)}` };
  const failed = status.tasks.find((t) => t.state === "FAILED");
  if (failed) return { state: "FAILED", reason: `task ${status.name}-${failed.id} FAILED: ${firstLines(failed.trace)}` };
  if (status.connector.state === "RUNNING" && status.tasks.length > 0 && status.tasks.every((t) => t.state === "RUNNING")) return { state: "RUNNING" };
  const tasks = status.tasks.map((t) => `${t.id}:${t.state}`).join(", ") || "none yet";
  return { state: "PENDING", reason: `connector ${status.connector.state}, tasks ${tasks}` };
}

/** The useful part of a Connect error body ({"error_code":400,"message":"…"}). */
function connectError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: string };
    if (parsed.message) return parsed.message.split("\n").filter((l) => l.trim()).slice(0, 6).join(" | ");
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 500);
}

/**
 * A Connect log's last ERROR line, without its timestamp, context and logger, followed by the
 * exception line logged under it (or null). The REST layer's own "Uncaught exception in REST call"
 * echo of a failure is passed over for the cause.
 */
export function lastErrorLine(log: string): string | null {
  const lines = log.split("\n");
  const isEntry = (l: string) => /^\d{4}-\d{2}-\d{2}T\S+\s+[A-Z]+\b/.test(l);
  const errors = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\S+\s+ERROR\b/.test(l));
  const [line, at] = errors.filter(([l]) => !/Uncaught exception in REST call/.test(l)).at(-1) ?? errors.at(-1) ?? [];
  if (line === undefined || at === undefined) return null;
  const text = line.replace(/^\S+\s+ERROR\s+(\S*\|\|\S*\s+)?/, "").replace(/\s+\[[\w.$]+\]\s*$/, "").trim();
  const next = lines[at + 1];
  const cause = next !== undefined && !isEntry(next) && next.trim() ? `: ${next.trim()}` : "";
  return `${text}${cause}`.slice(0, 500);
}

export class DebeziumContainer extends RunContainer {
  private bootstrap?: string;

  constructor(image: ResolvedImage) {
    super(image, "connect");
    // The worker group and its internal topics are named per run (they live in the run's broker).
    const group = `connect-${runId()}`;
    this.withEnvironment({
      GROUP_ID: group,
      CONFIG_STORAGE_TOPIC: `${group}.configs`,
      OFFSET_STORAGE_TOPIC: `${group}.offsets`,
      STATUS_STORAGE_TOPIC: `${group}.status`,
      // One broker: internal topics with one replica (the image's defaults say so too).
      CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR: "1",
      CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR: "1",
      CONNECT_STATUS_STORAGE_REPLICATION_FACTOR: "1",
      CONNECT_OFFSET_STORAGE_PARTITIONS: "1",
      HEAP_OPTS: "-Xms256m -Xmx768m",
      // C1 alone, as Flink's JVMs: P12 streaming latency p99 7.5 and 9.2 s against 10.0 s with C2
      // (alternated runs), the worker's C2 threads no longer competing with the TaskManager.
      KAFKA_OPTS: QUICK_JIT,
    })
      .withExposedPorts(REST_PORT)
      .withWaitStrategy(Wait.forHttp("/connector-plugins", REST_PORT).withStartupTimeout(180_000));
  }

  /** The broker, as engines on the run's network reach it. */
  withKafka(kafka: { internalBootstrapServers: string }): this {
    this.bootstrap = kafka.internalBootstrapServers;
    return this.withEnvironment({ BOOTSTRAP_SERVERS: kafka.internalBootstrapServers });
  }

  override async start(): Promise<StartedDebeziumContainer> {
    if (!this.bootstrap) throw new Error("DebeziumContainer needs withKafka(): the worker keeps its state in the run's broker");
    return new StartedDebeziumContainer(await super.start(), this.image);
  }
}

export class StartedDebeziumContainer extends AbstractStartedContainer implements Component {
  readonly name = "debezium-connect";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
  ) {
    super(container);
  }

  /** The REST API, for the harness on the host (its port changes when the worker restarts). */
  get rest(): string {
    return `http://127.0.0.1:${this.container.getMappedPort(REST_PORT)}`;
  }

  /**
   * The Connect worker restarted as an operator would (SIGTERM: tasks commit their offsets), then
   * started again; its connectors resume from the offsets in Kafka.
   */
  async restartWorker(): Promise<void> {
    await this.restart({ timeout: 30_000 });
  }

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.rest}${path}`, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(90_000),
    });
    return { status: res.status, text: await res.text() };
  }

  private async fail(message: string): Promise<never> {
    throw new StageError(CAPTURE_STAGE, message, this.name, await logTail(this.container).catch(() => "(no log)"));
  }

  /**
   * Registers a Debezium PostgreSQL connector (PUT /connectors/<name>/config, so a retry is
   * harmless). Connect validates the config first (it connects to the database): a rejected config
   * is a StageError at once. A worker still joining its group answers 409/5xx: retried, bounded.
   */
  async registerPostgresConnector(spec: PostgresConnectorSpec, timeoutMs = 60_000): Promise<string> {
    const config = postgresConnectorConfig(spec);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.call("PUT", `/connectors/${encodeURIComponent(spec.name)}/config`, config).catch((err: Error) => ({ status: 0, text: err.message }));
      if (r.status === 200 || r.status === 201) return spec.name;
      // Not reachable yet, or the worker still joining its group (409, a timed-out forward): retried.
      const retriable = r.status === 0 || r.status === 409 || r.status === 503 || (r.status === 500 && /timed? ?out/i.test(r.text));
      if (!retriable || Date.now() > deadline) {
        // Connect 4.3 answers some failed validations (e.g. a wrong password) with a bare 500; the
        // reason is in the worker's log.
        const logged = await this.loggedError();
        return this.fail(`Connect rejected connector ${spec.name} (HTTP ${r.status}): ${connectError(r.text)}${logged ? `; the worker logged: ${logged}` : ""}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  private async loggedError(): Promise<string | null> {
    return lastErrorLine(await logTail(this.container, 200).catch(() => ""));
  }

  async status(name: string): Promise<ConnectorStatus | null> {
    const r = await this.call("GET", `/connectors/${encodeURIComponent(name)}/status`);
    if (r.status === 404) return null;
    if (r.status !== 200) throw new Error(`GET /connectors/${name}/status: HTTP ${r.status} ${connectError(r.text)}`);
    return JSON.parse(r.text) as ConnectorStatus;
  }

  /** Waits until the connector and all its tasks are RUNNING; FAILED or a timeout is a StageError. */
  async awaitRunning(name: string, timeoutMs = 120_000): Promise<void> {
    let last = "no status yet";
    let failed: string | undefined;
    try {
      await waitFor(`connector ${name} and its task to be RUNNING`, timeoutMs, async () => {
        const status = await this.status(name);
        if (!status) return undefined;
        const health = connectorHealth(status);
        if (health.state === "RUNNING") return true;
        if (health.state === "FAILED") return (failed = health.reason), true;
        last = health.reason;
        return undefined;
      });
    } catch (err) {
      return this.fail(`${(err as Error).message} (last: ${last})`);
    }
    if (failed) return this.fail(failed);
  }

  /** Deletes a connector and waits until Connect no longer lists it (404 is fine). */
  async deleteConnector(name: string, timeoutMs = 60_000): Promise<void> {
    const r = await this.call("DELETE", `/connectors/${encodeURIComponent(name)}`);
    if (r.status !== 204 && r.status !== 200 && r.status !== 404) throw new Error(`DELETE /connectors/${name}: HTTP ${r.status} ${connectError(r.text)}`);
    await waitFor(`connector ${name} to be deleted`, timeoutMs, async () => {
      const list = await this.call("GET", "/connectors");
      return (JSON.parse(list.text) as string[]).includes(name) ? undefined : true;
    });
  }
}
