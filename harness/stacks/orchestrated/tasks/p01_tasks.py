"""The tasks of the orchestrated P01 flow, the same in every orchestrator (Airflow, Dagster, Prefect).

Each task reads the run's config (run.json, written by the harness into the run's folder): where Kafka
and Flink are, the events file, the Flink SQL statements of bronze and silver (P01's files rendered by
the harness), and dbt's command line. An orchestrator's flow wraps these functions as its own tasks;
a task that fails raises, so the orchestrator records it as failed with the reason in its log.
"""

import json
import os
import re
import time
import urllib.error
import urllib.request

TERMINAL = ("FINISHED", "FAILED", "CANCELED")


def load(config_path):
    with open(config_path, encoding="utf-8") as f:
        return json.load(f)


def create_topics(cfg):
    """The pass's events topic and its dead-letter topic (pipelines.md §1)."""
    from confluent_kafka.admin import AdminClient, NewTopic

    kafka = cfg["kafka"]
    admin = AdminClient({"bootstrap.servers": kafka["bootstrap"]})
    topics = [NewTopic(kafka["topic"], kafka["partitions"], 1), NewTopic(kafka["dead_letters"], 1, 1)]
    for name, future in admin.create_topics(topics, operation_timeout=30).items():
        future.result()
        print(f"created topic {name}")


def produce_events(cfg):
    """The events file, in order, as the harness producer sends it: idempotent, acks=all, lz4, key PULocationID.

    A message without a key goes to partition 0, and murmur2 places keyed ones as the Java client does,
    so each natural key's events keep their produce order in one partition (silver's dedup order).
    """
    from confluent_kafka import Producer

    kafka = cfg["kafka"]
    failures = []
    producer = Producer({
        "bootstrap.servers": kafka["bootstrap"],
        "enable.idempotence": True,
        "acks": "all",
        "compression.type": "lz4",
        "linger.ms": 20,
        "partitioner": "murmur2_random",
    })

    def delivered(err, _msg):
        if err is not None:
            failures.append(str(err))

    sent = 0
    started = time.monotonic()
    with open(cfg["events"], encoding="utf-8") as f:
        for line in f:
            event = json.loads(line)
            extra = {} if event["key"] is not None else {"partition": 0}
            while True:
                try:
                    producer.produce(kafka["topic"], value=event["value"].encode(), key=None if event["key"] is None else event["key"].encode(), on_delivery=delivered, **extra)
                    break
                except BufferError:
                    producer.poll(0.1)
            sent += 1
            producer.poll(0)
    left = producer.flush(60)
    if left or failures:
        raise RuntimeError(f"{left} of {sent} messages unacknowledged, {len(failures)} failed: {failures[:3]}")
    print(f"produced {sent} messages to {kafka['topic']} in {time.monotonic() - started:.2f} s")
    return sent


def _http(url, body=None, method=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method or ("POST" if data is not None else "GET"), headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as err:
        text = err.read().decode()
        causes = re.findall(r"Caused by: ([^\n\\]+)", text)
        raise RuntimeError(f"{method or 'POST'} {url}: HTTP {err.code} {causes[-1] if causes else text[:500]}") from None
    return json.loads(text) if text else {}


def _root_cause(exceptions):
    entries = (exceptions.get("exceptionHistory") or {}).get("entries") or [{}]
    trace = entries[0].get("stacktrace") or exceptions.get("root-exception") or ""
    lines = [line.strip() for line in trace.splitlines() if line.strip()]
    causes = [line.removeprefix("Caused by:").strip() for line in lines if line.startswith("Caused by:")]
    return (causes[-1] if causes else lines[0] if lines else "(no exception recorded)")[:800]


def flink_sql(cfg, stage):
    """One stage's Flink SQL (session settings and catalog first) in one SQL Gateway session, each job awaited to its end."""
    flink = cfg["flink"]
    gateway, deadline_s = flink["gateway"], flink["job_timeout_s"]
    with open(cfg["sql"][stage], encoding="utf-8") as f:
        statements = json.load(f)
    session = _http(f"{gateway}/v3/sessions", {})["sessionHandle"]
    try:
        for statement in statements:
            first = next((l.strip() for l in statement.splitlines() if l.strip() and not l.strip().startswith("--")), "")
            operation = _http(f"{gateway}/v3/sessions/{session}/statements", {"statement": statement})["operationHandle"]
            uri, rows = f"/v3/sessions/{session}/operations/{operation}/result/0?rowFormat=JSON", []
            while uri:
                page = _http(f"{gateway}{uri}")
                rows += [r["fields"] for r in (page.get("results") or {}).get("data") or []]
                if page["resultType"] == "EOS" or not page.get("nextResultUri"):
                    break
                if page["resultType"] == "NOT_READY":
                    time.sleep(0.2)
                uri = page["nextResultUri"]
            if re.match(r"^\s*(INSERT|EXECUTE)\b", re.sub(r"--.*$", "", statement, flags=re.M), re.I | re.M) and rows:
                job = rows[0][0]
                ends = time.monotonic() + deadline_s
                while (state := _http(f"{flink['jobmanager']}/jobs/{job}")["state"]) not in TERMINAL:
                    if time.monotonic() > ends:
                        raise TimeoutError(f"Flink job {job} ({first[:60]}) did not finish within {deadline_s} s")
                    time.sleep(0.5)
                if state != "FINISHED":
                    cause = _root_cause(_http(f"{flink['jobmanager']}/jobs/{job}/exceptions"))
                    raise RuntimeError(f"Flink job {job} ({first[:60]}) ended {state}: {cause}")
                print(f"{stage}: Flink job {job} finished ({first[:60]})")
    finally:
        try:
            _http(f"{gateway}/v3/sessions/{session}", method="DELETE")
        except Exception:  # noqa: BLE001 - closing is best effort; the gateway drops idle sessions
            pass


def dbt_args(cfg, project=True):
    """dbt build of the shared project over silver, writing target/ and logs/ into the run's folder;
    without `project`, only the command and its vars (an integration that sets the rest itself)."""
    dbt = cfg["dbt"]
    command = ["build", "--vars", json.dumps(dbt["vars"])]
    if not project:
        return command
    return [*command, "--project-dir", dbt["project_dir"], "--profiles-dir", dbt["project_dir"], "--target", dbt["target"], "--target-path", dbt["target_path"], "--log-path", dbt["log_path"]]


def dbt_env(cfg):
    """What dbt's profile reads from the environment: where the build writes its DuckDB file."""
    return {"HARNESS_DUCKDB_PATH": cfg["dbt"]["duckdb_path"], "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


NO_DBT = 99  # the exit code Airflow's BashOperator takes as "skipped"


if __name__ == "__main__":
    # `python3 -m p01_tasks dbt-shell CONFIG DBT`: the shell command of the pass's dbt build, for an
    # orchestrator that runs dbt as a command (Airflow's BashOperator); exits NO_DBT when the pass has none.
    import shlex
    import sys

    _, command, config_path, executable = sys.argv
    assert command == "dbt-shell", f"unknown command {command}"
    config = load(config_path)
    if not config["dbt"]:
        print("this pass has no dbt build", file=sys.stderr)
        sys.exit(NO_DBT)
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in dbt_env(config).items())
    print(f"{env} exec {shlex.join([executable, *dbt_args(config)])}")
