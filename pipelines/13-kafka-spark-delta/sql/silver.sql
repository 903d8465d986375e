-- Silver: the stack's silver-core rows (view `silver_rows`) as a Delta table partitioned by
-- pickup_date, overwritten by each run: one new version whose log removes every file of the last.
-- (Delta 3.3 cannot CREATE OR REPLACE … AS SELECT on a path table, so the table is made once.)
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
  pickup_date           DATE
) USING delta
PARTITIONED BY (pickup_date);

INSERT OVERWRITE ${silver.table}
SELECT * FROM silver_rows;
