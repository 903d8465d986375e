-- Bronze (pipelines.md §3): every event as received (original names, timestamps parsed) plus its
-- ingestion time and Kafka position (the stack's column list), in a Hudi
-- copy-on-write table keyed by that position (a second read of the topic upserts the same rows),
-- unpartitioned, registered in the job's session by location.
CREATE TABLE IF NOT EXISTS ${bronze.table} (
  ${bronze.columns}
) USING hudi
LOCATION '${bronze.path}'
TBLPROPERTIES (type = 'cow', primaryKey = 'kafka_partition,kafka_offset', preCombineField = 'ingestion_ts');
