// Druid: one container per service as Druid's own docker-compose deploys it — coordinator (also
// the overlord), broker, historical, middleManager (whose peons run the ingestion tasks) and router
// — with ZooKeeper beside them, the metadata in the coordinator's Derby, and deep storage a folder
// shared by the services that write and load segments. The harness speaks to the router only, as a
// user would: SQL and native queries go on to the broker, supervisor and task calls to the overlord.
import { AbstractStartedContainer, Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, startAll, waitFor, type Component } from "./container.js";
import { ZooKeeperContainer, type StartedZooKeeperContainer } from "./zookeeper.js";

export type DruidService = "coordinator" | "broker" | "historical" | "middleManager" | "router";

const PORT: Record<DruidService, number> = { coordinator: 8081, broker: 8082, historical: 8083, middleManager: 8091, router: 8888 };

/** The services that write or read deep storage and task logs: they share /opt/shared. */
const SHARED: readonly DruidService[] = ["coordinator", "historical", "middleManager"];

/**
 * The control plane (coordinator/overlord, router, middleManager — which only forks the peons) does
 * little computing: C1 alone and the serial collector start it with much less CPU, which on a
 * 2-core machine is what the whole stack's start waits for. The query path (broker, historical,
 * peons) keeps the JVM's defaults.
 */
const CONTROL_PLANE_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
const CONTROL_PLANE: readonly DruidService[] = ["coordinator", "router", "middleManager"];

/** The image's group owns var/ and /opt/shared (group-writable, as upstream), so Druid can run as the invoking user. */
const DRUID_GID = 1000;

/** Console logging, as Druid's docker-compose sets it (the quickstart logs to files). */
const CONSOLE_LOG4J =
  '<?xml version="1.0" encoding="UTF-8" ?><Configuration status="WARN"><Appenders><Console name="Console" target="SYSTEM_OUT">' +
  '<PatternLayout pattern="%d{ISO8601} %p [%t] %c - %m%n"/></Console></Appenders><Loggers><Root level="info"><AppenderRef ref="Console"/></Root></Loggers></Configuration>';

export interface DruidSettings {
  /** ZooKeeper's host:port on the run's network. */
  zookeeper: string;
  /** The host folder mounted as /opt/shared: deep storage (segments) and task logs. */
  sharedDir: string;
}

/** One Druid service: the image's entrypoint takes the service as its command, its settings as druid_* variables. */
export class DruidContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    readonly service: DruidService,
    { zookeeper, sharedDir }: DruidSettings,
  ) {
    super(image, `druid-${service.toLowerCase()}`);
    this.withCommand([service])
      .withUser(`${process.getuid?.() ?? 0}:${DRUID_GID}`)
      .withEnvironment({
        DRUID_SINGLE_NODE_CONF: "nano-quickstart",
        DRUID_LOG4J: CONSOLE_LOG4J,
        druid_zk_service_host: zookeeper,
        // Derby runs inside the coordinator; every service reaches it there.
        druid_metadata_storage_connector_connectURI: "jdbc:derby://druid-coordinator:1527/var/druid/metadata.db;create=true",
        druid_metadata_storage_connector_host: "0.0.0.0",
        druid_storage_storageDirectory: "/opt/shared/segments",
        druid_indexer_logs_directory: "/opt/shared/indexing-logs",
        // A new datasource is queryable through SQL once the broker's schema refresh has seen it (default: at most once a minute).
        druid_sql_planner_metadataRefreshPeriod: "PT10S",
        // Peons as nano-quickstart runs them, on C1 and the serial collector: a peon's JVM starts
        // while Flink's jobs run, and on 2 cores its start is what slows them; once a peon hands
        // off, the historical (default JIT) answers for its segments.
        druid_indexer_runner_javaOptsArray: JSON.stringify([
          "-server", "-Xms256m", "-Xmx256m", "-XX:MaxDirectMemorySize=300m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-XX:+ExitOnOutOfMemoryError", "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager",
        ]),
      })
      .withExposedPorts(PORT[service])
      .withWaitStrategy(Wait.forHttp("/status/health", PORT[service]).withStartupTimeout(240_000));
    if (CONTROL_PLANE.includes(service)) this.withEnvironment({ JAVA_OPTS: CONTROL_PLANE_JAVA_OPTS });
    if (SHARED.includes(service)) this.withBindMounts([{ source: sharedDir, target: "/opt/shared" }]);
  }

  override async start(): Promise<StartedDruidContainer> {
    return new StartedDruidContainer(await super.start(), this.image, this.service);
  }
}

export class StartedDruidContainer extends AbstractStartedContainer implements Component {
  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly service: DruidService,
  ) {
    super(container);
  }

  get name(): string {
    return `druid-${this.service.toLowerCase()}`;
  }

  /** The service's HTTP API on the host. */
  get url(): string {
    return `http://127.0.0.1:${this.getMappedPort(PORT[this.service])}`;
  }
}

/** A Kafka supervisor's status (GET /druid/indexer/v1/supervisor/<id>/status), the fields the harness reads. */
export interface SupervisorStatus {
  state: string;
  detailedState: string;
  healthy: boolean;
  aggregateLag?: number | null;
  latestOffsets?: Record<string, number> | null;
  offsetsLastUpdated?: string | null;
  activeTasks?: Array<{ id: string; currentOffsets?: Record<string, number> }>;
  recentErrors?: Array<{ exceptionClass?: string; message?: string }>;
}

/** Row counts of an ingestion task (rowStats totals.buildSegments). */
export interface RowStats {
  processed: number;
  processedWithError: number;
  unparseable: number;
  thrownAway: number;
}

/** Druid's services and their ZooKeeper, started together (each waits for the others itself). */
export async function startDruidCluster(images: { druid: ResolvedImage; zookeeper: ResolvedImage }, network: StartedNetwork, sharedDir: string): Promise<DruidCluster> {
  const zookeeper = new ZooKeeperContainer(images.zookeeper).withNetwork(network);
  const settings: DruidSettings = { zookeeper: "zookeeper:2181", sharedDir };
  const service = (name: DruidService) => new DruidContainer(images.druid, name, settings).withNetwork(network).start();
  const started = await startAll([zookeeper.start(), service("coordinator"), service("broker"), service("historical"), service("middleManager"), service("router")] as const);
  const cluster = new DruidCluster(...started);
  try {
    await cluster.awaitReady(180_000);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

export class DruidCluster {
  constructor(
    readonly zookeeper: StartedZooKeeperContainer,
    readonly coordinator: StartedDruidContainer,
    readonly broker: StartedDruidContainer,
    readonly historical: StartedDruidContainer,
    readonly middleManager: StartedDruidContainer,
    readonly router: StartedDruidContainer,
  ) {}

  get containers(): Component[] {
    return [this.zookeeper, this.coordinator, this.broker, this.historical, this.middleManager, this.router];
  }

  /** Through the router: the overlord leads, the broker's view of segments is initialised, SQL answers. */
  async awaitReady(timeoutMs: number): Promise<void> {
    await waitFor("Druid's overlord to lead and its broker to answer SQL through the router", timeoutMs, async () => {
      await this.request("GET", "/druid/indexer/v1/isLeader");
      await this.request("GET", "/druid/coordinator/v1/isLeader");
      await this.sql("SELECT 1");
      return true;
    });
  }

  /** A call through the router; a non-2xx answer throws with Druid's error text. */
  async request<T = unknown>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.router.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Druid ${method} ${path}: HTTP ${res.status} ${druidError(text)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Druid SQL, each row an array of the query's columns. */
  sql(query: string): Promise<unknown[][]> {
    return this.request<unknown[][]>("POST", "/druid/v2/sql", { query, resultFormat: "array", header: false });
  }

  /** A native query (answers as soon as segments are announced, before SQL's schema has them). */
  native<T = unknown>(query: Record<string, unknown>): Promise<T> {
    return this.request<T>("POST", "/druid/v2", query);
  }

  async submitSupervisor(spec: Record<string, unknown>): Promise<string> {
    const { id } = await this.request<{ id: string }>("POST", "/druid/indexer/v1/supervisor", spec);
    return id;
  }

  async supervisorStatus(id: string): Promise<SupervisorStatus> {
    return (await this.request<{ payload: SupervisorStatus }>("GET", `/druid/indexer/v1/supervisor/${encodeURIComponent(id)}/status`)).payload;
  }

  /** Row counts of the supervisor's active tasks, summed. */
  async supervisorRowStats(id: string): Promise<RowStats> {
    const stats = await this.request<Record<string, Record<string, { totals?: { buildSegments?: Partial<RowStats> } }>>>("GET", `/druid/indexer/v1/supervisor/${encodeURIComponent(id)}/stats`);
    const sum: RowStats = { processed: 0, processedWithError: 0, unparseable: 0, thrownAway: 0 };
    for (const group of Object.values(stats)) {
      for (const task of Object.values(group)) {
        const t = task.totals?.buildSegments ?? {};
        for (const k of Object.keys(sum) as Array<keyof RowStats>) sum[k] += t[k] ?? 0;
      }
    }
    return sum;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.containers.map((c) => c.container.stop()));
  }
}

/** Druid's error bodies are JSON with `errorMessage` (or `error`); otherwise the text's start. */
function druidError(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessage?: string; error?: string };
    return body.errorMessage ?? body.error ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

