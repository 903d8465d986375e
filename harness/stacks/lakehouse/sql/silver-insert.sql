-- Writes the view `silver_rows` (TLC names and types, the pipeline's rule-set already applied)
-- into silver: snake_case names, DECIMAL(10,2) money, pickup_date, and the harness-wide trip_id.
-- Shared by every Flink pipeline; each defines `silver_rows` in its own silver.sql.
INSERT INTO lake.${silver}.cleaned_trips
SELECT
  -- the harness-wide trip_id: md5 over the natural key as canonical text (CONCAT_WS skips nulls)
  MD5(CONCAT_WS('|',
    CAST(VendorID AS STRING),
    DATE_FORMAT(tpep_pickup_datetime, 'yyyy-MM-dd HH:mm:ss'),
    DATE_FORMAT(tpep_dropoff_datetime, 'yyyy-MM-dd HH:mm:ss'),
    CAST(PULocationID AS STRING),
    CAST(DOLocationID AS STRING),
    CAST(CAST(fare_amount AS DECIMAL(10, 2)) AS STRING),
    CAST(CAST(total_amount AS DECIMAL(10, 2)) AS STRING))),
  VendorID,
  CAST(RatecodeID AS INT),
  PULocationID,
  DOLocationID,
  CAST(payment_type AS INT),
  CAST(passenger_count AS INT),
  tpep_pickup_datetime,
  tpep_dropoff_datetime,
  trip_distance,
  store_and_fwd_flag,
  CAST(fare_amount AS DECIMAL(10, 2)),
  CAST(extra AS DECIMAL(10, 2)),
  CAST(mta_tax AS DECIMAL(10, 2)),
  CAST(tip_amount AS DECIMAL(10, 2)),
  CAST(tolls_amount AS DECIMAL(10, 2)),
  CAST(improvement_surcharge AS DECIMAL(10, 2)),
  CAST(total_amount AS DECIMAL(10, 2)),
  CAST(congestion_surcharge AS DECIMAL(10, 2)),
  CAST(Airport_fee AS DECIMAL(10, 2)),
  CAST(tpep_pickup_datetime AS DATE)
FROM silver_rows;
