-- Per pickup zone: volume, averages, revenue, and its most common dropoff zone
-- and pickup hour (ties resolved to the smallest value by the mode helper).
select
    pickup_location_id,
    pickup_borough,
    pickup_zone,
    cast(count(*) as bigint) as total_trips,
    {{ cents_to_dollars('avg(fare_amount * 100)') }} as avg_fare,
    cast(round(avg(trip_distance_miles), 2) as double precision) as avg_distance_miles,
    cast(round(avg(trip_duration_minutes), 2) as double precision) as avg_duration_minutes,
    cast(round(avg(tip_percentage), 2) as double precision) as avg_tip_percentage,
    cast(sum(total_amount) as decimal(18, 2)) as total_revenue,
    {{ mode('dropoff_zone') }} as most_common_dropoff_zone,
    cast({{ mode('pickup_hour') }} as integer) as peak_pickup_hour
from {{ ref('fct_trips') }}
group by pickup_location_id, pickup_borough, pickup_zone
