"""Both layers into the run's DuckDB file (kwargs['duckdb_path']), replaced each run: silver.cleaned_trips
in the §3 types (INTEGER ids, TIMESTAMP, DOUBLE distance, DECIMAL(10,2) money, DATE) and
bronze.raw_trips (each bronze record's fields typed as the harness's field list says, plus its source
partition and offset). dbt reads silver from this file."""
import json
import os

import duckdb
from trip_fields import snake_case

if 'data_exporter' not in globals():
    from mage_ai.data_preparation.decorators import data_exporter

BRONZE_TYPES = {'double': 'DOUBLE', 'string': 'VARCHAR', 'timestamp': 'TIMESTAMP'}
SILVER_TYPES = {
    'trip_id': 'VARCHAR', 'vendor_id': 'INTEGER', 'rate_code_id': 'INTEGER', 'pickup_location_id': 'INTEGER',
    'dropoff_location_id': 'INTEGER', 'payment_type_id': 'INTEGER', 'passenger_count': 'INTEGER',
    'pickup_datetime': 'TIMESTAMP', 'dropoff_datetime': 'TIMESTAMP', 'trip_distance_miles': 'DOUBLE',
    'store_and_fwd_flag': 'VARCHAR', 'fare_amount': 'DECIMAL(10,2)', 'extra_amount': 'DECIMAL(10,2)',
    'mta_tax': 'DECIMAL(10,2)', 'tip_amount': 'DECIMAL(10,2)', 'tolls_amount': 'DECIMAL(10,2)',
    'improvement_surcharge': 'DECIMAL(10,2)', 'total_amount': 'DECIMAL(10,2)', 'congestion_surcharge': 'DECIMAL(10,2)',
    'airport_fee': 'DECIMAL(10,2)', 'pickup_date': 'DATE',
}


@data_exporter
def export_silver(silver, bronze, *args, **kwargs):
    fields = json.loads(os.environ['TRIP_FIELDS'])
    structure = json.dumps({snake_case(f['name']): BRONZE_TYPES.get(f['kind'], f['sqlType']) for f in fields})
    select = ', '.join(f'CAST({c} AS {t}) AS {c}' for c, t in SILVER_TYPES.items())
    with duckdb.connect(kwargs['duckdb_path']) as db:
        db.execute('CREATE SCHEMA IF NOT EXISTS silver')
        db.execute('CREATE SCHEMA IF NOT EXISTS bronze')
        db.register('silver_df', silver)
        db.register('bronze_df', bronze)
        db.execute(f'CREATE OR REPLACE TABLE silver.cleaned_trips AS SELECT {select} FROM silver_df')
        db.execute(f"CREATE OR REPLACE TABLE bronze.raw_trips AS SELECT unnest(from_json(record, '{structure}')), source_partition, source_offset FROM bronze_df")
