-- Bronze: every change event of the CDC topic, earliest to latest offset (a bounded batch job), as
-- received: Debezium's JSON envelope (before, after, source, op, ts_ms) as a string, the time it
-- reached the broker, and its Kafka position. The topic is read through the lakehouse stack's
-- topic-source.sql (topic_messages). bronze.insert is INSERT OVERWRITE in batch mode — bronze is the
-- whole topic as of this run, so running it again after the increment does not add the load's events
-- twice — and INSERT INTO in streaming mode, where one unbounded job appends each change once.
--
-- Anything else on the topic (a producer that is not Debezium, a corrupted record) goes to the
-- dead-letter topic (dead_letters, the stack's dead-letters.sql) with a reason: not an envelope, an
-- op Debezium does not send, a delete without its key, a create/read/update without an after-image
-- or key, or an after-image field that does not fit its column (trip.checks, the lakehouse stack's
-- trip-fields.ts; timestamps are epoch microseconds). Silver can then parse every event bronze holds.

CREATE TABLE IF NOT EXISTS lake.${bronze}.cdc_raw_trips (
  payload          STRING,
  ingested_at      TIMESTAMP(3),
  kafka_partition  INT,
  kafka_offset     BIGINT
) WITH (${bronze.properties});

-- json_fields parses each message once: the JSON type and text of each field named (t_<path>,
-- v_<path>, dots as underscores: v_after_fare_amount), is_object false for anything but one JSON object.
CREATE TEMPORARY VIEW checked AS
SELECT
  `value`, kafka_partition, kafka_offset, kafka_timestamp,
  CASE
    WHEN NOT is_object THEN 'not a JSON object'
    WHEN t_op IS DISTINCT FROM 'string' OR v_op NOT IN ('c', 'r', 'u', 'd') THEN 'op is not one of c, r, u, d'
    -- a delete carries the key in its before-image (REPLICA IDENTITY DEFAULT) and no after-image
    WHEN v_op = 'd' AND (t_before_id IS DISTINCT FROM 'integer'
      OR CAST(TRY_CAST(v_before_id AS BIGINT) AS STRING) IS DISTINCT FROM v_before_id) THEN 'before.id is not a BIGINT key'
    WHEN v_op = 'd' THEN CAST(NULL AS STRING)
    WHEN t_after IS DISTINCT FROM 'object' THEN 'after is not an object'
    WHEN t_after_id IS DISTINCT FROM 'integer'
      OR CAST(TRY_CAST(v_after_id AS BIGINT) AS STRING) IS DISTINCT FROM v_after_id THEN 'after.id is not a BIGINT key'
    ${trip.checks}
  END AS reject_reason
FROM topic_messages, LATERAL TABLE(json_fields(`value`, 'op', 'before.id', 'after', 'after.id', ${trip.paths}));

-- The rows bronze writes; silver reads them here when it runs in the same job (silver.insert).
CREATE TEMPORARY VIEW bronze_rows AS
SELECT `value` AS payload, CAST(kafka_timestamp AS TIMESTAMP(3)) AS ingested_at, kafka_partition, kafka_offset
FROM checked
WHERE reject_reason IS NULL;

EXECUTE STATEMENT SET
BEGIN
${bronze.insert} lake.${bronze}.cdc_raw_trips SELECT * FROM bronze_rows;
${dead_letters.insert}
${silver.insert}
END;
