{#-
  An amount in cents (possibly fractional, e.g. an average) rounded to whole
  cents and returned as an exact decimal in dollars. Averages are taken in cents
  so that every adapter rounds them the same way.
-#}
{% macro cents_to_dollars(cents_expr, scale=2) -%}
cast(round({{ cents_expr }}) / 100 as decimal(18, {{ scale }}))
{%- endmacro %}
