{#-
  Whole trip minutes. Each engine keeps its native semantics, as upstream did:
  DuckDB counts minute boundaries crossed, PostgreSQL-family engines round the
  epoch difference (numeric -> bigint), Spark truncates.
-#}
{% macro duration_minutes(start_ts, end_ts) -%}
  {{ return(adapter.dispatch('duration_minutes', 'taxi')(start_ts, end_ts)) }}
{%- endmacro %}

{% macro duckdb__duration_minutes(start_ts, end_ts) -%}
datediff('minute', {{ start_ts }}, {{ end_ts }})
{%- endmacro %}

{% macro postgres__duration_minutes(start_ts, end_ts) -%}
(extract(epoch from ({{ end_ts }} - {{ start_ts }})) / 60)::bigint
{%- endmacro %}

{% macro spark__duration_minutes(start_ts, end_ts) -%}
cast((unix_timestamp({{ end_ts }}) - unix_timestamp({{ start_ts }})) / 60 as bigint)
{%- endmacro %}

{% macro default__duration_minutes(start_ts, end_ts) -%}
{{ dbt.datediff(start_ts, end_ts, 'minute') }}
{%- endmacro %}
