-- silver-core (pipelines.md §2): the six conditions, then one row per natural key, the latest ingested.
CREATE OR REPLACE TEMP VIEW silver_core_kept AS
SELECT *
FROM events
WHERE tpep_pickup_datetime IS NOT NULL
  AND tpep_dropoff_datetime IS NOT NULL
  AND trip_distance >= 0
  AND fare_amount >= 0
  AND CAST(tpep_pickup_datetime AS DATE) >= DATE '2024-01-01'
  AND CAST(tpep_pickup_datetime AS DATE) < DATE '2024-02-01'
QUALIFY row_number() OVER (
    PARTITION BY VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount
    ORDER BY event_seq DESC) = 1;

CREATE OR REPLACE TABLE expected_silver AS SELECT * FROM to_silver('silver_core_kept');
