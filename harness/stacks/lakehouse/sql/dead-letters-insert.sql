INSERT INTO dead_letters
SELECT `value`, reject_reason, kafka_partition, kafka_offset
FROM checked
WHERE reject_reason IS NOT NULL;
