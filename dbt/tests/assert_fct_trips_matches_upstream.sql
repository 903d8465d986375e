-- fct_trips is incremental; whatever runs built it (late events, CDC updates and deletes), it must
-- hold exactly the trips int_trip_metrics derives from silver now, with the same values: what a
-- full build would give. Returns the rows on either side that the other lacks.
{%- set columns = [] %}
{%- if execute %}
{%- for column in adapter.get_columns_in_relation(ref('int_trip_metrics')) %}
{%- do columns.append(adapter.quote(column.name)) %}
{%- endfor %}
{%- endif %}
{%- set column_list = columns | join(', ') if columns else '*' %}

(
    select 'only in fct_trips' as side, {{ column_list }} from {{ ref('fct_trips') }}
    except all
    select 'only in fct_trips', {{ column_list }} from {{ ref('int_trip_metrics') }}
)
union all
(
    select 'missing from fct_trips' as side, {{ column_list }} from {{ ref('int_trip_metrics') }}
    except all
    select 'missing from fct_trips', {{ column_list }} from {{ ref('fct_trips') }}
)
