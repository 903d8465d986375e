-- Silver: silver-cdc (pipelines.md §2) over bronze's change events: per primary key the latest
-- event (Kafka offset: Debezium keys each change by the primary key, so a key's changes sit in one
-- partition in commit order), deleted keys dropped, the after-image parsed, then the row rules. The
-- key goes on as source_key: silver-cdc's trip_id is its md5 (one row per source row).
-- The lakehouse stack's silver-table.sql creates the table and its silver-insert.sql writes this view into it.
--
-- Values are read as text and cast: JSON_VALUE … RETURNING DOUBLE fails on an integer literal
-- (ClassCastException in Flink 2.0). Timestamps arrive as epoch microseconds (Debezium
-- MicroTimestamp of a TIMESTAMP column, i.e. the wall-clock time read as UTC): to epoch millis,
-- TO_TIMESTAMP_LTZ, and back to TIMESTAMP(3) under the session's UTC time zone.

CREATE TEMPORARY VIEW cdc_latest AS
SELECT id, op, payload
FROM (
  SELECT
    id, op, payload,
    ROW_NUMBER() OVER (PARTITION BY id ORDER BY kafka_partition DESC, kafka_offset DESC) AS rn
  FROM (
    SELECT
      JSON_VALUE(payload, '$.op') AS op,
      -- a delete has no after-image; its before-image holds the key (REPLICA IDENTITY DEFAULT)
      CAST(COALESCE(JSON_VALUE(payload, '$.after.id'), JSON_VALUE(payload, '$.before.id')) AS BIGINT) AS id,
      payload, kafka_partition, kafka_offset
    FROM ${bronze.rows}
  )
)
WHERE rn = 1;

CREATE TEMPORARY VIEW cdc_current AS
SELECT
  id AS source_key,
  CAST(JSON_VALUE(payload, '$.after.VendorID') AS INT) AS VendorID,
  CAST(TO_TIMESTAMP_LTZ(CAST(JSON_VALUE(payload, '$.after.tpep_pickup_datetime') AS BIGINT) / 1000, 3) AS TIMESTAMP(3)) AS tpep_pickup_datetime,
  CAST(TO_TIMESTAMP_LTZ(CAST(JSON_VALUE(payload, '$.after.tpep_dropoff_datetime') AS BIGINT) / 1000, 3) AS TIMESTAMP(3)) AS tpep_dropoff_datetime,
  CAST(JSON_VALUE(payload, '$.after.passenger_count') AS BIGINT) AS passenger_count,
  CAST(JSON_VALUE(payload, '$.after.trip_distance') AS DOUBLE) AS trip_distance,
  CAST(JSON_VALUE(payload, '$.after.RatecodeID') AS BIGINT) AS RatecodeID,
  JSON_VALUE(payload, '$.after.store_and_fwd_flag') AS store_and_fwd_flag,
  CAST(JSON_VALUE(payload, '$.after.PULocationID') AS INT) AS PULocationID,
  CAST(JSON_VALUE(payload, '$.after.DOLocationID') AS INT) AS DOLocationID,
  CAST(JSON_VALUE(payload, '$.after.payment_type') AS BIGINT) AS payment_type,
  CAST(JSON_VALUE(payload, '$.after.fare_amount') AS DOUBLE) AS fare_amount,
  CAST(JSON_VALUE(payload, '$.after.extra') AS DOUBLE) AS extra,
  CAST(JSON_VALUE(payload, '$.after.mta_tax') AS DOUBLE) AS mta_tax,
  CAST(JSON_VALUE(payload, '$.after.tip_amount') AS DOUBLE) AS tip_amount,
  CAST(JSON_VALUE(payload, '$.after.tolls_amount') AS DOUBLE) AS tolls_amount,
  CAST(JSON_VALUE(payload, '$.after.improvement_surcharge') AS DOUBLE) AS improvement_surcharge,
  CAST(JSON_VALUE(payload, '$.after.total_amount') AS DOUBLE) AS total_amount,
  CAST(JSON_VALUE(payload, '$.after.congestion_surcharge') AS DOUBLE) AS congestion_surcharge,
  CAST(JSON_VALUE(payload, '$.after.Airport_fee') AS DOUBLE) AS Airport_fee
FROM cdc_latest
WHERE op IN ('c', 'r', 'u');

CREATE TEMPORARY VIEW silver_rows AS
SELECT *
FROM cdc_current
WHERE VendorID IS NOT NULL
  AND trip_distance >= 0
  AND fare_amount >= 0;
