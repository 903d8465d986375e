-- Silver: the stack's silver-core rows with their ingestion time (view `silver_rows_ingested`)
-- upserted into a Hudi copy-on-write table on record key trip_id, the ingestion time as precombine
-- field (a later event of a trip wins). The table is registered in the job's session by location.
-- Hudi (0.15 and 1.0) has no timestamp without time zone (Spark's TIMESTAMP_NTZ fails with
-- IncompatibleSchemaException), so timestamps are stored as the UTC instants of their wall-clock
-- times (the session is UTC), and read back in UTC.
-- Small commits: no metadata table (hudi-rs lists a version-6 table's files itself) and no embedded
-- timeline server, each of which costs more than the write of a few thousand rows.
SET hoodie.metadata.enable = false;
SET hoodie.embed.timeline.server = false;

CREATE TABLE IF NOT EXISTS ${silver.table} (
  trip_id               STRING,
  vendor_id             INT,
  rate_code_id          INT,
  pickup_location_id    INT,
  dropoff_location_id   INT,
  payment_type_id       INT,
  passenger_count       INT,
  pickup_datetime       TIMESTAMP,
  dropoff_datetime      TIMESTAMP,
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
  ingestion_ts          TIMESTAMP
) USING hudi
LOCATION '${silver.path}'
TBLPROPERTIES (type = 'cow', primaryKey = 'trip_id', preCombineField = 'ingestion_ts');

CREATE OR REPLACE TEMPORARY VIEW silver_upserts AS
SELECT
  trip_id, vendor_id, rate_code_id, pickup_location_id, dropoff_location_id, payment_type_id, passenger_count,
  CAST(pickup_datetime AS TIMESTAMP) AS pickup_datetime,
  CAST(dropoff_datetime AS TIMESTAMP) AS dropoff_datetime,
  trip_distance_miles, store_and_fwd_flag, fare_amount, extra_amount, mta_tax, tip_amount, tolls_amount,
  improvement_surcharge, total_amount, congestion_surcharge, airport_fee, pickup_date,
  CAST(ingestion_ts AS TIMESTAMP) AS ingestion_ts
FROM silver_rows_ingested;

MERGE INTO ${silver.table} AS t
USING silver_upserts AS s
ON t.trip_id = s.trip_id
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED THEN INSERT *;
