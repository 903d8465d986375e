-- Bronze (pipelines.md §3): every event as received (original names, timestamps parsed) plus its
-- ingestion time and Kafka position, in an Iceberg v1 table, unpartitioned, parquet zstd. Made anew
-- by each run of the job, which reads the whole topic.
CREATE NAMESPACE IF NOT EXISTS lake.${bronze};

CREATE OR REPLACE TABLE ${bronze.table} (
  VendorID              INT,
  tpep_pickup_datetime  TIMESTAMP_NTZ,
  tpep_dropoff_datetime TIMESTAMP_NTZ,
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
  ingestion_ts          TIMESTAMP_NTZ,
  kafka_partition       INT,
  kafka_offset          BIGINT
) USING iceberg
TBLPROPERTIES ('format-version' = '1', 'write.format.default' = 'parquet', 'write.parquet.compression-codec' = 'zstd');
