-- Trips with derived metrics; implausible trips (under a minute, over 12 hours,
-- or faster than 100 mph) are left out of everything downstream.
with trips as (
    select * from {{ ref('stg_yellow_trips') }}
),

timed as (
    select
        *,
        {{ duration_minutes('pickup_datetime', 'dropoff_datetime') }} as trip_duration_minutes
    from trips
),

enriched as (
    select
        trip_id,
        vendor_id,
        rate_code_id,
        payment_type_id,
        pickup_location_id,
        dropoff_location_id,
        passenger_count,
        pickup_datetime,
        dropoff_datetime,
        store_and_fwd_flag,
        trip_distance_miles,
        trip_duration_minutes,
        fare_amount,
        extra_amount,
        mta_tax,
        tip_amount,
        tolls_amount,
        improvement_surcharge,
        total_amount,
        congestion_surcharge,
        airport_fee,
        case
            when trip_duration_minutes > 0
                then round(trip_distance_miles / (trip_duration_minutes / 60.0), 2)
        end as avg_speed_mph,
        case
            when trip_distance_miles > 0
                then round(cast(fare_amount as double precision) / trip_distance_miles, 2)
        end as cost_per_mile,
        case
            when fare_amount > 0
                then round(cast(tip_amount as double precision) / cast(fare_amount as double precision) * 100, 2)
        end as tip_percentage,
        pickup_date,
        cast(extract(hour from pickup_datetime) as integer) as pickup_hour,
        {{ day_name('pickup_datetime') }} as pickup_day_of_week
    from timed
)

select
    *,
    pickup_day_of_week in ('Saturday', 'Sunday') as is_weekend
from enriched
where trip_duration_minutes between 1 and 720
  and (avg_speed_mph is null or avg_speed_mph < 100)
