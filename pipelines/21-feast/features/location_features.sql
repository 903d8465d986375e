-- One row per pickup location and day: that day's trips, average fare and distance, and revenue,
-- as of the day's start. Materialized online, a location holds its latest day.
SELECT
    CAST(pickup_location_id AS BIGINT) AS pickup_location_id,
    CAST(pickup_date AS TIMESTAMP) AS event_timestamp,
    count(*) AS trips,
    avg(CAST(fare_amount AS DOUBLE)) AS avg_fare,
    avg(trip_distance_miles) AS avg_distance_miles,
    sum(CAST(total_amount AS DOUBLE)) AS revenue
FROM silver
GROUP BY pickup_location_id, pickup_date
