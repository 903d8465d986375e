-- What Feast's online store must hold once January 2024 is materialized, from the oracle's expected
-- silver (not from the pipeline's feature SQL): each trip's values, and for each pickup location the
-- aggregates of its latest day (materialize keeps an entity's latest row in the window).
CREATE OR REPLACE TABLE expected_trip_features AS
SELECT
    trip_id,
    CAST(fare_amount AS DOUBLE) AS fare_amount,
    CAST(tip_amount AS DOUBLE) AS tip_amount,
    CAST(total_amount AS DOUBLE) AS total_amount,
    trip_distance_miles,
    (epoch(dropoff_datetime) - epoch(pickup_datetime)) / 60.0 AS trip_duration_minutes,
    CAST(passenger_count AS BIGINT) AS passenger_count
FROM expected_silver;

CREATE OR REPLACE TABLE expected_location_features AS
WITH latest AS (
    SELECT pickup_location_id, max(pickup_date) AS pickup_date FROM expected_silver GROUP BY pickup_location_id
)
SELECT
    CAST(s.pickup_location_id AS BIGINT) AS pickup_location_id,
    count(*) AS trips,
    avg(CAST(s.fare_amount AS DOUBLE)) AS avg_fare,
    avg(s.trip_distance_miles) AS avg_distance_miles,
    CAST(sum(s.total_amount) AS DOUBLE) AS revenue
FROM expected_silver AS s JOIN latest USING (pickup_location_id, pickup_date)
GROUP BY s.pickup_location_id;
