{#-
  Own stand-in for dbt_utils.generate_surrogate_key (the package hub is out of
  reach). It produces the harness-wide trip_id form: md5 over the fields joined
  by '|'. concat_ws skips NULLs, so pass fields already rendered as text.
-#}
{% macro generate_surrogate_key(field_list) -%}
md5(concat_ws('|', {{ field_list | join(', ') }}))
{%- endmacro %}
