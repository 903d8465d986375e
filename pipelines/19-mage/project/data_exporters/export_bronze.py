"""Bronze into the pass's bronze DuckDB file (kwargs['bronze_path']), replaced each run: bronze.raw_trips,
each bronze record's fields typed as the harness's field list says, plus its source partition and offset."""
import json
import os

import duckdb
from trip_fields import snake_case

if 'data_exporter' not in globals():
    from mage_ai.data_preparation.decorators import data_exporter

TYPES = {'double': 'DOUBLE', 'string': 'VARCHAR', 'timestamp': 'TIMESTAMP'}


@data_exporter
def export_bronze(bronze, *args, **kwargs):
    fields = json.loads(os.environ['TRIP_FIELDS'])
    structure = json.dumps({snake_case(f['name']): TYPES.get(f['kind'], f['sqlType']) for f in fields})
    with duckdb.connect(kwargs['bronze_path']) as db:
        db.execute('CREATE SCHEMA IF NOT EXISTS bronze')
        db.register('bronze_df', bronze)
        db.execute(f"CREATE OR REPLACE TABLE bronze.raw_trips AS SELECT unnest(from_json(record, '{structure}')), source_partition, source_offset FROM bronze_df")
