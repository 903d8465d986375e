-- One row per silver trip, as of its pickup.
SELECT
    trip_id,
    pickup_datetime AS event_timestamp,
    CAST(fare_amount AS DOUBLE) AS fare_amount,
    CAST(tip_amount AS DOUBLE) AS tip_amount,
    CAST(total_amount AS DOUBLE) AS total_amount,
    trip_distance_miles,
    epoch(dropoff_datetime - pickup_datetime) / 60.0 AS trip_duration_minutes,
    CAST(passenger_count AS BIGINT) AS passenger_count
FROM silver
