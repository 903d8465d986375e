-- Bronze: every event of the topic, from the earliest to the latest offset, as received (original
-- names, timestamps parsed) plus its ingestion time and Kafka position. A message that is not a JSON
-- object, has a field of the wrong type or a value that does not fit its column goes to the
-- dead-letter topic with a reason naming the field and the problem instead. The
-- topic is read through topic-source.sql (topic_messages).

CREATE TEMPORARY TABLE dead_letters (
  raw_value        STRING,
  reason           STRING,
  source_partition INT,
  source_offset    BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = '${dlq.topic}',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json'
);

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

-- Each field wrapped in an array shows its JSON type: [12.5] is a number, ["12.5"] a string,
-- [null] or [] (absent) a null; a field of the wrong JSON type names the message's reason. Then
-- each value must fit its column: integers round-trip through their type (no overflow), numbers
-- are finite and at most 1e9 in size, timestamps round-trip through their format (no 30 February,
-- no hour 25). Conversions are TRY_CAST and TO_TIMESTAMP, which give NULL instead of throwing, so
-- no message can fail the job. Values are read as text: JSON_VALUE … RETURNING DOUBLE fails on an
-- integer literal (ClassCastException in Flink 2.0).
CREATE TEMPORARY VIEW checked AS
SELECT
  `value`, kafka_partition, kafka_offset, kafka_timestamp,
  CASE
    WHEN NOT (`value` IS JSON OBJECT) THEN 'not a JSON object'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.VendorID' WITH ARRAY WRAPPER), '^\[(-?[0-9]+|null)?\]$') THEN 'VendorID is not an integer'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.tpep_pickup_datetime' WITH ARRAY WRAPPER), '^\[("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"|null)?\]$') THEN 'tpep_pickup_datetime is not a timestamp'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.tpep_dropoff_datetime' WITH ARRAY WRAPPER), '^\[("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"|null)?\]$') THEN 'tpep_dropoff_datetime is not a timestamp'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.passenger_count' WITH ARRAY WRAPPER), '^\[(-?[0-9]+|null)?\]$') THEN 'passenger_count is not an integer'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.trip_distance' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'trip_distance is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.RatecodeID' WITH ARRAY WRAPPER), '^\[(-?[0-9]+|null)?\]$') THEN 'RatecodeID is not an integer'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.store_and_fwd_flag' WITH ARRAY WRAPPER), '^\[("[^"]*"|null)?\]$') THEN 'store_and_fwd_flag is not a string'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.PULocationID' WITH ARRAY WRAPPER), '^\[(-?[0-9]+|null)?\]$') THEN 'PULocationID is not an integer'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.DOLocationID' WITH ARRAY WRAPPER), '^\[(-?[0-9]+|null)?\]$') THEN 'DOLocationID is not an integer'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.payment_type' WITH ARRAY WRAPPER), '^\[(-?[0-9]+|null)?\]$') THEN 'payment_type is not an integer'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.fare_amount' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'fare_amount is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.extra' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'extra is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.mta_tax' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'mta_tax is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.tip_amount' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'tip_amount is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.tolls_amount' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'tolls_amount is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.improvement_surcharge' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'improvement_surcharge is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.total_amount' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'total_amount is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.congestion_surcharge' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'congestion_surcharge is not a number'
    WHEN NOT REGEXP(JSON_QUERY(`value`, '$.Airport_fee' WITH ARRAY WRAPPER), '^\[(-?[0-9.]+([eE][-+]?[0-9]+)?|null)?\]$') THEN 'Airport_fee is not a number'
    WHEN CAST(TRY_CAST(JSON_VALUE(`value`, '$.VendorID') AS INT) AS STRING) IS DISTINCT FROM JSON_VALUE(`value`, '$.VendorID') THEN 'VendorID is out of range for INT'
    WHEN DATE_FORMAT(TO_TIMESTAMP(JSON_VALUE(`value`, '$.tpep_pickup_datetime'), 'yyyy-MM-dd''T''HH:mm:ss'), 'yyyy-MM-dd''T''HH:mm:ss') IS DISTINCT FROM JSON_VALUE(`value`, '$.tpep_pickup_datetime') THEN 'tpep_pickup_datetime is not a calendar date and time'
    WHEN DATE_FORMAT(TO_TIMESTAMP(JSON_VALUE(`value`, '$.tpep_dropoff_datetime'), 'yyyy-MM-dd''T''HH:mm:ss'), 'yyyy-MM-dd''T''HH:mm:ss') IS DISTINCT FROM JSON_VALUE(`value`, '$.tpep_dropoff_datetime') THEN 'tpep_dropoff_datetime is not a calendar date and time'
    WHEN CAST(TRY_CAST(JSON_VALUE(`value`, '$.passenger_count') AS BIGINT) AS STRING) IS DISTINCT FROM JSON_VALUE(`value`, '$.passenger_count') THEN 'passenger_count is out of range for BIGINT'
    WHEN JSON_VALUE(`value`, '$.trip_distance') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.trip_distance') AS DOUBLE)) <= 1e9) THEN 'trip_distance is out of range (|x| > 1e9)'
    WHEN CAST(TRY_CAST(JSON_VALUE(`value`, '$.RatecodeID') AS BIGINT) AS STRING) IS DISTINCT FROM JSON_VALUE(`value`, '$.RatecodeID') THEN 'RatecodeID is out of range for BIGINT'
    WHEN CAST(TRY_CAST(JSON_VALUE(`value`, '$.PULocationID') AS INT) AS STRING) IS DISTINCT FROM JSON_VALUE(`value`, '$.PULocationID') THEN 'PULocationID is out of range for INT'
    WHEN CAST(TRY_CAST(JSON_VALUE(`value`, '$.DOLocationID') AS INT) AS STRING) IS DISTINCT FROM JSON_VALUE(`value`, '$.DOLocationID') THEN 'DOLocationID is out of range for INT'
    WHEN CAST(TRY_CAST(JSON_VALUE(`value`, '$.payment_type') AS BIGINT) AS STRING) IS DISTINCT FROM JSON_VALUE(`value`, '$.payment_type') THEN 'payment_type is out of range for BIGINT'
    WHEN JSON_VALUE(`value`, '$.fare_amount') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.fare_amount') AS DOUBLE)) <= 1e9) THEN 'fare_amount is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.extra') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.extra') AS DOUBLE)) <= 1e9) THEN 'extra is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.mta_tax') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.mta_tax') AS DOUBLE)) <= 1e9) THEN 'mta_tax is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.tip_amount') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.tip_amount') AS DOUBLE)) <= 1e9) THEN 'tip_amount is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.tolls_amount') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.tolls_amount') AS DOUBLE)) <= 1e9) THEN 'tolls_amount is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.improvement_surcharge') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.improvement_surcharge') AS DOUBLE)) <= 1e9) THEN 'improvement_surcharge is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.total_amount') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.total_amount') AS DOUBLE)) <= 1e9) THEN 'total_amount is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.congestion_surcharge') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.congestion_surcharge') AS DOUBLE)) <= 1e9) THEN 'congestion_surcharge is out of range (|x| > 1e9)'
    WHEN JSON_VALUE(`value`, '$.Airport_fee') IS NOT NULL AND NOT (ABS(TRY_CAST(JSON_VALUE(`value`, '$.Airport_fee') AS DOUBLE)) <= 1e9) THEN 'Airport_fee is out of range (|x| > 1e9)'
  END AS reject_reason
FROM topic_messages;

EXECUTE STATEMENT SET
BEGIN
INSERT INTO lake.${bronze}.raw_trips
SELECT
  TRY_CAST(JSON_VALUE(`value`, '$.VendorID') AS INT),
  TO_TIMESTAMP(JSON_VALUE(`value`, '$.tpep_pickup_datetime'), 'yyyy-MM-dd''T''HH:mm:ss'),
  TO_TIMESTAMP(JSON_VALUE(`value`, '$.tpep_dropoff_datetime'), 'yyyy-MM-dd''T''HH:mm:ss'),
  TRY_CAST(JSON_VALUE(`value`, '$.passenger_count') AS BIGINT),
  TRY_CAST(JSON_VALUE(`value`, '$.trip_distance') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.RatecodeID') AS BIGINT),
  JSON_VALUE(`value`, '$.store_and_fwd_flag'),
  TRY_CAST(JSON_VALUE(`value`, '$.PULocationID') AS INT),
  TRY_CAST(JSON_VALUE(`value`, '$.DOLocationID') AS INT),
  TRY_CAST(JSON_VALUE(`value`, '$.payment_type') AS BIGINT),
  TRY_CAST(JSON_VALUE(`value`, '$.fare_amount') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.extra') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.mta_tax') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.tip_amount') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.tolls_amount') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.improvement_surcharge') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.total_amount') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.congestion_surcharge') AS DOUBLE),
  TRY_CAST(JSON_VALUE(`value`, '$.Airport_fee') AS DOUBLE),
  CAST(kafka_timestamp AS TIMESTAMP(3)),
  kafka_partition,
  kafka_offset
FROM checked
WHERE reject_reason IS NULL;
INSERT INTO dead_letters
SELECT `value`, reject_reason, kafka_partition, kafka_offset
FROM checked
WHERE reject_reason IS NOT NULL;
END;
