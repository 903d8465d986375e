// Prefect as P18's orchestrator: the server on its PostgreSQL database and a process worker (the
// prefect-harness layer: prefect-dbt, dbt, the Kafka client) that runs the flow. The flow
// (`flow/flow.py`, flow `p01-flow`) is deployed with `prefect deploy` and run through the REST API.
import { waitFor } from "../../components/container.js";
import { PrefectServerContainer, PrefectWorkerContainer, StartedPrefectServerContainer, type PrefectRun } from "../../components/prefect.js";
import type { StartedPostgresContainer } from "../../components/postgres.js";
import { causeIn, FLOW_TASKS, IN_CONTAINER, taskRunner, type Orchestrator, type TaskState } from "./stack.js";

const POOL = "harness";
const DEPLOYMENT = "p01-flow/harness";

const databaseUrl = (db: StartedPostgresContainer) => `postgresql+asyncpg://${db.user}:${encodeURIComponent(db.password)}@${db.alias}:5432/${db.database}`;

export const prefect: Orchestrator = {
  name: "Prefect",
  images: ["prefect-harness"],
  async start(inputs) {
    const image = inputs.images["prefect-harness"]!;
    const server = await new PrefectServerContainer(image, databaseUrl(inputs.database)).withNetwork(inputs.network).start();
    try {
      const worker = await taskRunner(new PrefectWorkerContainer(image, server.internalApi, POOL), inputs).start();
      await worker.deploy(IN_CONTAINER.flow, "flow.py:p01_flow", "harness", POOL).catch(async (err) => {
        await worker.stop();
        throw err;
      });
      return {
        containers: () => [server, worker],
        runFlow: async ({ config }, timeoutMs) => {
          const id = await server.createFlowRun(DEPLOYMENT, { config });
          const run = await waitFor(`Prefect flow run ${id} to end`, timeoutMs, async () => {
            const r = await server.flowRun(id);
            return StartedPrefectServerContainer.ended(r) ? r : undefined;
          });
          // Task states reach the server asynchronously: a flow run can be Completed while its last task still reads Running.
          const read = async () => (await server.taskRuns(id)).filter((t) => FLOW_TASKS.some((f) => f.name === t.name));
          const flowTasks = await waitFor(`Prefect to record the final state of flow run ${id}'s tasks`, 60_000, async () => {
            const runs = await read();
            return runs.every((t) => StartedPrefectServerContainer.ended(t)) ? runs : undefined;
          }).catch(read);
          return { runId: `${run.name} (${id})`, state: run.state?.name ?? "unknown", tasks: await Promise.all(flowTasks.map((t) => taskState(server, t))) };
        },
        stop: async () => {
          await Promise.allSettled([worker.stop(), server.stop()]);
        },
      };
    } catch (err) {
      await server.stop();
      throw err;
    }
  },
};

async function taskState(server: StartedPrefectServerContainer, t: PrefectRun): Promise<TaskState> {
  const type = t.state?.type ?? "";
  const outcome = type === "COMPLETED" ? "succeeded" : ["FAILED", "CRASHED"].includes(type) ? "failed" : "other";
  const task: TaskState = { name: t.name, state: t.state?.name ?? "unknown", outcome, startedAt: t.start_time, endedAt: t.end_time };
  if (outcome !== "failed") return task;
  const log = await server.taskLog(t.id);
  return { ...task, container: "prefect-worker", log: log.split("\n").slice(-25).join("\n"), cause: causeIn(log) || t.state?.message };
}
