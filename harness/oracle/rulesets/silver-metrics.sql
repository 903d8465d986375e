-- silver-metrics (pipelines.md §2): the six silver-core conditions without dedup, then duration and
-- speed bounds. Duration rounds half away from zero (PostgreSQL numeric → bigint), as DuckDB's round does.
CREATE OR REPLACE TEMP VIEW silver_metrics_kept AS
SELECT *
FROM keyed_events()
WHERE tpep_pickup_datetime IS NOT NULL
  AND tpep_dropoff_datetime IS NOT NULL
  AND trip_distance >= 0
  AND fare_amount >= 0
  -- January as a timestamp range (the same rows as the date cast): DuckDB 1.5.6's TopN-window
  -- optimizer fails ("Failed to cast expression to type") on the date-cast form beside row_number.
  AND tpep_pickup_datetime >= TIMESTAMP '2024-01-01 00:00:00'
  AND tpep_pickup_datetime < TIMESTAMP '2024-02-01 00:00:00';

CREATE OR REPLACE TEMP VIEW silver_metrics_derived AS
SELECT
    s.*,
    CAST(round(epoch(s.dropoff_datetime - s.pickup_datetime) / 60) AS BIGINT) AS trip_duration_minutes,
    CASE WHEN epoch(s.dropoff_datetime - s.pickup_datetime) > 0
         THEN round(s.trip_distance_miles / (epoch(s.dropoff_datetime - s.pickup_datetime) / 3600), 2) END AS avg_speed_mph,
    CASE WHEN s.trip_distance_miles > 0 THEN round(s.fare_amount / s.trip_distance_miles, 2) END AS cost_per_mile,
    CASE WHEN s.fare_amount > 0 THEN round(s.tip_amount / s.fare_amount * 100, 2) END AS tip_percentage,
    CAST(hour(s.pickup_datetime) AS INTEGER) AS pickup_hour,
    dayname(s.pickup_datetime) AS pickup_day_of_week,
    dayofweek(s.pickup_datetime) IN (0, 6) AS is_weekend
FROM to_silver('silver_metrics_kept') AS s;

CREATE OR REPLACE TABLE expected_silver AS
SELECT * FROM silver_metrics_derived
WHERE trip_duration_minutes BETWEEN 1 AND 720
  AND (avg_speed_mph IS NULL OR avg_speed_mph < 100);
