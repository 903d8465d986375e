{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='trip_id',
        on_schema_change='fail'
    )
}}

-- One row per plausible trip (int_trip_metrics), with pickup and dropoff zones.
with trips as (
    select * from {{ ref('int_trip_metrics') }}
    {% if is_incremental() %}
    -- Re-read a window before the newest pickup already loaded: late events in it
    -- replace their earlier version (delete+insert on trip_id).
    where pickup_datetime >= (
        select {{ dbt.dateadd('day', -1 * var('fct_trips_lookback_days', 3), 'max(pickup_datetime)') }}
        from {{ this }}
    )
    {% endif %}
),

locations as (
    select * from {{ ref('dim_locations') }}
)

select
    trips.trip_id,
    trips.vendor_id,
    trips.rate_code_id,
    trips.payment_type_id,
    trips.pickup_location_id,
    pickup_zone.borough as pickup_borough,
    pickup_zone.zone as pickup_zone,
    trips.dropoff_location_id,
    dropoff_zone.borough as dropoff_borough,
    dropoff_zone.zone as dropoff_zone,
    trips.pickup_datetime,
    trips.dropoff_datetime,
    trips.pickup_date,
    trips.pickup_hour,
    trips.pickup_day_of_week,
    trips.is_weekend,
    trips.passenger_count,
    trips.store_and_fwd_flag,
    trips.trip_distance_miles,
    trips.trip_duration_minutes,
    trips.avg_speed_mph,
    trips.fare_amount,
    trips.extra_amount,
    trips.mta_tax,
    trips.tip_amount,
    trips.tolls_amount,
    trips.improvement_surcharge,
    trips.total_amount,
    trips.congestion_surcharge,
    trips.airport_fee,
    trips.cost_per_mile,
    trips.tip_percentage
from trips
left join locations as pickup_zone
    on trips.pickup_location_id = pickup_zone.location_id
left join locations as dropoff_zone
    on trips.dropoff_location_id = dropoff_zone.location_id
