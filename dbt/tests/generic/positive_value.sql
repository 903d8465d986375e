{#- Counts and amounts that can never be negative: failing rows are those below zero. -#}
{% test positive_value(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} < 0
{% endtest %}
