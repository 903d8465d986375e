"""P09: P01's flow as Dagster assets, one per stage (the same tasks in every orchestrator:
harness/stacks/orchestrated/tasks/p01_tasks.py), materialized in order by the asset job `p01_flow`;
dbt runs through dagster-dbt's DbtCliResource. The run's config (run.json) is the `flow` resource's path."""
import os
from pathlib import Path

from dagster import AssetExecutionContext, ConfigurableResource, Definitions, asset, define_asset_job
from dagster_dbt import DbtCliResource

import p01_tasks


class FlowConfig(ConfigurableResource):
    path: str

    def load(self):
        return p01_tasks.load(self.path)


@asset
def create_topics(flow: FlowConfig):
    p01_tasks.create_topics(flow.load())


@asset(deps=[create_topics])
def produce_events(flow: FlowConfig):
    p01_tasks.produce_events(flow.load())


@asset(deps=[produce_events])
def flink_bronze(flow: FlowConfig):
    p01_tasks.flink_sql(flow.load(), "bronze")


@asset(deps=[flink_bronze])
def flink_silver(flow: FlowConfig):
    p01_tasks.flink_sql(flow.load(), "silver")


@asset(deps=[flink_silver])
def dbt_build(context: AssetExecutionContext, flow: FlowConfig):
    cfg = flow.load()
    if not cfg["dbt"]:
        context.log.info("the edge rows' pass has no dbt build")
        return
    os.environ.update(p01_tasks.dbt_env(cfg))
    dbt = cfg["dbt"]
    cli = DbtCliResource(project_dir=dbt["project_dir"], profiles_dir=dbt["project_dir"], target=dbt["target"])
    cli.cli(p01_tasks.dbt_args(cfg, project=False), target_path=Path(dbt["target_path"])).wait()


defs = Definitions(
    assets=[create_topics, produce_events, flink_bronze, flink_silver, dbt_build],
    jobs=[define_asset_job("p01_flow", selection="*")],
    resources={"flow": FlowConfig.configure_at_launch()},
)
