{#-
  Own stand-in for dbt_utils.date_spine(datepart='day'): one row per day from
  start_date (inclusive) to end_date (exclusive), column date_day. Numbers come
  from cross-joined digits, which every engine supports; at most 10,000 days.
-#}
{% macro date_spine(start_date, end_date) -%}
with digits as (
    {%- for d in range(10) %}
    select {{ d }} as d{% if not loop.last %} union all{% endif %}
    {%- endfor %}
),

day_offsets as (
    select ones.d + 10 * tens.d + 100 * hundreds.d + 1000 * thousands.d as n
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
),

days as (
    select cast({{ dbt.dateadd('day', 'n', start_date) }} as date) as date_day
    from day_offsets
)

select date_day
from days
where date_day < {{ end_date }}
{%- endmacro %}
