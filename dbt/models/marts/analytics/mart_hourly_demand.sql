-- Demand by hour of day, weekdays apart from weekends: at most 24 x 2 rows.
select
    pickup_hour,
    is_weekend,
    cast(sum(total_trips) as bigint) as total_trips,
    cast(count(*) as bigint) as days_observed,
    cast(round(sum(total_trips) * 1.0 / count(*), 2) as double precision) as avg_trips_per_day,
    cast(round(sum(total_distance_miles) / sum(total_trips), 2) as double precision) as avg_distance_miles,
    cast(round(sum(total_duration_minutes) * 1.0 / sum(total_trips), 2) as double precision) as avg_duration_minutes,
    cast(sum(total_revenue) as decimal(18, 2)) as total_revenue
from {{ ref('int_hourly_patterns') }}
group by pickup_hour, is_weekend
