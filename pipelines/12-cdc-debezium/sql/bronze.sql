-- Bronze: every change event of the CDC topic, earliest to latest offset (a bounded batch job), as
-- received: Debezium's JSON envelope (before, after, source, op, ts_ms) as a string, the time it
-- reached the broker, and its Kafka position. No parsing, no filtering. The topic is read through
-- the lakehouse stack's topic-source.sql (topic_messages).

CREATE TABLE IF NOT EXISTS lake.${bronze}.cdc_raw_trips (
  payload          STRING,
  ingested_at      TIMESTAMP(3),
  kafka_partition  INT,
  kafka_offset     BIGINT
) WITH (${bronze.properties});

INSERT INTO lake.${bronze}.cdc_raw_trips
SELECT `value`, CAST(kafka_timestamp AS TIMESTAMP(3)), kafka_partition, kafka_offset
FROM topic_messages;
