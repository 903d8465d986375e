-- Calendar for the month the data covers (January 2024).
with spine as (
    {{ date_spine("date '2024-01-01'", "date '2024-02-01'") }}
)

select
    date_day,
    cast(extract(year from date_day) as integer) as year,
    cast(extract(month from date_day) as integer) as month,
    {{ month_name('date_day') }} as month_name,
    cast(extract(day from date_day) as integer) as day_of_month,
    {{ day_name('date_day') }} as day_of_week_name,
    {{ day_name('date_day') }} in ('Saturday', 'Sunday') as is_weekend,
    date_day in (date '2024-01-01', date '2024-01-15') as is_holiday,
    case date_day
        when date '2024-01-01' then 'New Year''s Day'
        when date '2024-01-15' then 'Martin Luther King Jr. Day'
    end as holiday_name
from spine
