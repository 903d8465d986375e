-- Bronze (pipelines.md §3): every event as received (original names, timestamps parsed) plus its
-- ingestion time and Kafka position (the stack's column list), in a Delta table,
-- unpartitioned. Made anew by each run of the job, which reads the whole topic.
CREATE OR REPLACE TABLE ${bronze.table} (
  ${bronze.columns}
) USING delta;
