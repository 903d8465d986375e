-- The pass's dead-letter topic as a sink (pipelines.md §1): a message bronze cannot take, as received,
-- with the reason (the field and the problem) and where it was read. Run before each bronze SQL.
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
