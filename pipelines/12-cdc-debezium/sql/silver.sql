-- Silver: silver-cdc (pipelines.md §2) over bronze's change events: per primary key the latest
-- event (Kafka offset: Debezium keys each change by the primary key, so a key's changes sit in one
-- partition in commit order), deleted keys dropped, the after-image parsed, then the row rules. The
-- key goes on as source_key: silver-cdc's trip_id is its md5 (one row per source row).
-- The lakehouse stack's silver-table.sql creates the table and its silver-insert.sql writes this view into it.
--
-- Each event is parsed once (json_fields: the texts of the fields named, v_<path>) and its texts cast:
-- JSON_VALUE would parse it again per field. Timestamps arrive as epoch microseconds (Debezium
-- MicroTimestamp of a TIMESTAMP column, i.e. the wall-clock time read as UTC): to epoch millis,
-- TO_TIMESTAMP_LTZ, and back to TIMESTAMP(3) under the session's UTC time zone.

CREATE TEMPORARY VIEW cdc_latest AS
SELECT *
FROM (
  SELECT
    *,
    ROW_NUMBER() OVER (PARTITION BY id ORDER BY kafka_partition DESC, kafka_offset DESC) AS rn
  FROM (
    SELECT
      v_op AS op,
      -- a delete has no after-image; its before-image holds the key (REPLICA IDENTITY DEFAULT)
      CAST(COALESCE(v_after_id, v_before_id) AS BIGINT) AS id,
      *
    FROM ${bronze.rows}, LATERAL TABLE(json_fields(payload, 'op', 'before.id', 'after.id', ${trip.paths}))
  )
)
WHERE rn = 1;

CREATE TEMPORARY VIEW cdc_current AS
SELECT
  id AS source_key,
  CAST(v_after_VendorID AS INT) AS VendorID,
  CAST(TO_TIMESTAMP_LTZ(CAST(v_after_tpep_pickup_datetime AS BIGINT) / 1000, 3) AS TIMESTAMP(3)) AS tpep_pickup_datetime,
  CAST(TO_TIMESTAMP_LTZ(CAST(v_after_tpep_dropoff_datetime AS BIGINT) / 1000, 3) AS TIMESTAMP(3)) AS tpep_dropoff_datetime,
  CAST(v_after_passenger_count AS BIGINT) AS passenger_count,
  CAST(v_after_trip_distance AS DOUBLE) AS trip_distance,
  CAST(v_after_RatecodeID AS BIGINT) AS RatecodeID,
  v_after_store_and_fwd_flag AS store_and_fwd_flag,
  CAST(v_after_PULocationID AS INT) AS PULocationID,
  CAST(v_after_DOLocationID AS INT) AS DOLocationID,
  CAST(v_after_payment_type AS BIGINT) AS payment_type,
  CAST(v_after_fare_amount AS DOUBLE) AS fare_amount,
  CAST(v_after_extra AS DOUBLE) AS extra,
  CAST(v_after_mta_tax AS DOUBLE) AS mta_tax,
  CAST(v_after_tip_amount AS DOUBLE) AS tip_amount,
  CAST(v_after_tolls_amount AS DOUBLE) AS tolls_amount,
  CAST(v_after_improvement_surcharge AS DOUBLE) AS improvement_surcharge,
  CAST(v_after_total_amount AS DOUBLE) AS total_amount,
  CAST(v_after_congestion_surcharge AS DOUBLE) AS congestion_surcharge,
  CAST(v_after_Airport_fee AS DOUBLE) AS Airport_fee
FROM cdc_latest
WHERE op IN ('c', 'r', 'u');

CREATE TEMPORARY VIEW silver_rows AS
SELECT *
FROM cdc_current
WHERE VendorID IS NOT NULL
  AND trip_distance >= 0
  AND fare_amount >= 0;
