// Kestra as P07's orchestrator: `server standalone` on its PostgreSQL database (the kestra-harness
// layer over the official image: Python with the Kafka client and dbt, for tasks on the Process
// runner). The flow (`flow/flow.yml`) is created and executed through the REST API.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../../components/container.js";
import { KestraContainer, kestraConfiguration, StartedKestraContainer, type KestraTaskRun } from "../../components/kestra.js";
import { causeIn, FLOW_TASKS, taskRunner, type Orchestrator, type TaskState } from "./stack.js";

const NAMESPACE = "pipeline.harness";
const FLOW = "p01_flow";

export const kestra: Orchestrator = {
  name: "Kestra",
  images: ["kestra-harness"],
  async start(inputs) {
    const user = "harness@pipeline-harness.local";
    // Kestra wants a password with an upper-case letter and a digit.
    const password = `Hh1${randomBytes(12).toString("hex")}`;
    const container = new KestraContainer(inputs.images["kestra-harness"]!, kestraConfiguration(inputs.database, user, password));
    const server = (await taskRunner(container, inputs).start()).withCredentials(user, password);
    await server.createFlow(readFileSync(join(inputs.flowDir, "flow.yml"), "utf8")).catch(async (err) => {
      await server.stop();
      throw err;
    });
    return {
      containers: () => [server],
      runFlow: async ({ config, dbt }, timeoutMs) => {
        const id = await server.execute(NAMESPACE, FLOW, { config, dbt: String(dbt) });
        const execution = await waitFor(`Kestra execution ${id} to end`, timeoutMs, async () => {
          const e = await server.execution(id);
          return StartedKestraContainer.ended(e) ? e : undefined;
        });
        const runs = (execution.taskRunList ?? []).filter((t) => FLOW_TASKS.some((f) => f.name === t.taskId));
        return { runId: id, state: execution.state.current, tasks: await Promise.all(runs.map((t) => taskState(server, id, t))) };
      },
      stop: () => server.stop().then(() => undefined),
    };
  },
};

/** A Kestra task run as the harness records it: its start and end are its first and last state change. */
export function kestraTask(t: KestraTaskRun): Pick<TaskState, "name" | "state" | "outcome" | "startedAt" | "endedAt"> {
  const history = t.state.histories ?? [];
  const state = t.state.current;
  const outcome = state === "SUCCESS" ? "succeeded" : state === "SKIPPED" ? "skipped" : ["FAILED", "KILLED"].includes(state) ? "failed" : "other";
  return { name: t.taskId, state, outcome, startedAt: t.state.startDate ?? history[0]?.date ?? null, endedAt: t.state.endDate ?? history.at(-1)?.date ?? null };
}

async function taskState(server: StartedKestraContainer, executionId: string, t: KestraTaskRun): Promise<TaskState> {
  const task = kestraTask(t);
  if (task.outcome !== "failed") return task;
  const log = await server.taskLog(executionId, t.taskId);
  return { ...task, container: "kestra", log: log.split("\n").slice(-25).join("\n"), cause: causeIn(log) };
}
