-- Every trip in the fact table must end after it starts.
select
    trip_id,
    pickup_datetime,
    dropoff_datetime,
    trip_duration_minutes
from {{ ref('fct_trips') }}
where dropoff_datetime <= pickup_datetime
   or trip_duration_minutes <= 0
