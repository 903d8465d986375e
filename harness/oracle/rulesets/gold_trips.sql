-- The trips of dbt's fct_trips, computed from the expected silver by pipelines.md §4's rules for
-- int_trip_metrics (not by dbt's SQL): both timestamps present, duration in whole minutes as
-- DuckDB's datediff counts them between 1 and 720, and average speed (rounded to cents of a mph)
-- null or under 100.
CREATE OR REPLACE TABLE expected_gold_trips AS
WITH timed AS (
    SELECT *, datediff('minute', pickup_datetime, dropoff_datetime) AS trip_minutes
    FROM expected_silver
    WHERE pickup_datetime IS NOT NULL AND dropoff_datetime IS NOT NULL
)
SELECT * EXCLUDE (trip_minutes)
FROM timed
WHERE trip_minutes BETWEEN 1 AND 720
  AND (trip_distance_miles IS NULL OR round(trip_distance_miles / (trip_minutes / 60.0), 2) < 100);
