// The Flink lakehouse stack shared by the Flink pipelines (P01, P04, P07–P09, P11, P12, P16–P18, P21):
// Kafka, MinIO with bucket `warehouse`, PostgreSQL as the Iceberg JDBC catalog, a Flink cluster with
// its SQL Gateway, and the dbt image, on one labelled network.
import type { StartedNetwork } from "testcontainers";
import { DbtContainer, type StartedDbt } from "../components/dbt.js";
import { FlinkCluster, type StartedFlink } from "../components/flink.js";
import { KafkaContainer, type StartedKafka } from "../components/kafka.js";
import { MinioContainer, type StartedMinio } from "../components/minio.js";
import { PostgresContainer, type StartedPostgres } from "../components/postgres.js";
import { startAll, type Component } from "../components/container.js";
import { startRunNetwork } from "../runtime/containers.js";

export interface LakehouseStack {
  network: StartedNetwork;
  kafka: StartedKafka;
  storage: StartedMinio;
  catalog: StartedPostgres;
  flink: StartedFlink;
  dbt: StartedDbt;
  /** Every container, named as reports show them. */
  containers(): Component[];
  /** Values for the ${…} placeholders of the Flink SQL scripts (engine-side addresses). */
  sqlVars(): Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the stack; `workDir` receives dbt's target/ and DuckDB file. */
export async function startLakehouse(workDir: string): Promise<LakehouseStack> {
  const network = await startRunNetwork();
  const started: Array<{ stop(): Promise<unknown> }> = [];
  try {
    const [kafka, storage, catalog, flink] = await startAll([
      new KafkaContainer().withNetwork(network).start(),
      new MinioContainer().withNetwork(network).withBucket("warehouse").start(),
      new PostgresContainer().withNetwork(network, "catalog").withDatabase("iceberg").start(),
      new FlinkCluster().withNetwork(network).start(),
    ] as const);
    started.push(kafka, storage, catalog, flink);
    const dbt = await new DbtContainer()
        .withNetwork(network)
        .withEnvironment({
          ICEBERG_CATALOG_URI: `postgresql+psycopg2://${catalog.user}:${encodeURIComponent(catalog.password)}@${catalog.alias}:5432/${catalog.database}`,
          S3_ENDPOINT: storage.internalEndpoint,
          S3_ACCESS_KEY: storage.accessKey,
          S3_SECRET_KEY: storage.secretKey,
        })
        .start(workDir);
    started.push(dbt);
    return {
      network,
      kafka,
      storage,
      catalog,
      flink,
      dbt,
      containers: () => [kafka, storage, catalog, ...flink.containers.map((c) => ({ ...c, image: flink.image })), dbt],
      sqlVars: () => ({
        "kafka.bootstrap": kafka.internalBootstrapServers,
        "catalog.uri": catalog.internalJdbcUrl,
        "catalog.user": catalog.user,
        "catalog.password": catalog.password,
        "s3.endpoint": storage.internalEndpoint,
        "s3.access_key": storage.accessKey,
        "s3.secret_key": storage.secretKey,
      }),
      stop: async () => {
        await Promise.allSettled(started.map((c) => c.stop()));
        await network.stop();
      },
    };
  } catch (err) {
    await Promise.allSettled(started.map((c) => c.stop()));
    await network.stop().catch(() => undefined);
    throw err;
  }
}
