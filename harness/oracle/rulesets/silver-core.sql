-- silver-core (pipelines.md §2): the six conditions, then one row per natural key, the latest ingested.
CREATE OR REPLACE TEMP VIEW silver_core_kept AS
SELECT *
FROM keyed_events()
WHERE tpep_pickup_datetime IS NOT NULL
  AND tpep_dropoff_datetime IS NOT NULL
  AND trip_distance >= 0
  AND fare_amount >= 0
  -- January as a timestamp range (the same rows as the date cast): DuckDB 1.5.6's TopN-window
  -- optimizer fails ("Failed to cast expression to type") on the date-cast form beside row_number.
  AND tpep_pickup_datetime >= TIMESTAMP '2024-01-01 00:00:00'
  AND tpep_pickup_datetime < TIMESTAMP '2024-02-01 00:00:00'
QUALIFY row_number() OVER (
    PARTITION BY VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount
    ORDER BY event_seq DESC) = 1;

CREATE OR REPLACE TABLE expected_silver AS SELECT * FROM to_silver('silver_core_kept');
