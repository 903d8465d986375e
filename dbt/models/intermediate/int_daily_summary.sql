-- One row per pickup day. Averages of money are taken in cents and rounded to
-- whole cents (cents_to_dollars) so every adapter reports the same figures.
select
    pickup_date,
    count(*) as total_trips,
    sum(passenger_count) as total_passengers,
    {{ cents_to_dollars('avg(fare_amount * 100)') }} as avg_fare,
    {{ cents_to_dollars('avg(tip_amount * 100)') }} as avg_tip,
    round(avg(trip_distance_miles), 2) as avg_distance_miles,
    round(avg(trip_duration_minutes), 2) as avg_duration_minutes,
    round(avg(tip_percentage), 2) as avg_tip_percentage,
    sum(fare_amount) as total_fare,
    sum(tip_amount) as total_tips,
    sum(total_amount) as total_revenue,
    count(case when payment_type_id = 1 then 1 end) as card_payments,
    count(case when payment_type_id = 2 then 1 end) as cash_payments
from {{ ref('int_trip_metrics') }}
group by pickup_date
