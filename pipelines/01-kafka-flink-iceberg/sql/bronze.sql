-- Bronze: every event of the topic, from the earliest to the latest offset, as received (original
-- names, timestamps parsed) plus its ingestion time and Kafka position. A message that is not a JSON
-- object, has a field of the wrong type or a value that does not fit its column goes to the
-- dead-letter topic with a reason naming the field and the problem instead. The
-- topic is read through topic-source.sql (topic_messages), dead letters go to dead_letters
-- (dead-letters.sql).

CREATE TABLE IF NOT EXISTS lake.${bronze}.raw_trips (
  VendorID              INT,
  tpep_pickup_datetime  TIMESTAMP(3),
  tpep_dropoff_datetime TIMESTAMP(3),
  passenger_count       BIGINT,
  trip_distance         DOUBLE,
  RatecodeID            BIGINT,
  store_and_fwd_flag    STRING,
  PULocationID          INT,
  DOLocationID          INT,
  payment_type          BIGINT,
  fare_amount           DOUBLE,
  extra                 DOUBLE,
  mta_tax               DOUBLE,
  tip_amount            DOUBLE,
  tolls_amount          DOUBLE,
  improvement_surcharge DOUBLE,
  total_amount          DOUBLE,
  congestion_surcharge  DOUBLE,
  Airport_fee           DOUBLE,
  ingestion_ts          TIMESTAMP(3),
  kafka_partition       INT,
  kafka_offset          BIGINT
) WITH (${bronze.properties});

-- json_fields parses each message once: the 19 fields' JSON types and texts (t_<field>, v_<field>),
-- is_object false for anything but one JSON object; the placeholders trip.checks and trip.values
-- (the lakehouse stack's trip-fields.ts) check each field's type and range, with a reason naming the
-- field and the problem, and parse them. Nothing in either throws, so no message can fail the job.
CREATE TEMPORARY VIEW checked AS
SELECT
  *,
  CASE
    WHEN NOT is_object THEN 'not a JSON object'
    ${trip.checks}
  END AS reject_reason
FROM topic_messages, LATERAL TABLE(json_fields(`value`, ${trip.paths}));

-- The rows bronze writes; silver reads them here when it runs in the same job (silver.insert).
CREATE TEMPORARY VIEW bronze_rows AS
SELECT
  ${trip.values},
  CAST(kafka_timestamp AS TIMESTAMP(3)) AS ingestion_ts,
  kafka_partition,
  kafka_offset
FROM checked
WHERE reject_reason IS NULL;

EXECUTE STATEMENT SET
BEGIN
INSERT INTO lake.${bronze}.raw_trips SELECT * FROM bronze_rows;
${dead_letters.insert}
${silver.insert}
END;
