-- Silver: the stack's silver-core rows with their ingestion time (view `silver_rows_ingested`)
-- upserted into a Hudi copy-on-write table on record key trip_id, the ingestion time as precombine
-- field (a later event of a trip wins). The table is registered in the job's session by location.
-- Hudi (0.15 and 1.0) has no timestamp without time zone (Spark's TIMESTAMP_NTZ fails with
-- IncompatibleSchemaException), so timestamps are stored as the UTC instants of their wall-clock
-- times (the session is UTC; the stack's column lists and silver-core say TIMESTAMP for Hudi), and
-- read back in UTC.
CREATE TABLE IF NOT EXISTS ${silver.table} (
  ${silver.columns_ingested}
) USING hudi
LOCATION '${silver.path}'
TBLPROPERTIES (type = 'cow', primaryKey = 'trip_id', preCombineField = 'ingestion_ts');

MERGE INTO ${silver.table} AS t
USING silver_rows_ingested AS s
ON t.trip_id = s.trip_id
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED THEN INSERT *;
