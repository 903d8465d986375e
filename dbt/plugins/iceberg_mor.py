"""Iceberg tables read as of their current snapshot, delete files applied (merge-on-read), and the
rows each snapshot added. PyIceberg 0.12 refuses tables with equality deletes, which a streaming
upsert writes (Flink's Iceberg sink, `write.upsert.enabled`): this applies them by the spec's rules
(format v2, "Scan planning"): a position delete removes row `pos` of `file_path` from data files
whose data sequence number is <= its own; an equality delete removes rows whose equality columns
equal it from data files of the same partition with a data sequence number < its own. Tables
without delete files go through PyIceberg's own scan. Used by dbt's lakehouse source
(iceberg_table.py) and the harness's reader (harness/stacks/tables/export.py).
"""
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pyiceberg.manifest import DataFileContent, ManifestEntryStatus


def _entries(table, snapshot):
    return [e for m in snapshot.manifests(table.io) for e in m.fetch_manifest_entry(table.io, discard_deleted=True)]


def _read(table, path, columns):
    with table.io.new_input(path).open() as f:
        return pq.read_table(f, columns=columns)


def _with(data, **columns):
    for name, values in columns.items():
        data = data.append_column(name, values)
    return data


def _newest(deletes, keys):
    """The highest sequence number of the deletes on each key."""
    return deletes.group_by(keys).aggregate([("_seq", "max")]).rename_columns([*keys, "_del_seq"])


def _apply(data, deletes, keys, removes):
    """`data` without the rows a delete on the same `keys` removes (removes(data_seq, delete_seq))."""
    if deletes.num_rows == 0:
        return data
    joined = data.join(_newest(deletes, keys), keys=keys, join_type="left outer")
    return joined.filter(pc.invert(pc.fill_null(removes(joined["_seq"], joined["_del_seq"]), False))).drop_columns(["_del_seq"])


def read_current(table):
    """The table's rows as of its current snapshot, as Arrow with the table's schema."""
    snapshot = table.current_snapshot()
    entries = _entries(table, snapshot) if snapshot else []
    if not any(e.data_file.content != DataFileContent.DATA for e in entries):
        return table.scan().to_arrow()
    schema = table.schema()
    arrow = schema.as_arrow()
    part = lambda e: str(e.data_file.partition)  # noqa: E731
    parts, positions, equalities = [], [], {}
    for e in entries:
        f, seq = e.data_file, e.sequence_number
        if f.content == DataFileContent.DATA:
            rows = _read(table, f.file_path, arrow.names)
            n = rows.num_rows
            parts.append(_with(rows.select(arrow.names).cast(arrow), _file=pa.array([f.file_path] * n), _pos=pa.array(range(n), pa.int64()), _seq=pa.array([seq] * n, pa.int64()), _part=pa.array([part(e)] * n)))
        elif f.content == DataFileContent.POSITION_DELETES:
            rows = _read(table, f.file_path, ["file_path", "pos"])
            positions.append(_with(rows.rename_columns(["_file", "_pos"]), _seq=pa.array([seq] * rows.num_rows, pa.int64())))
        else:
            keys = tuple(schema.find_field(i).name for i in f.equality_ids)
            rows = _read(table, f.file_path, list(keys))
            equalities.setdefault(keys, []).append(_with(rows.select(list(keys)).cast(pa.schema([arrow.field(k) for k in keys])), _seq=pa.array([seq] * rows.num_rows, pa.int64()), _part=pa.array([part(e)] * rows.num_rows)))
    data = pa.concat_tables(parts) if parts else arrow.empty_table()
    if positions:
        data = _apply(data, pa.concat_tables(positions), ["_file", "_pos"], lambda data_seq, del_seq: pc.less_equal(data_seq, del_seq))
    for keys, deletes in equalities.items():
        data = _apply(data, pa.concat_tables(deletes), [*keys, "_part"], lambda data_seq, del_seq: pc.less(data_seq, del_seq))
    return data.select(arrow.names)


def added_rows(table, column):
    """For every snapshot, the values of `column` in the data files it added, with its commit time:
    (value, snapshot_id, committed_ms) — when a row first became visible."""
    out = []
    for snapshot in table.snapshots():
        for e in _entries(table, snapshot):
            f = e.data_file
            if e.status == ManifestEntryStatus.ADDED and e.snapshot_id == snapshot.snapshot_id and f.content == DataFileContent.DATA:
                values = _read(table, f.file_path, [column])[column]
                n = len(values)
                out.append(pa.table({"value": values.cast(pa.string()), "snapshot_id": pa.array([snapshot.snapshot_id] * n, pa.int64()), "committed_ms": pa.array([snapshot.timestamp_ms] * n, pa.int64())}))
    return pa.concat_tables(out) if out else pa.table({"value": pa.array([], pa.string()), "snapshot_id": pa.array([], pa.int64()), "committed_ms": pa.array([], pa.int64())})
