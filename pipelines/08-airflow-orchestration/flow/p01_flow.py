"""P08: P01's flow as an Airflow DAG, one task per stage (the same tasks in every orchestrator:
harness/stacks/orchestrated/tasks/p01_tasks.py). dbt runs with Airflow's BashOperator from its own
virtualenv (/opt/dbt); the edge rows' pass has no dbt build, so its task exits 99 and is skipped.
Triggered with conf {"config": <the run's run.json>}."""
from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator

import p01_tasks

CONFIG = "{{ dag_run.conf['config'] }}"


def stage(fn, *args):
    """A task callable: `fn` on the run's config."""
    return lambda config: fn(p01_tasks.load(config), *args)


with DAG(dag_id="p01_flow", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, max_active_runs=1, default_args={"retries": 0}, tags=["pipeline-harness"]):
    create_topics = PythonOperator(task_id="create_topics", python_callable=stage(p01_tasks.create_topics), op_kwargs={"config": CONFIG})
    produce_events = PythonOperator(task_id="produce_events", python_callable=stage(p01_tasks.produce_events), op_kwargs={"config": CONFIG})
    flink_bronze = PythonOperator(task_id="flink_bronze", python_callable=stage(p01_tasks.flink_sql, "bronze"), op_kwargs={"config": CONFIG})
    flink_silver = PythonOperator(task_id="flink_silver", python_callable=stage(p01_tasks.flink_sql, "silver"), op_kwargs={"config": CONFIG})
    dbt_build = BashOperator(
        task_id="dbt_build",
        bash_command=f'cmd=$(python3 -m p01_tasks dbt-shell "{CONFIG}" /opt/dbt/bin/dbt) || exit $?; eval "$cmd"',
    )
    create_topics >> produce_events >> flink_bronze >> flink_silver >> dbt_build
