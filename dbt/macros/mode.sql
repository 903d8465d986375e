{#-
  Most frequent value of an expression within a group. Ties go to the smallest
  value on every adapter (DuckDB's plain mode() would pick the first seen,
  which depends on scan order).
-#}
{% macro mode(expr) -%}
  {{ return(adapter.dispatch('mode', 'taxi')(expr)) }}
{%- endmacro %}

{% macro duckdb__mode(expr) -%}
mode({{ expr }} order by {{ expr }})
{%- endmacro %}

{% macro postgres__mode(expr) -%}
mode() within group (order by {{ expr }})
{%- endmacro %}

{% macro default__mode(expr) -%}
mode() within group (order by {{ expr }})
{%- endmacro %}
