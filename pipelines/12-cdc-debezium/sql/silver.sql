-- Silver: silver-cdc (pipelines.md §2) over bronze's change events: per primary key the latest
-- event (Kafka offset: Debezium keys each change by the primary key, so a key's changes sit in one
-- partition in commit order), deleted keys dropped, the after-image parsed, then the row rules. The
-- key goes on as source_key: silver-cdc's trip_id is its md5 (one row per source row).
-- The lakehouse stack's silver-table.sql creates the table and its silver-insert.sql writes this view into it.
--
-- Each event is parsed once (json_fields: the texts of the fields named, v_<path>) and its
-- after-image cast by trip.values, as bronze checked it (the lakehouse stack's trip-fields.ts:
-- timestamps arrive as epoch microseconds, Debezium's MicroTimestamp).

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
  ${trip.values}
FROM cdc_latest
WHERE op IN ('c', 'r', 'u');

CREATE TEMPORARY VIEW silver_rows AS
SELECT *
FROM cdc_current
WHERE VendorID IS NOT NULL
  AND trip_distance >= 0
  AND fare_amount >= 0;
