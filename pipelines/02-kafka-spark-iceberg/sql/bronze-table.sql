-- Bronze (pipelines.md §3): every event as received (original names, timestamps parsed) plus its
-- ingestion time and Kafka position (the stack's column list), in an Iceberg v1
-- table, unpartitioned, parquet zstd. Made anew by each run of the job, which reads the whole topic.
CREATE NAMESPACE IF NOT EXISTS lake.${bronze};

CREATE OR REPLACE TABLE ${bronze.table} (
  ${bronze.columns}
) USING iceberg
TBLPROPERTIES ('format-version' = '1', 'write.format.default' = 'parquet', 'write.parquet.compression-codec' = 'zstd');
