-- Silver: the stack's silver-core rows with their ingestion time (view `silver_rows_ingested`)
-- upserted into a Hudi copy-on-write table on record key trip_id, the ingestion time as precombine
-- field (a later event of a trip wins). The table is registered in the job's session by location.
CREATE TABLE IF NOT EXISTS ${silver.table} (
  trip_id               STRING,
  vendor_id             INT,
  rate_code_id          INT,
  pickup_location_id    INT,
  dropoff_location_id   INT,
  payment_type_id       INT,
  passenger_count       INT,
  pickup_datetime       TIMESTAMP_NTZ,
  dropoff_datetime      TIMESTAMP_NTZ,
  trip_distance_miles   DOUBLE,
  store_and_fwd_flag    STRING,
  fare_amount           DECIMAL(10, 2),
  extra_amount          DECIMAL(10, 2),
  mta_tax               DECIMAL(10, 2),
  tip_amount            DECIMAL(10, 2),
  tolls_amount          DECIMAL(10, 2),
  improvement_surcharge DECIMAL(10, 2),
  total_amount          DECIMAL(10, 2),
  congestion_surcharge  DECIMAL(10, 2),
  airport_fee           DECIMAL(10, 2),
  pickup_date           DATE,
  ingestion_ts          TIMESTAMP_NTZ
) USING hudi
LOCATION '${silver.path}'
TBLPROPERTIES (type = 'cow', primaryKey = 'trip_id', preCombineField = 'ingestion_ts');

MERGE INTO ${silver.table} AS t
USING silver_rows_ingested AS s
ON t.trip_id = s.trip_id
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED THEN INSERT *;
