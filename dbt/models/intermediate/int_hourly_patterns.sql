-- One row per pickup day and hour. Sums are kept beside the averages so coarser
-- marts can weight by trips instead of averaging averages.
select
    pickup_date,
    pickup_hour,
    is_weekend,
    count(*) as total_trips,
    sum(passenger_count) as total_passengers,
    sum(trip_distance_miles) as total_distance_miles,
    sum(trip_duration_minutes) as total_duration_minutes,
    {{ cents_to_dollars('avg(fare_amount * 100)') }} as avg_fare,
    round(avg(trip_distance_miles), 2) as avg_distance_miles,
    round(avg(trip_duration_minutes), 2) as avg_duration_minutes,
    round(avg(avg_speed_mph), 2) as avg_speed_mph,
    sum(total_amount) as total_revenue
from {{ ref('int_trip_metrics') }}
group by pickup_date, pickup_hour, is_weekend
