-- Each micro-batch of a Spark bronze job: the messages that passed the checks (the view `checked`,
-- made by jobs/job.py from the 19 trip fields) into the pipeline's bronze table ${bronze.table}, as
-- received plus ingestion time and Kafka position; the rejects went to the dead-letter topic.
INSERT INTO ${bronze.table}
SELECT
  VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, passenger_count, trip_distance, RatecodeID,
  store_and_fwd_flag, PULocationID, DOLocationID, payment_type, fare_amount, extra, mta_tax, tip_amount,
  tolls_amount, improvement_surcharge, total_amount, congestion_surcharge, Airport_fee,
  ingestion_ts, kafka_partition, kafka_offset
FROM checked
WHERE reject_reason IS NULL;
