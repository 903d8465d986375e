-- Every SQL Gateway session (one per script): bounded jobs in batch mode or unbounded ones in
-- streaming mode, UTC timestamps, the harness's functions, and the Iceberg catalog (JDBC on PostgreSQL, data files on MinIO
-- through S3FileIO).
SET 'execution.runtime-mode' = '${runtime.mode}';
SET 'table.local-time-zone' = 'UTC';
SET 'table.exec.resource.default-parallelism' = '2';
-- Generated code is not split into small methods: the splitter parses each generated class with
-- ANTLR, in the gateway, cold — 2.4 s of the bronze job's planning. The classes stay far below the
-- JVM's 64 KB a method; the long methods run uncompiled, which measured no slower for these jobs.
SET 'table.generated-code.max-length' = '1000000';

-- json_fields (the flink-lakehouse image's functions/): a message's JSON types and texts from one parse
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS json_fields AS 'harness.flink.JsonFields' LANGUAGE JAVA;

CREATE CATALOG lake WITH (
  'type' = 'iceberg',
  'catalog-impl' = 'org.apache.iceberg.jdbc.JdbcCatalog',
  'uri' = '${catalog.uri}',
  'jdbc.user' = '${catalog.user}',
  'jdbc.password' = '${catalog.password}',
  'warehouse' = 's3://warehouse/',
  'io-impl' = 'org.apache.iceberg.aws.s3.S3FileIO',
  's3.endpoint' = '${s3.endpoint}',
  's3.path-style-access' = 'true',
  's3.access-key-id' = '${s3.access_key}',
  's3.secret-access-key' = '${s3.secret_key}',
  'client.region' = 'us-east-1',
  -- every statement sees the catalog as it is now (tables are created and read within one session)
  'cache-enabled' = 'false'
);
