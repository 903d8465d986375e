"""A dbt-duckdb source plugin for Hudi tables, read through the Hudi timeline by hudi-rs (the `hudi`
package): a snapshot of the latest committed file slices, as Arrow. dbt-duckdb has no Hudi plugin.

Profile: `- module: plugins.hudi_table` (alias hudi) with the object store's settings; source config:
`plugin: hudi`, `hudi_table_path: s3://bucket/path`.
"""
from typing import Any, Dict

import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig
from hudi import HudiTableBuilder


class Plugin(BasePlugin):
    def initialize(self, config: Dict[str, Any]):
        self._storage = {k: str(v) for k, v in config.items()}

    def load(self, source_config: SourceConfig):
        if "hudi_table_path" not in source_config:
            raise Exception("'hudi_table_path' is a required argument for a hudi source")
        table = HudiTableBuilder.from_base_uri(source_config["hudi_table_path"]).with_storage_options(self._storage).build()
        batches = table.read()
        data = pa.Table.from_batches(batches) if batches else table.get_schema().empty_table()
        # Hudi keeps timestamps as UTC instants of wall-clock times: hand DuckDB the wall-clock times.
        for i, field in enumerate(data.schema):
            if pa.types.is_timestamp(field.type) and field.type.tz is not None:
                data = data.set_column(i, field.name, data.column(i).cast(pa.timestamp(field.type.unit)))
        return data

    def default_materialization(self):
        return "view"
