-- The fare is one part of the total, so it cannot exceed a positive total
-- (a cent of slack for rounding). Returns the offending trips.
select
    trip_id,
    fare_amount,
    total_amount
from {{ ref('fct_trips') }}
where total_amount > 0
  and fare_amount > total_amount + 0.01
