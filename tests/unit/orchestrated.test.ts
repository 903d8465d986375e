// The orchestrated pipelines' own logic, on hand-made inputs: task records to stage times and
// scheduling gaps, the cause a task's log gives, every flow defining the flow's tasks, the dbt
// command the tasks' library hands Airflow, and Kestra (whose engine cannot run here) as far as
// it can be tested without it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { forgeImage } from "../../harness/images/forge.js";
import { ImageError } from "../../harness/images/errors.js";
import { projectRoot } from "../../harness/paths.js";
import { kestraTask } from "../../harness/stacks/orchestrated/kestra.js";
import { causeIn, FLOW_TASKS, TASKS_LIBRARY, type TaskState } from "../../harness/stacks/orchestrated/stack.js";
import { flowRun, schedulingGaps } from "../../harness/stacks/orchestrated/steps.js";

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, s)).toISOString();
const task = (name: string, start: number, end: number, outcome: TaskState["outcome"] = "succeeded"): TaskState => ({ name, state: outcome, outcome, startedAt: at(start), endedAt: at(end) });

describe("flow runs as the report keeps them", () => {
  test("stage and seconds per task, gaps between tasks as the orchestrator's overhead", () => {
    const record = { runId: "r1", state: "success", tasks: [task("create_topics", 0, 1), task("produce_events", 3, 5), task("flink_bronze", 5, 20), task("flink_silver", 21, 30), task("dbt_build", 34, 44)] };
    const run = flowRun("Airflow", record, 50, true);
    expect(run.tasks.map((t) => [t.name, t.stage, t.seconds, t.ok])).toEqual([
      ["create_topics", "ingestion", 1, true],
      ["produce_events", "ingestion", 2, true],
      ["flink_bronze", "bronze", 15, true],
      ["flink_silver", "silver", 9, true],
      ["dbt_build", "dbt", 10, true],
    ]);
    expect(run.schedulingSeconds).toBe(2 + 0 + 1 + 4);
  });

  test("a task the orchestrator never ran is recorded as not run, and a failure is not ok", () => {
    const record = { runId: "r2", state: "failed", tasks: [task("create_topics", 0, 1), task("produce_events", 1, 2), task("flink_bronze", 2, 3), task("flink_silver", 3, 4, "failed")] };
    const run = flowRun("Prefect", record, 5, true);
    expect(run.tasks.filter((t) => !t.ok).map((t) => `${t.name} ${t.state}`)).toEqual(["flink_silver failed", "dbt_build not run"]);
  });

  test("a pass without dbt does not expect its task; tasks an integration adds are not the flow's", () => {
    const record = { runId: "r3", state: "success", tasks: [task("create_topics", 0, 1), task("produce_events", 1, 2), task("flink_bronze", 2, 3), task("flink_silver", 3, 4), task("dbt_build", 4, 4, "skipped")] };
    expect(flowRun("Airflow", record, 5, false).tasks.map((t) => t.name)).toEqual(["create_topics", "produce_events", "flink_bronze", "flink_silver"]);
  });

  test("overlapping tasks add no negative gap", () => {
    expect(schedulingGaps([task("a", 0, 10), task("b", 5, 12), task("c", 15, 16)])).toBe(3);
  });
});

describe("the cause a task's log gives", () => {
  test("its last exception line, else its last line", () => {
    const log = ["Traceback (most recent call last):", '  File "p01_tasks.py", line 90', "RuntimeError: POST http://sql-gateway:8083/v3/sessions/x/statements: HTTP 500 org.apache.flink.table.api.ValidationException: Object 'nope' not found", "Finished in state Failed"].join("\n");
    expect(causeIn(log)).toMatch(/^RuntimeError: .*ValidationException: Object 'nope' not found/);
    expect(causeIn("just one line\n")).toBe("just one line");
  });
});

describe("every orchestrator's flow defines the flow's tasks", () => {
  const flows: Record<string, [string, RegExp]> = {
    "P07 Kestra": ["pipelines/07-kestra-orchestration/flow/flow.yml", /^\s+- id: (\w+)$/gm],
    "P08 Airflow": ["pipelines/08-airflow-orchestration/flow/p01_flow.py", /task_id="(\w+)"/g],
    "P09 Dagster": ["pipelines/09-dagster-orchestration/flow/definitions.py", /^def (\w+)\(/gm],
    "P18 Prefect": ["pipelines/18-prefect-orchestration/flow/flow.py", /@task\(name="(\w+)"/g],
  };
  for (const [name, [file, pattern]] of Object.entries(flows)) {
    test(name, () => {
      const defined = [...readFileSync(join(projectRoot(), file), "utf8").matchAll(pattern)].map((m) => m[1]);
      for (const { name: taskName } of FLOW_TASKS) expect(defined, file).toContain(taskName);
    });
  }
});

describe("the tasks' library hands Airflow's BashOperator its dbt command", () => {
  const dir = mkdtempSync(join(tmpdir(), "p01-tasks-"));
  const run = (dbt: unknown) => {
    const config = join(dir, `run-${dbt ? "dbt" : "none"}.json`);
    writeFileSync(config, JSON.stringify({ dbt }));
    return spawnSync("python3", ["-m", "p01_tasks", "dbt-shell", config, "/opt/dbt/bin/dbt"], { cwd: TASKS_LIBRARY, encoding: "utf8", env: { ...process.env, PYTHONPATH: TASKS_LIBRARY } });
  };

  test("the build with the pass's paths and vars, its DuckDB file in the environment", () => {
    const r = run({ project_dir: "/opt/harness/dbt", target: "lakehouse", vars: { source_layer: "silver" }, target_path: "/harness/run/main/target", log_path: "/harness/run/main/logs", duckdb_path: "/harness/run/main/taxi.duckdb" });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(
      `HARNESS_DUCKDB_PATH=/harness/run/main/taxi.duckdb DBT_SEND_ANONYMOUS_USAGE_STATS=false exec /opt/dbt/bin/dbt build --vars '{"source_layer": "silver"}' --project-dir /opt/harness/dbt --profiles-dir /opt/harness/dbt --target lakehouse --target-path /harness/run/main/target --log-path /harness/run/main/logs`,
    );
  });

  test("exit 99 (the operator's 'skipped') for a pass without dbt", () => {
    expect(run(null).status).toBe(99);
  });
});

describe("Kestra without its engine", () => {
  test("its image is not forged: the reason names what the registries lack", async () => {
    const err = await forgeImage("kestra").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as Error).message).toMatch(/io\.kestra:kestra/);
  });

  test("a task run's start and end come from its state history", () => {
    const t = kestraTask({ taskId: "flink_bronze", state: { current: "FAILED", histories: [{ state: "CREATED", date: at(1) }, { state: "RUNNING", date: at(2) }, { state: "FAILED", date: at(9) }] } });
    expect(t).toEqual({ name: "flink_bronze", state: "FAILED", outcome: "failed", startedAt: at(1), endedAt: at(9) });
  });
});
