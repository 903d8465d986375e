// Airflow as P08's orchestrator: init, webserver and scheduler (the airflow-harness layer: the Kafka
// client, dbt in a virtualenv of its own) on their PostgreSQL database. The DAG p01_flow
// (`flow/p01_flow.py`) is found by the scheduler in the DAGs folder; runs are triggered and read
// through the stable REST API with a user created for the run.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { startAll, waitFor } from "../../components/container.js";
import { AIRFLOW_LOGS, AirflowContainer, StartedAirflowContainer, type AirflowRole, type AirflowSettings, type AirflowTaskInstance } from "../../components/airflow.js";
import { causeIn, FLOW_TASKS, IN_CONTAINER, taskRunner, type Orchestrator, type TaskState } from "./stack.js";

const DAG = "p01_flow";

/** Airflow runs an arbitrary uid in group 0 (its image's convention): the invoking user, so the harness can remove what it writes. */
const airflowUser = () => `${process.getuid?.() ?? 0}:0`;

export const airflow: Orchestrator = {
  name: "Airflow",
  images: ["airflow-harness"],
  async start(inputs) {
    const settings: AirflowSettings = { database: inputs.database, dags: IN_CONTAINER.flow, user: "harness", password: randomBytes(12).toString("hex"), secretKey: randomBytes(16).toString("hex") };
    // One task-log folder for webserver and scheduler: the API serves the log the scheduler's task wrote.
    const logs = join(inputs.workDir, "airflow-logs");
    mkdirSync(logs, { recursive: true });
    const node = (role: AirflowRole) =>
      taskRunner(new AirflowContainer(inputs.images["airflow-harness"]!, role, settings), inputs, { user: airflowUser(), mounts: [{ source: logs, target: AIRFLOW_LOGS }] }).start();
    // The init migrates the database and creates the API's user; it has exited when start() returns.
    const init = await node("init");
    await init.stop();
    const [webserver, scheduler] = await startAll([node("webserver"), node("scheduler")] as const);
    webserver.withCredentials(settings.user, settings.password);
    const stop = async () => {
      await Promise.allSettled([scheduler.stop(), webserver.stop()]);
    };
    await waitFor(`Airflow's scheduler to parse DAG ${DAG}`, 120_000, async () => ((await webserver.dagParsed(DAG)) ? true : undefined)).catch(async (err) => {
      await stop();
      throw err;
    });
    let runs = 0;
    return {
      containers: () => [webserver, scheduler],
      runFlow: async ({ config }, timeoutMs) => {
        const runId = await webserver.triggerDag(DAG, `harness-${++runs}-${Date.now()}`, { config });
        const state = await waitFor(`Airflow DAG run ${runId} to end`, timeoutMs, async () => {
          const s = await webserver.dagRunState(DAG, runId);
          return StartedAirflowContainer.ended(s) ? s : undefined;
        });
        const instances = (await webserver.taskInstances(DAG, runId)).filter((t) => FLOW_TASKS.some((f) => f.name === t.task_id));
        return { runId, state, tasks: await Promise.all(instances.map((t) => taskState(webserver, runId, t))) };
      },
      stop,
    };
  },
};

async function taskState(webserver: StartedAirflowContainer, runId: string, t: AirflowTaskInstance): Promise<TaskState> {
  const state = t.state ?? "none";
  const outcome = state === "success" ? "succeeded" : state === "skipped" ? "skipped" : ["failed", "upstream_failed"].includes(state) ? "failed" : "other";
  const task: TaskState = { name: t.task_id, state, outcome, startedAt: t.start_date, endedAt: t.end_date };
  if (state !== "failed") return task;
  const log = await webserver.taskLog(DAG, runId, t);
  return { ...task, container: "airflow-scheduler", log: log.split("\n").slice(-25).join("\n"), cause: causeIn(log) };
}
