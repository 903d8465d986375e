"""Copies lakehouse tables into parquet files, for the oracle to compare, each read through its own
format's committed state, never a listing of data files:
  iceberg:NAMESPACE.TABLE  pyiceberg, through the JDBC catalog (PostgreSQL) the engines wrote through,
                           delete files applied (dbt/plugins/iceberg_mor.py)
  delta:s3://BUCKET/PATH   delta-rs, through the Delta log (files an overwrite removed stay out)
  hudi:s3://BUCKET/PATH    hudi-rs, through the Hudi timeline (the latest file slices)
Usage `export.py REF=OUT.parquet ...`, or `export.py --files s3://BUCKET/PATH` for the rows that all
parquet data files under a table's location hold (every version, as a file glob would read), or
`export.py --added iceberg:NAMESPACE.TABLE COLUMN OUT.parquet` for the values of COLUMN each
snapshot added and its commit time (streaming latency); connection settings come from the environment
(ICEBERG_CATALOG_URI, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY), never the command line.
Beside each OUT.parquet, OUT.parquet.schema.json holds the table's schema as its metadata states it:
column names and types (folded to one spelling), partition fields, format version, and the columns
the format keeps for itself (Hudi's _hoodie_* fields and its precombine field), which are left out.
"""
import json
import os
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

# The project's Iceberg reader (delete files applied), shared with dbt's lakehouse source.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "dbt"))
from plugins.iceberg_mor import added_rows, read_current  # noqa: E402

S3 = {
    "endpoint": os.environ.get("S3_ENDPOINT", ""),
    "access_key": os.environ.get("S3_ACCESS_KEY", ""),
    "secret_key": os.environ.get("S3_SECRET_KEY", ""),
}


def arrow_type(t):
    """An Arrow type in the spelling of pipelines.md §3 (timestamps with a zone stay distinct)."""
    if pa.types.is_timestamp(t):
        return "timestamp" if t.tz is None else "timestamptz"
    if pa.types.is_decimal(t):
        return f"decimal({t.precision},{t.scale})"
    names = {pa.int32(): "int", pa.int64(): "bigint", pa.float64(): "double", pa.string(): "string", pa.large_string(): "string", pa.date32(): "date", pa.bool_(): "boolean"}
    return names.get(t, str(t))


def iceberg_table(name):
    from pyiceberg.catalog.sql import SqlCatalog

    return SqlCatalog(
        "lake",
        uri=os.environ["ICEBERG_CATALOG_URI"],
        warehouse="s3://warehouse/",
        **{
            "s3.endpoint": S3["endpoint"],
            "s3.access-key-id": S3["access_key"],
            "s3.secret-access-key": S3["secret_key"],
            "s3.region": "us-east-1",
            "s3.path-style-access": "true",
        },
    ).load_table(name)


def iceberg(name):
    loaded = iceberg_table(name)
    schema = loaded.schema()
    return read_current(loaded), {
        "columns": [[field.name, str(field.field_type)] for field in schema.fields],
        "partitionBy": [f"{schema.find_field(p.source_id).name}:{p.transform}" for p in loaded.spec().fields],
        "formatVersion": loaded.metadata.format_version,
    }


def delta(uri):
    from deltalake import DeltaTable

    table = DeltaTable(uri, storage_options={
        "AWS_ENDPOINT_URL": S3["endpoint"], "AWS_ALLOW_HTTP": "true", "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": S3["access_key"], "AWS_SECRET_ACCESS_KEY": S3["secret_key"],
    })
    data = table.to_pyarrow_table()
    return data, {
        "columns": [[f.name, arrow_type(f.type)] for f in data.schema],
        "partitionBy": [f"{c}:identity" for c in table.metadata().partition_columns],
        "formatVersion": table.protocol().min_reader_version,
    }


def utc_wall_clock(data):
    """Zone-adjusted (UTC) timestamp columns as the wall-clock times they stand for, zone-less."""
    for i, field in enumerate(data.schema):
        if pa.types.is_timestamp(field.type) and field.type.tz is not None:
            data = data.set_column(i, field.name, data.column(i).cast(pa.timestamp(field.type.unit)))
    return data


def hudi(uri):
    from hudi import HudiTableBuilder

    table = HudiTableBuilder.from_base_uri(uri).with_storage_options({
        "aws_endpoint": S3["endpoint"], "aws_allow_http": "true", "aws_region": "us-east-1",
        "aws_access_key_id": S3["access_key"], "aws_secret_access_key": S3["secret_key"],
    }).build()
    options = table.hudi_options()
    precombine = options.get("hoodie.table.precombine.field")
    kept = [f.name for f in table.get_schema() if f.name != precombine]
    batches = table.read()
    data = pa.Table.from_batches(batches) if batches else table.get_schema().empty_table()
    schema = data.select(kept).schema
    data = utc_wall_clock(data.select(kept))
    partitions = [p for p in options.get("hoodie.table.partition.fields", "").split(",") if p]
    return data, {
        "columns": [[f.name, arrow_type(f.type)] for f in schema],
        "partitionBy": [f"{p}:identity" for p in partitions],
        "formatVersion": int(options.get("hoodie.table.version", "0")),
        "bookkeeping": [f.name for f in table.get_schema_with_meta_fields() if f.name not in kept],
    }


def data_file_rows(uri):
    """The rows of every parquet data file under `uri` (what a reader that globs files would return),
    leaving out metadata folders (Iceberg's metadata/, Delta's _delta_log/, Hudi's .hoodie/)."""
    from pyarrow import fs

    s3 = fs.S3FileSystem(endpoint_override=S3["endpoint"], access_key=S3["access_key"], secret_key=S3["secret_key"], region="us-east-1")
    prefix = uri.split("://", 1)[1]
    files = [
        f.path for f in s3.get_file_info(fs.FileSelector(prefix, recursive=True))
        if f.is_file and f.path.endswith(".parquet") and not any(part.startswith((".", "_")) or part == "metadata" for part in f.path[len(prefix):].split("/")[:-1])
    ]
    return sum(pq.read_metadata(f, filesystem=s3).num_rows for f in files), len(files)


def main(pairs):
    if pairs[0] == "--added":
        # --added iceberg:NAMESPACE.TABLE COLUMN OUT.parquet: the values of COLUMN each snapshot added
        data = added_rows(iceberg_table(pairs[1].split(":", 1)[1]), pairs[2])
        pq.write_table(data, pairs[3])
        print(json.dumps({"rows": data.num_rows}))
        return
    if pairs[0] == "--files":
        rows, files = data_file_rows(pairs[1])
        print(json.dumps({"rows": rows, "files": files}))
        return
    counts = {}
    for pair in pairs:
        ref, out = pair.split("=", 1)
        fmt, name = ref.split(":", 1)
        data, schema = {"iceberg": iceberg, "delta": delta, "hudi": hudi}[fmt](name)
        pq.write_table(data, out)
        with open(out + ".schema.json", "w") as f:
            json.dump(schema, f)
        counts[ref] = data.num_rows
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
