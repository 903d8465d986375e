// The Spark lakehouse stack shared by the Spark pipelines (P02, P13, P22): Kafka, MinIO with bucket
// `warehouse`, PostgreSQL as the Iceberg JDBC catalog (the one the Flink pipelines and pyiceberg use),
// a Spark standalone cluster (master + worker) and the dbt image, on one labelled network. Jobs run
// with spark-submit in the master's container, with a properties file per table format.
import { join } from "node:path";
import type { StartedNetwork } from "testcontainers";
import { startAll, type Component } from "../../components/container.js";
import { DbtContainer, type StartedDbtContainer } from "../../components/dbt.js";
import { KafkaContainer, type StartedKafkaContainer } from "../../components/kafka.js";
import { MinioContainer, type StartedMinioContainer } from "../../components/minio.js";
import { PostgresContainer, type StartedPostgresContainer } from "../../components/postgres.js";
import { startSparkCluster, type SparkApplication, type SparkCluster, type SparkJobResult } from "../../components/spark.js";
import { InputError } from "../../errors.js";
import type { StackDefinition, StackInputs, StartedStack } from "../../pipeline.js";
import { onRunNetwork } from "../network.js";
import { readerEnvironment } from "../tables/read.js";
import { TRIP_FIELDS_PY } from "../common/python.js";
import type { SparkFormat } from "./formats.js";

export interface SparkStack extends StartedStack {
  network: StartedNetwork;
  kafka: StartedKafkaContainer;
  storage: StartedMinioContainer;
  catalog: StartedPostgresContainer;
  spark: SparkCluster;
  dbt: StartedDbtContainer;
  /**
   * Runs one job of jobs/job.py (its spec) with `format`'s settings: in the stack's application for the
   * format, started with its first job and serving every later one (one JVM, warm), or with
   * HARNESS_SPARK_JOBS=submit in an application of its own (one spark-submit per job).
   */
  runJob(stage: string, format: SparkFormat, spec: { name: string } & Record<string, unknown>, timeoutMs: number): Promise<SparkJobResult>;
}

export const SPARK_IMAGES = ["kafka", "minio", "postgres", "spark-lakehouse", "dbt"] as const;

const JOBS = (file: string) => join(import.meta.dirname, "jobs", file);

/** How jobs reach the cluster: `application` (one per format, serving jobs) or `submit` (one spark-submit per job). */
export function sparkJobsMode(env: NodeJS.ProcessEnv = process.env): "application" | "submit" {
  const mode = env.HARNESS_SPARK_JOBS ?? "application";
  if (mode !== "application" && mode !== "submit") throw new InputError(`HARNESS_SPARK_JOBS=${mode}: use "application" (one Spark application serves every job, the default) or "submit" (one spark-submit per job)`);
  return mode;
}

/**
 * The driver's and executor's JIT and collector: short jobs on few cores spend less in C1-only
 * compilation and a serial collector than in C2's compile threads and G1's (P22 e2e 140 s → 94 s
 * here); HARNESS_SPARK_JVM replaces them ("" for the JVM's defaults).
 */
const JIT = process.env.HARNESS_SPARK_JVM ?? "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

/** Settings of every job: UTC, a small cluster's shuffle width, S3A on MinIO, the format's jars. */
function jobProperties(storage: StartedMinioContainer, format: SparkFormat): Record<string, string> {
  const jars = `/opt/spark/formats/${format.name}/*`;
  return {
    "spark.sql.session.timeZone": "UTC",
    "spark.driver.extraJavaOptions": `-Duser.timezone=UTC ${JIT}`,
    "spark.executor.extraJavaOptions": `-Duser.timezone=UTC ${JIT}`,
    "spark.driver.extraClassPath": jars,
    "spark.executor.extraClassPath": jars,
    // The driver runs in the master's container: executors reach it by its network alias.
    "spark.driver.host": "spark-master",
    "spark.driver.bindAddress": "0.0.0.0",
    "spark.driver.memory": "1g",
    "spark.executor.memory": "2g",
    // 10k–30k rows: Spark's default of 200 shuffle partitions is 200 tiny tasks per stage.
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.showConsoleProgress": "false",
    "spark.hadoop.fs.s3a.endpoint": storage.internalEndpoint,
    "spark.hadoop.fs.s3a.path.style.access": "true",
    "spark.hadoop.fs.s3a.connection.ssl.enabled": "false",
    "spark.hadoop.fs.s3a.access.key": storage.accessKey,
    "spark.hadoop.fs.s3a.secret.key": storage.secretKey,
    "spark.hadoop.fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
  };
}

export async function startSparkLakehouse(network: StartedNetwork, { images, workDir }: StackInputs): Promise<SparkStack> {
  const mode = sparkJobsMode();
  const image = images["spark-lakehouse"]!;
  const [kafka, storage, catalog, spark] = await startAll([
    new KafkaContainer(images.kafka!).withNetwork(network).start(),
    new MinioContainer(images.minio!).withNetwork(network).withBucket("warehouse").start(),
    new PostgresContainer(images.postgres!).withNetwork(network).withNetworkAlias("catalog").withDatabase("iceberg").start(),
    startSparkCluster(image, network),
  ] as const);
  const parts: Array<{ stop(): Promise<unknown> }> = [kafka, storage, catalog, spark];
  // dbt reads silver through the same catalog and object store (the lakehouse target).
  const dbt = await new DbtContainer(images.dbt!, workDir)
    .withNetwork(network)
    .withEnvironment(readerEnvironment({ storage, catalog }, "network"))
    .start()
    .catch(async (err: unknown) => {
      await Promise.allSettled(parts.map((p) => p.stop()));
      throw err;
    });
  parts.push(dbt);
  const properties = (format: SparkFormat) =>
    Object.entries({ ...jobProperties(storage, format), ...format.properties(settings) })
      .map(([k, v]) => `${k} ${v}`)
      .join("\n") + "\n";
  const applications = new Map<string, Promise<SparkApplication>>();
  const settings = {
    uri: catalog.internalJdbcUrl,
    user: catalog.user,
    password: catalog.password,
    s3Endpoint: storage.internalEndpoint,
    s3AccessKey: storage.accessKey,
    s3SecretKey: storage.secretKey,
  };
  return {
    network,
    kafka,
    storage,
    catalog,
    spark,
    dbt,
    runJob: async (stage, format, spec, timeoutMs) => {
      const job = (name: string) => ({
        name,
        app: JOBS("job.py"),
        pyFiles: [TRIP_FIELDS_PY],
        files: { "job.json": JSON.stringify(spec), "job.properties": properties(format) },
        properties: "job.properties",
      });
      if (mode === "submit") return spark.submit(stage, { ...job(spec.name), args: ["job.json"] }, timeoutMs);
      let app = applications.get(format.name);
      if (!app) {
        app = spark.startApplication(stage, job(`harness-${format.name}`), timeoutMs);
        applications.set(format.name, app);
      }
      return (await app).run(stage, JSON.stringify(spec), timeoutMs);
    },
    containers: (): Component[] => [kafka, storage, catalog, ...spark.containers, dbt],
    stop: async () => {
      await Promise.allSettled(parts.map((p) => p.stop()));
    },
  };
}

export const sparkLakehouse: StackDefinition<SparkStack> = onRunNetwork("Spark lakehouse", SPARK_IMAGES, startSparkLakehouse);
