// The Flink lakehouse stack shared by the Flink pipelines (P01, P04, P07–P09, P11, P12, P16–P18, P21):
// Kafka, MinIO with bucket `warehouse`, PostgreSQL as the Iceberg JDBC catalog, a Flink cluster with
// its SQL Gateway (a session per script, session.sql run in each), and the dbt image, on one
// labelled network.
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { StartedNetwork } from "testcontainers";
import { startAll, type Component } from "../../components/container.js";
import { DbtContainer, type StartedDbtContainer } from "../../components/dbt.js";
import { startFlinkCluster, type FlinkCluster, type SqlSession } from "../../components/flink.js";
import { KafkaContainer, type StartedKafkaContainer } from "../../components/kafka.js";
import { MinioContainer, type StartedMinioContainer } from "../../components/minio.js";
import { PostgresContainer, type StartedPostgresContainer } from "../../components/postgres.js";
import type { StackDefinition, StackInputs, StartedStack } from "../../pipeline.js";
import { onRunNetwork } from "../network.js";
import { readerEnvironment } from "../tables/read.js";
import { loadSqlScript } from "../../stages/sql-script.js";

/** The stack's shared Flink SQL (sql/): the session, the bounded topic source, silver's table and write. */
export const LAKEHOUSE_SQL = (file: string): string => join(import.meta.dirname, "sql", file);

/** Bounds of the stages that wait on Flink, so a stuck job fails its stage, not the whole run. */
export const JOB_TIMEOUT_MS = 240_000;

/** A job's bound for `events` events: the fixed bound plus 4 ms an event (250 events/s, below the slowest rate measured). */
export const jobTimeoutMs = (events = 0): number => JOB_TIMEOUT_MS + 4 * events;

/**
 * Streaming: Iceberg commits on each checkpoint, so the checkpoint interval bounds how fresh silver
 * is: an event read just after a checkpoint waits up to one interval, plus the checkpoint and the
 * commit themselves.
 */
const CHECKPOINT_INTERVAL = "1s";

/**
 * The cluster in streaming mode: checkpoints in a directory the JobManager and the TaskManager share
 * (a TaskManager that dies loses none; state that grows with the events does not fit the
 * JobManager's memory, which refuses more than 5 MB — P12's dedup state at 10,000 rows), a restart a
 * second after a failure for as long as it takes, a lost TaskManager noticed within 10 s, and slots
 * for the unbounded jobs of two passes at once (2 slots each).
 */
const CHECKPOINTS = "/checkpoints";
const STREAMING_FLINK: Record<string, string> = {
  "execution.checkpointing.interval": CHECKPOINT_INTERVAL,
  "execution.checkpointing.storage": "filesystem",
  "execution.checkpointing.dir": `file://${CHECKPOINTS}`,
  "restart-strategy.type": "fixed-delay",
  "restart-strategy.fixed-delay.attempts": "2147483647",
  "restart-strategy.fixed-delay.delay": "1s",
  "heartbeat.interval": "1000",
  "heartbeat.timeout": "10000",
  "taskmanager.numberOfTaskSlots": "4",
};

/** A host directory the engines' own users may write (the flink user is not the harness's). */
function sharedDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  return dir;
}

/** The stack without its dbt container: for pipelines whose dbt runs elsewhere (an orchestrator's worker). */
export type LakehouseCore = Omit<LakehouseStack, "dbt">;

export interface LakehouseStack extends StartedStack {
  network: StartedNetwork;
  kafka: StartedKafkaContainer;
  storage: StartedMinioContainer;
  catalog: StartedPostgresContainer;
  flink: FlinkCluster;
  /**
   * A new SQL Gateway session (batch mode, UTC, the Iceberg catalog `lake`), for one script: its
   * temporary tables and views are its own, so a job can run again (an increment) or in another pass.
   */
  session(): Promise<SqlSession>;
  dbt: StartedDbtContainer;
  /** Values for the ${…} placeholders of the Flink SQL scripts (engine-side addresses). */
  sqlVars(): Record<string, string>;
}

export const LAKEHOUSE_IMAGES = ["kafka", "minio", "postgres", "flink-lakehouse", "dbt"] as const;
export const LAKEHOUSE_CORE_IMAGES = LAKEHOUSE_IMAGES.filter((i) => i !== "dbt");

/** Settings of a pipeline's own on the shared stack (P11's metrics reporter). */
export interface LakehouseOptions {
  /** Flink configuration keys beyond the stack's. */
  flink?: Record<string, string>;
}

/** Starts the stack on `network`; what started is stopped again when a part fails. */
export async function startLakehouse(network: StartedNetwork, inputs: StackInputs, options: LakehouseOptions = {}): Promise<LakehouseStack> {
  const core = await startLakehouseCore(network, inputs, options);
  try {
    // dbt reads silver through the same catalog and object store (the lakehouse target).
    const dbt = await new DbtContainer(inputs.images.dbt!, inputs.workDir)
      .withNetwork(network)
      .withEnvironment(readerEnvironment({ storage: core.storage, catalog: core.catalog }, "network"))
      .start();
    return {
      ...core,
      dbt,
      containers: () => [...core.containers(), dbt],
      stop: async () => {
        await Promise.allSettled([dbt.stop(), core.stop()]);
      },
    };
  } catch (err) {
    await core.stop();
    throw err;
  }
}

/** The stack without dbt (Kafka, MinIO, the catalog, Flink), for pipelines whose dbt runs elsewhere. */
export async function startLakehouseCore(network: StartedNetwork, { images, mode, workDir }: StackInputs, options: LakehouseOptions = {}): Promise<LakehouseCore> {
  const streaming = mode.name === "streaming";
  const shared = streaming ? { host: sharedDir(join(workDir, "checkpoints")), container: CHECKPOINTS } : undefined;
  const [kafka, storage, catalog, flink] = await startAll([
    new KafkaContainer(images.kafka!).withNetwork(network).start(),
    new MinioContainer(images.minio!).withNetwork(network).withBucket("warehouse").start(),
    new PostgresContainer(images.postgres!).withNetwork(network).withNetworkAlias("catalog").withDatabase("iceberg").start(),
    startFlinkCluster(images["flink-lakehouse"]!, network, { ...(streaming ? STREAMING_FLINK : {}), ...options.flink }, shared),
  ] as const);
  const stop = async () => {
    await Promise.allSettled([kafka, storage, catalog, flink].map((p) => p.stop()));
  };
  const sqlVars = () => ({
    "kafka.bootstrap": kafka.internalBootstrapServers,
    "catalog.uri": catalog.internalJdbcUrl,
    "catalog.user": catalog.user,
    "catalog.password": catalog.password,
    "s3.endpoint": storage.internalEndpoint,
    "s3.access_key": storage.accessKey,
    "s3.secret_key": storage.secretKey,
    "runtime.mode": mode.name,
  });
  const session = async (stage = "startup") => {
    const opened = await flink.openSession();
    await opened.runScript(stage, loadSqlScript(LAKEHOUSE_SQL("session.sql"), sqlVars()), JOB_TIMEOUT_MS);
    return opened;
  };
  try {
    // A session opens with the stack: a catalog that cannot be reached fails startup.
    await (await session()).close();
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    network,
    kafka,
    storage,
    catalog,
    flink,
    session: () => session(),
    sqlVars,
    containers: (): Component[] => [kafka, storage, catalog, ...flink.containers],
    stop,
  };
}

export const lakehouse: StackDefinition<LakehouseStack> = onRunNetwork("Flink lakehouse", LAKEHOUSE_IMAGES, (network, inputs) => startLakehouse(network, inputs));

/** Something a pipeline adds beside the lakehouse (a serving engine, a metrics store): started with it, stopped with it. */
export interface LakehouseExtra {
  containers(): Component[];
  stop(): Promise<void>;
}

/**
 * The lakehouse stack plus what a pipeline family adds beside it on the same network, started in
 * parallel (what started is stopped when a part fails); `extra` becomes the stack's `key`.
 */
export function lakehousePlus<K extends string, E extends LakehouseExtra>(
  name: string,
  images: readonly string[],
  key: K,
  start: (network: StartedNetwork, inputs: StackInputs) => Promise<E>,
  options: LakehouseOptions = {},
): StackDefinition<LakehouseStack & Record<K, E>> {
  return onRunNetwork(`Flink lakehouse + ${name}`, [...LAKEHOUSE_IMAGES, ...images], async (network, inputs) => {
    const [lake, extra] = await startAll([startLakehouse(network, inputs, options), start(network, inputs)] as const);
    return {
      ...lake,
      [key]: extra,
      containers: () => [...lake.containers(), ...extra.containers()],
      stop: async () => {
        await Promise.allSettled([lake.stop(), extra.stop()]);
      },
    } as LakehouseStack & Record<K, E>;
  });
}
