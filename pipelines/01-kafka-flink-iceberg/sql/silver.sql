-- Silver: silver-core over bronze (pipelines.md §2) into an Iceberg v2 table partitioned by
-- pickup_date: the six conditions, then one row per natural key, the latest ingested (ties broken
-- by offset: one key always lands in one partition, so the offset is the produce order). The table
-- itself is created by silver-table.sql.
INSERT INTO lake.silver.cleaned_trips
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
FROM (
  SELECT *,
    ROW_NUMBER() OVER (
      PARTITION BY VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount
      ORDER BY ingestion_ts DESC, kafka_offset DESC) AS rn
  FROM lake.bronze.raw_trips
  WHERE tpep_pickup_datetime IS NOT NULL
    AND tpep_dropoff_datetime IS NOT NULL
    AND trip_distance >= 0
    AND fare_amount >= 0
    AND CAST(tpep_pickup_datetime AS DATE) >= DATE '2024-01-01'
    AND CAST(tpep_pickup_datetime AS DATE) < DATE '2024-02-01'
)
WHERE rn = 1;
