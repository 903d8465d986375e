-- silver-cdc (pipelines.md §2): the final state of the source table (one row per key, deleted keys
-- absent — `source_trips` is that state, read from PostgreSQL after capture), then the row rules.
-- A row is identified by the source's primary key (trip_key = id): two source rows may hold the same
-- trip, and an update keeps its trip_id, so downstream upserts replace the row instead of adding one.
CREATE OR REPLACE TEMP VIEW silver_cdc_kept AS
SELECT *, CAST(id AS VARCHAR) AS trip_key FROM source_trips
WHERE VendorID IS NOT NULL AND trip_distance >= 0 AND fare_amount >= 0;

CREATE OR REPLACE TABLE expected_silver AS SELECT * FROM to_silver('silver_cdc_kept');
