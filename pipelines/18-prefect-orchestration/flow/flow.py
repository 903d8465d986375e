"""P18: P01's flow as a Prefect flow. Each stage is a task (the same tasks in every orchestrator:
harness/stacks/orchestrated/tasks/p01_tasks.py); dbt runs through prefect-dbt's runner, which
reports every dbt node to Prefect as a task of its own. `config` is the run's run.json."""
import os

from prefect import flow, task
from prefect_dbt import PrefectDbtRunner, PrefectDbtSettings

import p01_tasks


@task(name="create_topics", task_run_name="create_topics")
def create_topics(config: str):
    p01_tasks.create_topics(p01_tasks.load(config))


@task(name="produce_events", task_run_name="produce_events")
def produce_events(config: str):
    return p01_tasks.produce_events(p01_tasks.load(config))


@task(name="flink_bronze", task_run_name="flink_bronze")
def flink_bronze(config: str):
    p01_tasks.flink_sql(p01_tasks.load(config), "bronze")


@task(name="flink_silver", task_run_name="flink_silver")
def flink_silver(config: str):
    p01_tasks.flink_sql(p01_tasks.load(config), "silver")


@task(name="dbt_build", task_run_name="dbt_build")
def dbt_build(config: str):
    cfg = p01_tasks.load(config)
    os.environ.update(p01_tasks.dbt_env(cfg))
    dbt = cfg["dbt"]
    settings = PrefectDbtSettings(project_dir=dbt["project_dir"], profiles_dir=dbt["project_dir"], target_path=dbt["target_path"])
    PrefectDbtRunner(settings=settings, disable_assets=True).invoke(p01_tasks.dbt_args(cfg))


@flow(name="p01-flow")
def p01_flow(config: str):
    create_topics(config)
    produce_events(config)
    flink_bronze(config)
    flink_silver(config)
    # The edge rows' pass has no dbt build.
    if p01_tasks.load(config)["dbt"]:
        dbt_build(config)
