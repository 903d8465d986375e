-- The pass's dead-letter topic as a sink (pipelines.md §1): a message bronze cannot take, as received,
-- with the reason (the field and the problem) and where it was read. Run before each bronze SQL.
-- Streaming: exactly-once (Kafka transactions committed with each checkpoint), so that a job
-- restarted from its last checkpoint writes no dead letter twice; the transaction timeout stays
-- under the broker's maximum (15 min).
CREATE TEMPORARY TABLE dead_letters (
  raw_value        STRING,
  reason           STRING,
  source_partition INT,
  source_offset    BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = '${dlq.topic}',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json',
  'sink.delivery-guarantee' = '${dlq.guarantee}',
  'sink.transactional-id-prefix' = '${dlq.transactions}',
  'properties.transaction.timeout.ms' = '600000'
);
