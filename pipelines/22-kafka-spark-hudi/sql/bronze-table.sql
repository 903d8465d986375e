-- Bronze (pipelines.md §3): every event as received (original names, timestamps parsed) plus its
-- ingestion time and Kafka position, in a Hudi copy-on-write table keyed by that position (a second
-- read of the topic upserts the same rows), unpartitioned, registered in the job's session by location.
-- Small commits: no metadata table (hudi-rs lists a version-6 table's files itself) and no embedded
-- timeline server, each of which costs more than the write of a few thousand rows.
SET hoodie.metadata.enable = false;
SET hoodie.embed.timeline.server = false;

CREATE TABLE IF NOT EXISTS ${bronze.table} (
  VendorID              INT,
  tpep_pickup_datetime  TIMESTAMP,
  tpep_dropoff_datetime TIMESTAMP,
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
  ingestion_ts          TIMESTAMP,
  kafka_partition       INT,
  kafka_offset          BIGINT
) USING hudi
LOCATION '${bronze.path}'
TBLPROPERTIES (type = 'cow', primaryKey = 'kafka_partition,kafka_offset', preCombineField = 'ingestion_ts');
