"""Copies Iceberg tables out of the lakehouse into parquet files, for the oracle to compare.

Reads the same JDBC catalog (PostgreSQL) and object store (MinIO) the engines wrote through, with
pyiceberg: usage `iceberg_export.py TABLE=OUT.parquet ...`; connection settings come from the
environment (ICEBERG_CATALOG_URI, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY), never the command line.
Beside each OUT.parquet, OUT.parquet.schema.json holds the table's schema as its metadata states it:
column names and Iceberg types, partition fields (source column and transform), format version.
"""
import json
import os
import sys

import pyarrow.parquet as pq
from pyiceberg.catalog.sql import SqlCatalog


def main(pairs):
    catalog = SqlCatalog(
        "lake",
        uri=os.environ["ICEBERG_CATALOG_URI"],
        warehouse="s3://warehouse/",
        **{
            "s3.endpoint": os.environ["S3_ENDPOINT"],
            "s3.access-key-id": os.environ["S3_ACCESS_KEY"],
            "s3.secret-access-key": os.environ["S3_SECRET_KEY"],
            "s3.region": "us-east-1",
            "s3.path-style-access": "true",
        },
    )
    counts = {}
    for pair in pairs:
        table, out = pair.split("=", 1)
        loaded = catalog.load_table(table)
        data = loaded.scan().to_arrow()
        pq.write_table(data, out)
        schema = loaded.schema()
        with open(out + ".schema.json", "w") as f:
            json.dump({
                "columns": [[field.name, str(field.field_type)] for field in schema.fields],
                "partitionBy": [f"{schema.find_field(p.source_id).name}:{p.transform}" for p in loaded.spec().fields],
                "formatVersion": loaded.metadata.format_version,
            }, f)
        counts[table] = data.num_rows
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
