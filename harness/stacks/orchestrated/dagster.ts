// Dagster as P09's orchestrator: webserver and daemon (the dagster-harness layer: dagster-dbt, dbt,
// the Kafka client) on their PostgreSQL instance, loading the pipeline's definitions
// (`flow/definitions.py`, asset job `p01_flow`); runs are launched and read through the GraphQL API.
import { startAll, waitFor } from "../../components/container.js";
import { DagsterContainer, StartedDagsterContainer, type DagsterStep } from "../../components/dagster.js";
import { causeIn, FLOW_TASKS, IN_CONTAINER, taskRunner, type Orchestrator, type TaskState } from "./stack.js";

const JOB = "p01_flow";

export const dagster: Orchestrator = {
  name: "Dagster",
  images: ["dagster-harness"],
  async start(inputs) {
    const node = (role: "webserver" | "daemon") =>
      taskRunner(new DagsterContainer(inputs.images["dagster-harness"]!, role, inputs.database, IN_CONTAINER.flow, "definitions.py"), inputs).start();
    const [webserver, daemon] = await startAll([node("webserver"), node("daemon")] as const);
    const stop = async () => {
      await Promise.allSettled([daemon.stop(), webserver.stop()]);
    };
    await waitFor("Dagster's code location to load", 120_000, async () => ((await webserver.locationLoaded()) ? true : undefined)).catch(async (err) => {
      await stop();
      throw err;
    });
    return {
      containers: () => [webserver, daemon],
      runFlow: async ({ config }, timeoutMs) => {
        const runId = await webserver.launchRun(JOB, { resources: { flow: { config: { path: config } } } });
        const run = await waitFor(`Dagster run ${runId} to end`, timeoutMs, async () => {
          const r = await webserver.run(runId);
          return StartedDagsterContainer.ended(r) ? r : undefined;
        });
        const steps = run.stepStats.filter((s) => FLOW_TASKS.some((f) => f.name === s.stepKey));
        return { runId, state: run.status, tasks: await Promise.all(steps.map((s) => taskState(webserver, runId, s))) };
      },
      stop,
    };
  },
};

const iso = (epochSeconds: number | null) => (epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString());

async function taskState(webserver: StartedDagsterContainer, runId: string, s: DagsterStep): Promise<TaskState> {
  const outcome = s.status === "SUCCESS" ? "succeeded" : s.status === "FAILURE" ? "failed" : s.status === "SKIPPED" ? "skipped" : "other";
  const task: TaskState = { name: s.stepKey, state: s.status, outcome, startedAt: iso(s.startTime), endedAt: iso(s.endTime) };
  if (outcome !== "failed") return task;
  const log = await webserver.stepLog(runId, s.stepKey);
  return { ...task, container: "dagster-daemon", log: log.split("\n").slice(-25).join("\n"), cause: causeIn(log) };
}
