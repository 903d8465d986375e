{#-
  A money amount as DECIMAL(10,2), rounded half away from zero on the decimal value of the number
  as written (12.345 -> 12.35, 1.005 -> 1.01, -12.345 -> -12.35): the harness's one rounding rule.
  A double cast straight to a decimal would round its binary value (1.005 -> 1.00 in DuckDB); the
  shortest text of a double is the number as written.
-#}
{% macro money(expr) -%}
cast(cast({{ expr }} as varchar) as decimal(10, 2))
{%- endmacro %}
