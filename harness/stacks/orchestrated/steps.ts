// The steps of an orchestrated pipeline. The orchestration step writes the pass's flow inputs (the
// events file in the wire format of pipelines.md §1, P01's SQL rendered for this pass, and run.json
// saying where everything is), triggers the flow through the orchestrator and reads every task back.
// The scenario's own steps then only read back and check what the tasks left: the topic, bronze and
// its dead letters, silver, dbt's run_results.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dbtResultIn } from "../../components/dbt.js";
import { wireEvents } from "../../fixtures/events.js";
import { withPoison } from "../../fixtures/poison.js";
import type { FlowRun, FlowTask } from "../../model.js";
import type { Bronze, DbtRun, Ingested, Orchestrated, Silver, Step, StepContext } from "../../pipeline.js";
import { StageError } from "../../errors.js";
import { EVENT_PARTITIONS } from "../../stages/produce.js";
import { brokenNodes } from "../../stages/run-results.js";
import { JOB_TIMEOUT_MS } from "../lakehouse/stack.js";
import { bronzeStatements, readBronze, readSilver, silverStatements, type FlinkLakehouseSql } from "../lakehouse/steps.js";
import { FLOW_TASKS, IN_CONTAINER, type OrchestratedStack, type OrchestratorRunRecord } from "./stack.js";

/** The bound on one flow run: every task's own bound plus the orchestrator's scheduling. */
export const FLOW_TIMEOUT_MS = 2 * JOB_TIMEOUT_MS + 240_000;

/** The steps of P01's flow (`sql`) run as tasks of the stack's orchestrator. */
export function orchestratedFlow(sql: FlinkLakehouseSql) {
  const orchestration: Step<OrchestratedStack, Orchestrated> = async (ctx) => {
    const { stack, names } = ctx;
    const dir = join(ctx.workDir, "flow");
    mkdirSync(dir, { recursive: true });
    const { messages, poison } = withPoison(await wireEvents(ctx.duck), ctx.poison);
    const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), stack.inContainer(join(dir, name)));
    const withDbt = names.scenario === "main";
    const config = {
      kafka: { bootstrap: stack.kafka.internalBootstrapServers, topic: names.topic, partitions: EVENT_PARTITIONS, dead_letters: names.deadLetters },
      // One message per line: its key and its value exactly as the harness producer would send them.
      events: file("events.jsonl", messages.map((m) => JSON.stringify({ key: m.key, value: m.value })).join("\n") + "\n"),
      flink: { gateway: `http://${stack.flink.gateway.role}:8083`, jobmanager: `http://${stack.flink.jobmanager.role}:8081`, job_timeout_s: JOB_TIMEOUT_MS / 1000 },
      sql: {
        bronze: file("bronze.json", JSON.stringify(bronzeStatements(ctx, sql, true))),
        silver: file("silver.json", JSON.stringify(silverStatements(ctx, sql, true))),
      },
      // The edge rows' pass has no dbt build (as in every pipeline): the flow skips the task.
      dbt: withDbt
        ? {
            project_dir: IN_CONTAINER.dbt,
            target: "lakehouse",
            vars: { source_layer: "silver" },
            target_path: stack.inContainer(join(ctx.workDir, "target")),
            log_path: stack.inContainer(join(ctx.workDir, "logs")),
            duckdb_path: stack.inContainer(join(ctx.workDir, "taxi.duckdb")),
          }
        : null,
    };
    const configPath = file("run.json", JSON.stringify(config, null, 2));
    const t0 = performance.now();
    const record = await stack.orchestrator.runFlow({ config: configPath, dbt: withDbt }, FLOW_TIMEOUT_MS);
    const run = flowRun(stack.orchestrator.name, record, (performance.now() - t0) / 1000, withDbt);
    const produced = run.tasks.find((t) => t.name === "produce_events");
    const ingested: Ingested = { messages: messages.length, seconds: produced?.seconds ?? 0, expectedBronze: ctx.events, expectedDeadLetters: poison.length, poison };
    return { run, ingested };
  };

  /** The produce task's events are all in the topic. */
  const ingest: Step<OrchestratedStack, Ingested> = async (ctx) => {
    const { ingested } = need(ctx);
    const inTopic = await ctx.stack.kafka.messageCount(ctx.names.topic);
    if (inTopic !== ingested.messages) throw new Error(`${ctx.names.topic} holds ${inTopic} messages; the flow's produce task had ${ingested.messages} to send`);
    return ingested;
  };

  const bronze: Step<OrchestratedStack, Bronze> = async (ctx) => (need(ctx), readBronze(ctx, sql.bronze.table));
  const silver: Step<OrchestratedStack, Silver> = async (ctx) => (need(ctx), readSilver(ctx));
  /** dbt's build as the dbt task left it; the task itself failing without a failed node is the failure. */
  const dbt: Step<OrchestratedStack, DbtRun> = async (ctx) => {
    const { run } = need(ctx);
    const task = run.tasks.find((t) => t.stage === "dbt");
    const result = dbtResultIn(ctx.workDir, task?.log ?? "");
    if (task && !task.ok && !brokenNodes(result.summary).length) {
      throw new StageError("dbt", `task ${task.name} ${task.state} in ${run.orchestrator} run ${run.runId}${task.cause ? `: ${task.cause}` : ""}`, task.container, task.log);
    }
    return result;
  };

  return { orchestration, ingest, bronze, silver, dbt };
}

function need(ctx: StepContext<OrchestratedStack>): Orchestrated {
  if (!ctx.flow) throw new Error("the orchestrator's run is not available: the orchestrator stage did not complete");
  return ctx.flow;
}

/**
 * The run as the report keeps it: the flow's tasks in order, each with its stage (a task the
 * orchestrator never ran is recorded as such; tasks an integration adds inside one, such as
 * prefect-dbt's per-node tasks, are not the flow's), and the orchestrator's own overhead, the gaps
 * between one task's end and the next one's start.
 */
export function flowRun(orchestrator: string, record: OrchestratorRunRecord, seconds: number, withDbt: boolean): FlowRun {
  const expected = FLOW_TASKS.filter((t) => withDbt || t.stage !== "dbt");
  const byName = new Map(record.tasks.map((t) => [t.name, t]));
  const tasks: FlowTask[] = expected.map(({ name, stage }) => {
    const t = byName.get(name);
    if (!t) return { name, stage, state: "not run", ok: false, startedAt: null, endedAt: null, seconds: null };
    const { outcome, ...task } = t;
    return { ...task, stage, ok: outcome === "succeeded", seconds: taskSeconds(t) };
  });
  return { orchestrator, runId: record.runId, state: record.state, tasks, schedulingSeconds: schedulingGaps(tasks), seconds };
}

const taskSeconds = (t: Pick<FlowTask, "startedAt" | "endedAt">) => (t.startedAt && t.endedAt ? (Date.parse(t.endedAt) - Date.parse(t.startedAt)) / 1000 : null);

/** The sum of the gaps between a task's end and the next task's start (tasks in start order). */
export function schedulingGaps(tasks: Array<Pick<FlowTask, "startedAt" | "endedAt">>): number {
  const timed = tasks.filter((t) => t.startedAt && t.endedAt).sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!));
  let gaps = 0;
  for (let i = 1; i < timed.length; i++) gaps += Math.max(0, Date.parse(timed[i]!.startedAt!) - Date.parse(timed[i - 1]!.endedAt!)) / 1000;
  return gaps;
}
