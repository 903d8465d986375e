// The orchestrated stacks (P07 Kestra, P08 Airflow, P09 Dagster, P18 Prefect): P01's Flink lakehouse
// stack (without its dbt container: dbt runs in the orchestrator's worker) plus an orchestrator, deployed as it normally is (its server and scheduler or worker, each
// a container) with its metadata database (a PostgreSQL of its own), on the same network. The
// orchestrator's containers get the pipeline's flow, the flow tasks' library (tasks/), the shared
// dbt project and the run's folder (the events file, the rendered SQL, dbt's output) at fixed paths.
import { join, relative } from "node:path";
import type { GenericContainer, StartedNetwork } from "testcontainers";
import { runUser, startAll, type Component } from "../../components/container.js";
import { PostgresContainer, type StartedPostgresContainer } from "../../components/postgres.js";
import type { ResolvedImage } from "../../images/resolve.js";
import type { FlowTask, StageName } from "../../model.js";
import { projectRoot } from "../../paths.js";
import type { StackDefinition, StackInputs } from "../../pipeline.js";
import { LAKEHOUSE_CORE_IMAGES, startLakehouseCore, type LakehouseCore } from "../lakehouse/stack.js";
import { onRunNetwork } from "../network.js";
import { readerEnvironment } from "../tables/read.js";

/** Where the orchestrator's containers find things. */
export const IN_CONTAINER = {
  /** The pipeline's flow folder (a DAG, Dagster definitions, a Prefect flow, a Kestra flow). */
  flow: "/opt/harness/flow",
  /** The flow tasks' library (tasks/p01_tasks.py), on PYTHONPATH. */
  tasks: "/opt/harness/tasks",
  /** The shared dbt project (its plugins import from it, so it is on PYTHONPATH too). */
  dbt: "/opt/harness/dbt",
  /** The run's folder, bind-mounted: a pass's flow inputs and dbt's output. */
  run: "/harness/run",
} as const;

export const TASKS_LIBRARY = join(import.meta.dirname, "tasks");
export const DBT_PROJECT = join(projectRoot(), "dbt");

/** The flow's tasks, the same names in every orchestrator, and the scenario stage each one does. */
export const FLOW_TASKS: ReadonlyArray<{ name: string; stage: StageName }> = [
  { name: "create_topics", stage: "ingestion" },
  { name: "produce_events", stage: "ingestion" },
  { name: "flink_bronze", stage: "bronze" },
  { name: "flink_silver", stage: "silver" },
  { name: "dbt_build", stage: "dbt" },
];

/** A task as an orchestrator's API reports it, before the harness maps it to a stage. */
export type TaskState = Pick<FlowTask, "name" | "state" | "startedAt" | "endedAt" | "container" | "cause" | "log"> & {
  /** Succeeded, or skipped by the flow itself (a pass without dbt): the orchestrator's own reading. */
  outcome: "succeeded" | "skipped" | "failed" | "other";
};

/** A flow run's inputs: the pass's run.json (a path inside the orchestrator's containers), and whether it builds dbt. */
export interface FlowInputs {
  config: string;
  dbt: boolean;
}

export interface OrchestratorRunRecord {
  runId: string;
  state: string;
  tasks: TaskState[];
}

/** What an orchestrator is given to start: its images, the run's network and folder, its database. */
export interface OrchestratorInputs {
  network: StartedNetwork;
  images: Record<string, ResolvedImage>;
  /** The run's folder on the host, mounted at IN_CONTAINER.run. */
  workDir: string;
  /** The pipeline's flow folder on the host, copied to IN_CONTAINER.flow. */
  flowDir: string;
  database: StartedPostgresContainer;
  /** For the containers that run tasks: how dbt's lakehouse target reads silver. */
  taskEnvironment: Record<string, string>;
}

export interface StartedOrchestrator {
  containers(): Component[];
  /**
   * Triggers the flow through the orchestrator's API with the pass's inputs, waits for the run to
   * end (at most `timeoutMs`) and reads every task from the API.
   */
  runFlow(inputs: FlowInputs, timeoutMs: number): Promise<OrchestratorRunRecord>;
  stop(): Promise<void>;
}

export interface Orchestrator {
  name: string;
  /** Catalog names of its images (with the harness layer that runs the tasks). */
  images: readonly string[];
  start(inputs: OrchestratorInputs): Promise<StartedOrchestrator>;
}

export interface OrchestratedStack extends LakehouseCore {
  orchestrator: StartedOrchestrator & { name: string };
  /** A path of the run's folder as the orchestrator's containers see it. */
  inContainer(hostPath: string): string;
}

/** The cause a task's log gives: its last exception line (Python's, or a Java one it quotes), else its last line. */
export function causeIn(log: string): string {
  const lines = log.split("\n").map((l) => l.trim()).filter(Boolean);
  const exception = [...lines].reverse().find((l) => /^[\w.]*(Error|Exception)\b:/.test(l));
  return (exception ?? lines.at(-1) ?? "").slice(0, 600);
}

/** The environment of every container that runs the flow's tasks. */
export function taskEnvironment(readers: Record<string, string>): Record<string, string> {
  return { ...readers, PYTHONPATH: `${IN_CONTAINER.tasks}:${IN_CONTAINER.dbt}`, DBT_SEND_ANONYMOUS_USAGE_STATS: "false", PYTHONUNBUFFERED: "1" };
}

/**
 * An orchestrator container that loads the flow or runs its tasks: on the run's network, with the
 * tasks' environment, the flow, the tasks' library and the dbt project copied in, the run's folder
 * (and `mounts`) mounted, as `user`.
 */
export function taskRunner<C extends GenericContainer>(
  container: C,
  { network, taskEnvironment, flowDir, workDir }: OrchestratorInputs,
  { user = runUser(), mounts = [] }: { user?: string; mounts?: Array<{ source: string; target: string }> } = {},
): C {
  return container
    .withNetwork(network)
    .withEnvironment(taskEnvironment)
    .withCopyDirectoriesToContainer([
      { source: flowDir, target: IN_CONTAINER.flow },
      { source: TASKS_LIBRARY, target: IN_CONTAINER.tasks },
      { source: DBT_PROJECT, target: IN_CONTAINER.dbt },
    ])
    .withBindMounts([{ source: workDir, target: IN_CONTAINER.run }, ...mounts])
    .withUser(user);
}

/** P01's stack plus `orchestrator` running the flow in `flowDir`. */
export function orchestrated(orchestrator: Orchestrator, flowDir: string): StackDefinition<OrchestratedStack> {
  return onRunNetwork(`Flink lakehouse + ${orchestrator.name}`, [...LAKEHOUSE_CORE_IMAGES, ...orchestrator.images], async (network: StartedNetwork, inputs: StackInputs) => {
    // The orchestrator and its database start beside the lakehouse: neither waits for the other.
    const database = new PostgresContainer(inputs.images.postgres!).withNetwork(network).withNetworkAlias("orchestrator-db").withDatabase("orchestrator").start();
    const lakehouse = startLakehouseCore(network, inputs);
    const started = await startAll([lakehouse, database] as const).then(async ([lake, db]) => {
      try {
        const env = taskEnvironment(readerEnvironment({ storage: lake.storage, catalog: lake.catalog }, "network"));
        const orch = await orchestrator.start({ network, images: inputs.images, workDir: inputs.workDir, flowDir, database: db, taskEnvironment: env });
        return { lake, db, orch };
      } catch (err) {
        await Promise.allSettled([lake.stop(), db.stop()]);
        throw err;
      }
    });
    const { lake, db, orch } = started;
    return {
      ...lake,
      orchestrator: Object.assign(orch, { name: orchestrator.name }),
      inContainer: (hostPath: string) => join(IN_CONTAINER.run, relative(inputs.workDir, hostPath)),
      containers: (): Component[] => [...lake.containers(), db, ...orch.containers()],
      stop: async () => {
        await Promise.allSettled([orch.stop(), db.stop(), lake.stop()]);
      },
    };
  });
}
