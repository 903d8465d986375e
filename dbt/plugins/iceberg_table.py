"""A dbt-duckdb source plugin for Iceberg tables: dbt-duckdb's own `iceberg` plugin with the table
read by iceberg_mor.read_current, so that a table a streaming upsert wrote (equality and position
deletes, which PyIceberg's scan refuses) reads as its current snapshot too.

Profile: `- module: plugins.iceberg_table` (alias iceberg) with `catalog: NAME` and PyIceberg's
catalog properties; source config: `plugin: iceberg`, `iceberg_table: namespace.table`.
"""
from typing import Any, Dict

import pyiceberg.catalog
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig

from plugins.iceberg_mor import read_current


class Plugin(BasePlugin):
    def initialize(self, config: Dict[str, Any]):
        config = dict(config)
        self._catalog = pyiceberg.catalog.load_catalog(config.pop("catalog"), **config)

    def load(self, source_config: SourceConfig):
        name = source_config.get("iceberg_table", "{schema}.{identifier}").format(**source_config.as_dict())
        return read_current(self._catalog.load_table(name))
