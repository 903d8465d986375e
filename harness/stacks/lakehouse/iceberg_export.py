"""Copies Iceberg tables out of the lakehouse into parquet files, for the oracle to compare.

Reads the same JDBC catalog (PostgreSQL) and object store (MinIO) the engines wrote through, with
pyiceberg: usage `iceberg_export.py TABLE=OUT.parquet ...`; connection settings come from the
environment (ICEBERG_CATALOG_URI, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY), never the command line.
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
        data = catalog.load_table(table).scan().to_arrow()
        pq.write_table(data, out)
        counts[table] = data.num_rows
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
