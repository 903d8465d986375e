{#-
  One row per trip in silver shape (pipelines.md §3).
  source_layer = 'raw'    (P00): read the events, apply silver-core, build trip_id.
  source_layer = 'silver' : a pipeline already did that; only cast and drop rows
                            without timestamps. var('silver_source') picks where:
                            'silver' a parquet file, 'lakehouse' the Iceberg table.
-#}
{{ config(materialized='table') }}

{%- set source_layer = var('source_layer', 'raw') %}
{%- set money_columns = [
    ('fare_amount', 'fare_amount'),
    ('extra', 'extra_amount'),
    ('mta_tax', 'mta_tax'),
    ('tip_amount', 'tip_amount'),
    ('tolls_amount', 'tolls_amount'),
    ('improvement_surcharge', 'improvement_surcharge'),
    ('total_amount', 'total_amount'),
    ('congestion_surcharge', 'congestion_surcharge'),
    ('Airport_fee', 'airport_fee'),
] %}

{% if source_layer == 'raw' %}
{%- if execute and env_var('HARNESS_EVENTS_PATH', '') == '' %}
{{ exceptions.raise_compiler_error("source_layer 'raw' reads the events file: set HARNESS_EVENTS_PATH") }}
{%- endif %}

with events as (
    select * from {{ source('raw', 'yellow_trips') }}
),

-- silver-core: a comparison with NULL is not true, so NULL distance/fare is dropped.
silver_core as (
    select *
    from events
    where tpep_pickup_datetime is not null
      and tpep_dropoff_datetime is not null
      and trip_distance >= 0
      and fare_amount >= 0
      and cast(tpep_pickup_datetime as date) >= date '2024-01-01'
      and cast(tpep_pickup_datetime as date) < date '2024-02-01'
),

-- A re-sent event keeps only its latest ingestion (largest event_seq).
ranked as (
    select
        *,
        row_number() over (
            partition by
                VendorID, tpep_pickup_datetime, tpep_dropoff_datetime,
                PULocationID, DOLocationID, fare_amount, total_amount
            order by event_seq desc
        ) as ingestion_rank
    from silver_core
)

select
    {{ generate_surrogate_key([
        'cast(VendorID as varchar)',
        "strftime(tpep_pickup_datetime, '%Y-%m-%d %H:%M:%S')",
        "strftime(tpep_dropoff_datetime, '%Y-%m-%d %H:%M:%S')",
        'cast(PULocationID as varchar)',
        'cast(DOLocationID as varchar)',
        'cast(cast(fare_amount as decimal(10, 2)) as varchar)',
        'cast(cast(total_amount as decimal(10, 2)) as varchar)',
    ]) }} as trip_id,
    cast(VendorID as integer) as vendor_id,
    cast(RatecodeID as integer) as rate_code_id,
    cast(PULocationID as integer) as pickup_location_id,
    cast(DOLocationID as integer) as dropoff_location_id,
    cast(payment_type as integer) as payment_type_id,
    cast(passenger_count as integer) as passenger_count,
    cast(tpep_pickup_datetime as timestamp) as pickup_datetime,
    cast(tpep_dropoff_datetime as timestamp) as dropoff_datetime,
    cast(trip_distance as double precision) as trip_distance_miles,
    cast(store_and_fwd_flag as varchar) as store_and_fwd_flag,
    {%- for source_column, silver_column in money_columns %}
    cast({{ source_column }} as decimal(10, 2)) as {{ silver_column }},
    {%- endfor %}
    cast(tpep_pickup_datetime as date) as pickup_date
from ranked
where ingestion_rank = 1

{% elif source_layer == 'silver' %}

select
    cast(trip_id as varchar) as trip_id,
    cast(vendor_id as integer) as vendor_id,
    cast(rate_code_id as integer) as rate_code_id,
    cast(pickup_location_id as integer) as pickup_location_id,
    cast(dropoff_location_id as integer) as dropoff_location_id,
    cast(payment_type_id as integer) as payment_type_id,
    cast(passenger_count as integer) as passenger_count,
    cast(pickup_datetime as timestamp) as pickup_datetime,
    cast(dropoff_datetime as timestamp) as dropoff_datetime,
    cast(trip_distance_miles as double precision) as trip_distance_miles,
    cast(store_and_fwd_flag as varchar) as store_and_fwd_flag,
    {%- for _, silver_column in money_columns %}
    cast({{ silver_column }} as decimal(10, 2)) as {{ silver_column }},
    {%- endfor %}
    cast(pickup_date as date) as pickup_date
from {{ source(var('silver_source', 'silver'), 'cleaned_trips') }}
where pickup_datetime is not null
  and dropoff_datetime is not null

{% else %}
{{ exceptions.raise_compiler_error("var source_layer must be 'raw' or 'silver', got '" ~ source_layer ~ "'") }}
{% endif %}
