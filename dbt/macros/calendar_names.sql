{#-
  English day and month names. Built from the day/month number with a CASE
  rather than the engines' name functions, which may follow the session locale
  (or need ICU), so every adapter yields the same text.
-#}
{% macro day_name(ts) -%}
  {{ return(adapter.dispatch('day_name', 'taxi')(ts)) }}
{%- endmacro %}

{% macro duckdb__day_name(ts) -%}
{{ day_name_from_dow('dayofweek(' ~ ts ~ ')') }}
{%- endmacro %}

{% macro postgres__day_name(ts) -%}
{{ day_name_from_dow('cast(extract(dow from ' ~ ts ~ ') as integer)') }}
{%- endmacro %}

{% macro default__day_name(ts) -%}
{{ day_name_from_dow('extract(dow from ' ~ ts ~ ')') }}
{%- endmacro %}

{# dow_expr must count 0 = Sunday .. 6 = Saturday. #}
{% macro day_name_from_dow(dow_expr) -%}
case {{ dow_expr }}
    {%- for name in ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] %}
    when {{ loop.index0 }} then '{{ name }}'
    {%- endfor %}
end
{%- endmacro %}

{% macro month_name(ts) -%}
  {{ return(adapter.dispatch('month_name', 'taxi')(ts)) }}
{%- endmacro %}

{% macro duckdb__month_name(ts) -%}
{{ month_name_from_number('month(' ~ ts ~ ')') }}
{%- endmacro %}

{% macro postgres__month_name(ts) -%}
{{ month_name_from_number('cast(extract(month from ' ~ ts ~ ') as integer)') }}
{%- endmacro %}

{% macro default__month_name(ts) -%}
{{ month_name_from_number('extract(month from ' ~ ts ~ ')') }}
{%- endmacro %}

{% macro month_name_from_number(month_expr) -%}
case {{ month_expr }}
    {%- for name in ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                     'August', 'September', 'October', 'November', 'December'] %}
    when {{ loop.index }} then '{{ name }}'
    {%- endfor %}
end
{%- endmacro %}
