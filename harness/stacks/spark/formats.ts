// The table formats the Spark pipelines write, each as a job needs it: the folder of its jars in the
// spark-lakehouse image, the Spark properties that enable it, and how SQL names a table of it.
// One format per job: Delta's and Hudi's catalogs both take spark_catalog, so they never share a session.
import type { TableFormat, TableRef } from "../tables/read.js";

export interface SparkFormat {
  name: TableFormat;
  /** Spark properties of a session that reads and writes this format (beyond the stack's). */
  properties(settings: CatalogSettings): Record<string, string>;
  /** Its type for a timestamp without time zone: TIMESTAMP_NTZ, or TIMESTAMP (UTC) where the format has none. */
  timestamp: "TIMESTAMP_NTZ" | "TIMESTAMP";
  /** The dbt source (dbt/models/staging/_sources.yml) that reads silver in this format. */
  dbtSource: string;
  /**
   * The table `namespace.table` as Spark SQL names it, its path in the job (a Delta or Hudi table's
   * location), how the harness's readers find it, and the s3:// folder its files are in.
   */
  table(namespace: string, table: string): { sql: string; path: string; ref: TableRef; location: string };
  /** Statements every job of the format runs first, in its own session (write settings). */
  session: string[];
  /** Statements that make an existing table known to a new session by its SQL name (none where the catalog knows it). */
  register(namespace: string, table: string): string[];
}

export interface CatalogSettings {
  uri: string;
  user: string;
  password: string;
  s3Endpoint: string;
  s3AccessKey: string;
  s3SecretKey: string;
}

const onPath = (format: TableFormat, namespace: string, table: string) => `s3a://warehouse/${format}/${namespace}/${table}`;

/** Iceberg: catalog `lake`, the JDBC catalog on PostgreSQL that the Flink pipelines and pyiceberg share. */
const iceberg: SparkFormat = {
  name: "iceberg",
  timestamp: "TIMESTAMP_NTZ",
  dbtSource: "lakehouse",
  properties: (catalog) => ({
    "spark.sql.extensions": "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
    "spark.sql.catalog.lake": "org.apache.iceberg.spark.SparkCatalog",
    "spark.sql.catalog.lake.catalog-impl": "org.apache.iceberg.jdbc.JdbcCatalog",
    "spark.sql.catalog.lake.uri": catalog.uri,
    "spark.sql.catalog.lake.jdbc.user": catalog.user,
    "spark.sql.catalog.lake.jdbc.password": catalog.password,
    "spark.sql.catalog.lake.warehouse": "s3://warehouse/",
    "spark.sql.catalog.lake.io-impl": "org.apache.iceberg.aws.s3.S3FileIO",
    "spark.sql.catalog.lake.s3.endpoint": catalog.s3Endpoint,
    "spark.sql.catalog.lake.s3.path-style-access": "true",
    "spark.sql.catalog.lake.s3.access-key-id": catalog.s3AccessKey,
    "spark.sql.catalog.lake.s3.secret-access-key": catalog.s3SecretKey,
    "spark.sql.catalog.lake.client.region": "us-east-1",
    // every statement sees the catalog as it is now (tables are replaced and read within one job)
    "spark.sql.catalog.lake.cache-enabled": "false",
  }),
  table: (namespace, table) => ({
    sql: `lake.${namespace}.${table}`,
    path: `${namespace}.${table}`,
    ref: { format: "iceberg", name: `${namespace}.${table}` },
    // the JDBC catalog's default location: <warehouse>/<namespace>/<table>
    location: `s3://warehouse/${namespace}/${table}`,
  }),
  session: [],
  register: () => [],
};

/** Delta 3.3 on s3a (single driver: the default S3 log store is safe for one writer). */
const delta: SparkFormat = {
  name: "delta",
  timestamp: "TIMESTAMP_NTZ",
  dbtSource: "delta_silver",
  properties: () => ({
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
  }),
  table: (namespace, table) => {
    const path = onPath("delta", namespace, table);
    const location = path.replace(/^s3a:/, "s3:");
    return { sql: `delta.\`${path}\``, path, ref: { format: "delta", name: location }, location };
  },
  session: [],
  register: () => [],
};

/** Hudi 0.15 (copy-on-write tables on s3a; no metastore: tables are registered per session by location). */
const hudi: SparkFormat = {
  name: "hudi",
  // Hudi 0.15 (and 1.0) rejects TIMESTAMP_NTZ (IncompatibleSchemaException): instants, in a UTC session.
  timestamp: "TIMESTAMP",
  dbtSource: "hudi_silver",
  properties: () => ({
    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
    "spark.kryo.registrator": "org.apache.spark.HoodieSparkKryoRegistrar",
    "spark.sql.extensions": "org.apache.spark.sql.hudi.HoodieSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.hudi.catalog.HoodieCatalog",
  }),
  table: (namespace, table) => {
    const path = onPath("hudi", namespace, table);
    const location = path.replace(/^s3a:/, "s3:");
    return { sql: `${namespace}_${table}`, path, ref: { format: "hudi", name: location }, location };
  },
  // Small commits: no metadata table (hudi-rs lists a version-6 table's files itself) and no embedded
  // timeline server, each of which costs more than the write of a few thousand rows.
  session: ["SET hoodie.metadata.enable = false", "SET hoodie.embed.timeline.server = false"],
  // Spark cannot query a Hudi path directly (UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY): the session
  // registers it by location, Hudi reading the schema from the table's own properties.
  register: (namespace, table) => {
    const { sql, path } = hudi.table(namespace, table);
    return [`CREATE TABLE IF NOT EXISTS ${sql} USING hudi LOCATION '${path}'`];
  },
};

export const SPARK_FORMATS: Record<TableFormat, SparkFormat> = { iceberg, delta, hudi };
