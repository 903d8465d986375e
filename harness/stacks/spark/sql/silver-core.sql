-- silver-core (pipelines.md §2) over a Spark pipeline's bronze table ${bronze.table}: the six
-- conditions, then one row per natural key, the latest by the total order (ingestion time, partition,
-- offset: the producer puts every event of one key in one partition, so this is the produce order the
-- oracle uses), in silver's names and types (§3; timestamps in the format's own type) with
-- trip_id = md5 of the natural key.
-- `silver_rows` holds silver's 21 columns; `silver_rows_ingested` adds the ingestion time, for a
-- table format that orders upserts by it (Hudi's precombine field). Each pipeline's silver.sql
-- writes one of them into its table.
CREATE OR REPLACE TEMPORARY VIEW silver_rows_ingested AS
SELECT
  MD5(${natural_key}) AS trip_id,
  CAST(VendorID AS INT) AS vendor_id,
  CAST(RatecodeID AS INT) AS rate_code_id,
  CAST(PULocationID AS INT) AS pickup_location_id,
  CAST(DOLocationID AS INT) AS dropoff_location_id,
  CAST(payment_type AS INT) AS payment_type_id,
  CAST(passenger_count AS INT) AS passenger_count,
  CAST(tpep_pickup_datetime AS ${timestamp}) AS pickup_datetime,
  CAST(tpep_dropoff_datetime AS ${timestamp}) AS dropoff_datetime,
  trip_distance AS trip_distance_miles,
  store_and_fwd_flag,
  CAST(fare_amount AS DECIMAL(10, 2)) AS fare_amount,
  CAST(extra AS DECIMAL(10, 2)) AS extra_amount,
  CAST(mta_tax AS DECIMAL(10, 2)) AS mta_tax,
  CAST(tip_amount AS DECIMAL(10, 2)) AS tip_amount,
  CAST(tolls_amount AS DECIMAL(10, 2)) AS tolls_amount,
  CAST(improvement_surcharge AS DECIMAL(10, 2)) AS improvement_surcharge,
  CAST(total_amount AS DECIMAL(10, 2)) AS total_amount,
  CAST(congestion_surcharge AS DECIMAL(10, 2)) AS congestion_surcharge,
  CAST(Airport_fee AS DECIMAL(10, 2)) AS airport_fee,
  CAST(tpep_pickup_datetime AS DATE) AS pickup_date,
  CAST(ingestion_ts AS ${timestamp}) AS ingestion_ts
FROM (
  SELECT *,
    ROW_NUMBER() OVER (
      PARTITION BY VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount
      ORDER BY ingestion_ts DESC, kafka_partition DESC, kafka_offset DESC) AS rn
  FROM ${bronze.table}
  WHERE tpep_pickup_datetime IS NOT NULL
    AND tpep_dropoff_datetime IS NOT NULL
    AND trip_distance >= 0
    AND fare_amount >= 0
    AND CAST(tpep_pickup_datetime AS DATE) >= DATE '2024-01-01'
    AND CAST(tpep_pickup_datetime AS DATE) < DATE '2024-02-01'
)
WHERE rn = 1;

CREATE OR REPLACE TEMPORARY VIEW silver_rows AS
SELECT
  trip_id, vendor_id, rate_code_id, pickup_location_id, dropoff_location_id, payment_type_id, passenger_count,
  pickup_datetime, dropoff_datetime, trip_distance_miles, store_and_fwd_flag, fare_amount, extra_amount, mta_tax,
  tip_amount, tolls_amount, improvement_surcharge, total_amount, congestion_surcharge, airport_fee, pickup_date
FROM silver_rows_ingested;
