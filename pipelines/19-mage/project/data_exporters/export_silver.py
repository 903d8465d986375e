"""Silver into the pass's silver DuckDB file (kwargs['silver_path']), replaced each run:
silver.cleaned_trips in the §3 types (INTEGER ids, TIMESTAMP, DOUBLE distance, DECIMAL(10,2) money,
DATE). dbt reads silver from this file."""
import duckdb

if 'data_exporter' not in globals():
    from mage_ai.data_preparation.decorators import data_exporter

TYPES = {
    'trip_id': 'VARCHAR', 'vendor_id': 'INTEGER', 'rate_code_id': 'INTEGER', 'pickup_location_id': 'INTEGER',
    'dropoff_location_id': 'INTEGER', 'payment_type_id': 'INTEGER', 'passenger_count': 'INTEGER',
    'pickup_datetime': 'TIMESTAMP', 'dropoff_datetime': 'TIMESTAMP', 'trip_distance_miles': 'DOUBLE',
    'store_and_fwd_flag': 'VARCHAR', 'fare_amount': 'DECIMAL(10,2)', 'extra_amount': 'DECIMAL(10,2)',
    'mta_tax': 'DECIMAL(10,2)', 'tip_amount': 'DECIMAL(10,2)', 'tolls_amount': 'DECIMAL(10,2)',
    'improvement_surcharge': 'DECIMAL(10,2)', 'total_amount': 'DECIMAL(10,2)', 'congestion_surcharge': 'DECIMAL(10,2)',
    'airport_fee': 'DECIMAL(10,2)', 'pickup_date': 'DATE',
}


@data_exporter
def export_silver(silver, *args, **kwargs):
    select = ', '.join(f'CAST({c} AS {t}) AS {c}' for c, t in TYPES.items())
    with duckdb.connect(kwargs['silver_path']) as db:
        db.execute('CREATE SCHEMA IF NOT EXISTS silver')
        db.register('silver_df', silver)
        db.execute(f'CREATE OR REPLACE TABLE silver.cleaned_trips AS SELECT {select} FROM silver_df')
