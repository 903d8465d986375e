-- The silver table of the Flink/Iceberg pipelines (pipelines.md §3): Iceberg v2, partitioned by
-- pickup_date, zstd, in the pass's silver namespace. Run before each pipeline's silver.sql.
-- Streaming: keyed by trip_id (Iceberg's equality fields; steps.ts), so that the silver job's changelog lands
-- as it goes: a row replaced or removed is an equality delete on that key, committed with each
-- checkpoint. Not the sink's upsert mode, which deletes by the new row's key: an update
-- that moved a trip to another day would leave its old row.
CREATE DATABASE IF NOT EXISTS lake.${silver};

-- Silver is recomputed from bronze by each run of the job: a second run (an increment) replaces it.
-- Not INSERT OVERWRITE, which replaces only the partitions it writes: a date whose rows were all
-- deleted would keep them.
DROP TABLE IF EXISTS lake.${silver}.cleaned_trips;

CREATE TABLE IF NOT EXISTS lake.${silver}.cleaned_trips (
  trip_id               STRING,
  vendor_id             INT,
  rate_code_id          INT,
  pickup_location_id    INT,
  dropoff_location_id   INT,
  payment_type_id       INT,
  passenger_count       INT,
  pickup_datetime       TIMESTAMP(3),
  dropoff_datetime      TIMESTAMP(3),
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
  pickup_date           DATE${silver.key}
) PARTITIONED BY (pickup_date) WITH (
  'format-version' = '2',
  'write.format.default' = 'parquet',
  'write.parquet.compression-codec' = 'zstd',
  'write.distribution-mode' = '${silver.distribution}'
);
