-- Daily revenue with its running total and day-over-day change.
with daily as (
    select * from {{ ref('int_daily_summary') }}
),

dates as (
    select * from {{ ref('dim_dates') }}
)

select
    daily.pickup_date as date_day,
    dates.day_of_week_name,
    dates.is_weekend,
    dates.is_holiday,
    cast(daily.total_trips as bigint) as total_trips,
    cast(daily.total_passengers as bigint) as total_passengers,
    cast(daily.avg_fare as decimal(18, 2)) as avg_fare,
    cast(daily.avg_distance_miles as double precision) as avg_distance_miles,
    cast(daily.avg_duration_minutes as double precision) as avg_duration_minutes,
    cast(daily.total_revenue as decimal(18, 2)) as total_revenue,
    cast(daily.total_tips as decimal(18, 2)) as total_tips,
    cast(daily.card_payments as bigint) as card_payments,
    cast(daily.cash_payments as bigint) as cash_payments,
    cast(sum(daily.total_revenue) over (
        order by daily.pickup_date
        rows between unbounded preceding and current row
    ) as decimal(18, 2)) as cumulative_revenue,
    cast(
        daily.total_revenue - lag(daily.total_revenue) over (order by daily.pickup_date)
        as decimal(18, 2)
    ) as revenue_change_vs_prior_day
from daily
left join dates
    on daily.pickup_date = dates.date_day
