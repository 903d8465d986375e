-- Writes the view `silver_rows` (TLC names and types, the pipeline's rule-set already applied)
-- into silver: snake_case names, DECIMAL(10,2) money, pickup_date, and trip_id.
-- Shared by every Flink pipeline; each defines `silver_rows` in its own silver.sql.
INSERT INTO lake.${silver}.cleaned_trips
SELECT
  -- trip_id = md5 of the rule-set's key (harness/oracle/rulesets/to_silver.sql): the natural key as
  -- canonical text, or a silver-cdc view's source_key
  MD5(${trip_key}),
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
