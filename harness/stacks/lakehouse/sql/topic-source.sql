-- The topic a bronze job reads: every message from the earliest offset — to the latest one in batch
-- mode, on without end in streaming mode — its value as a string, and its Kafka position and timestamp. Shared by the Flink
-- pipelines' bronze jobs; ${topic} and the bronze namespace ${bronze} are the pass's.
CREATE DATABASE IF NOT EXISTS lake.${bronze};

CREATE TEMPORARY TABLE topic_messages (
  `value`          STRING,
  kafka_partition  INT              METADATA FROM 'partition' VIRTUAL,
  kafka_offset     BIGINT           METADATA FROM 'offset' VIRTUAL,
  kafka_timestamp  TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic}',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'properties.group.id' = 'harness-bronze',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = '${topic.bound}',
  'format' = 'raw'
);
