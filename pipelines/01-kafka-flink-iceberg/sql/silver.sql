-- Silver: silver-core over bronze (pipelines.md §2) into an Iceberg v2 table partitioned by
-- pickup_date: the six conditions, then one row per natural key, the latest by the total order
-- (ingestion time, partition, offset): the producer puts every event of one key, null keys
-- included, in one partition, so this is the produce order the oracle uses.
-- The lakehouse stack's silver-table.sql creates the table, its silver-insert.sql writes this view into it.
-- bronze.rows is bronze's table, or bronze's rows in the job that writes them (one job for both).
CREATE TEMPORARY VIEW silver_rows AS
SELECT
  VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, passenger_count, trip_distance, RatecodeID, store_and_fwd_flag,
  PULocationID, DOLocationID, payment_type, fare_amount, extra, mta_tax, tip_amount, tolls_amount,
  improvement_surcharge, total_amount, congestion_surcharge, Airport_fee
FROM (
  SELECT *,
    ROW_NUMBER() OVER (
      PARTITION BY VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount
      ORDER BY ingestion_ts DESC, kafka_partition DESC, kafka_offset DESC) AS rn
  FROM ${bronze.rows}
  WHERE tpep_pickup_datetime IS NOT NULL
    AND tpep_dropoff_datetime IS NOT NULL
    AND trip_distance >= 0
    AND fare_amount >= 0
    AND CAST(tpep_pickup_datetime AS DATE) >= DATE '2024-01-01'
    AND CAST(tpep_pickup_datetime AS DATE) < DATE '2024-02-01'
)
WHERE rn = 1;
