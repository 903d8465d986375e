// The steps of the stream-processor pipelines: the pass's application is started once its events are
// in the topic, and each layer is done when the application has caught up — its consumer group has
// no lag on the layer's input and the layer's output topics have stopped growing — never after a
// fixed sleep. Silver is a topic: read back completely (read_committed, every partition to its end)
// and compared with the oracle by count, checksum and schema (field names and JSON types).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { logTail, waitFor } from "../../components/container.js";
import type { StartedKafkaContainer } from "../../components/kafka.js";
import type { StartedStreamApp, StreamTopics } from "../../components/stream-app.js";
import { StageError } from "../../errors.js";
import { wireEvents } from "../../fixtures/events.js";
import { MAIN_NAMES, type Bronze, type ExtraStage, type Silver, type Step, type StepContext } from "../../pipeline.js";
import { exec, heartbeat } from "../../runtime/exec.js";
import { deadLettersSince } from "../../stages/dead-letters.js";
import { EVENT_PARTITIONS, produce } from "../../stages/produce.js";
import { jsonSilver } from "./json-silver.js";
import { streamTopics, type StreamsStack } from "./stack.js";

/** How long a layer may take to catch up (30,000 events take seconds; a stuck application is caught sooner by its exit). */
export const CATCH_UP_TIMEOUT_MS = 240_000;
/** Output end offsets unchanged this long, with no lag, mean the layer is complete. */
const QUIET_MS = 1_000;
const POLL_MS = 200;

/** The pass's application (started by bronze), by the pass's scenario. */
const running = new WeakMap<StreamsStack, Map<string, StartedStreamApp>>();

/** The application id of a pass: one consumer group per pipeline and pass. */
export const appGroup = (ctx: StepContext<StreamsStack>) => `${ctx.pipelineId}-${ctx.names.scenario}`;

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

/**
 * Waits until `app` has read all of `input` (its group's committed offsets at the input's last
 * stable offsets) and `outputs` have not grown for QUIET_MS, with no transaction open on them. A
 * probe the broker does not answer is retried; an application that exits fails the stage with its
 * log, and so does the bound passed, naming the lag left. Returns the seconds it waited.
 */
export async function awaitCaughtUp(stage: string, kafka: StartedKafkaContainer, app: StartedStreamApp, input: string, outputs: string[], timeoutMs = CATCH_UP_TIMEOUT_MS): Promise<number> {
  const t0 = performance.now();
  let lag = -1n;
  let last = "";
  let quietSince = 0;
  let trouble = "";
  const stop = heartbeat(10, () => `${stage}: ${app.name} lag ${lag < 0n ? "unknown" : lag} on ${input}${trouble && ` (last probe: ${trouble})`}`);
  /** One look at the lag and the outputs; null when the broker did not answer (a coordinator still loading). */
  const probe = async () => {
    const [ends, committed] = await Promise.all([kafka.endOffsets(input, { committed: true }), kafka.committedOffsets(app.group, input)]);
    const outs = Object.fromEntries(await Promise.all(outputs.map(async (t) => [t, await kafka.endOffsets(t)] as const)));
    // An open transaction on an output (a killed instance's, until the broker aborts it) hides
    // what follows it from read_committed readers: complete means committed up to the end.
    const open = await Promise.all(outputs.map(async (t) => sum(outs[t]!) !== sum(await kafka.endOffsets(t, { committed: true }))));
    return { lag: ends.reduce((total, end, p) => total + (end - (committed[p]! < 0n ? 0n : committed[p]!)), 0n), outs, open: open.includes(true) };
  };
  try {
    for (;;) {
      if (!(await app.running())) throw new StageError(stage, `${app.name} exited before it caught up (lag ${lag} on ${input})`, app.name, await logTail(app.container));
      const seen = await probe().then(
        (p) => ((trouble = ""), p),
        (err: unknown) => ((trouble = err instanceof Error ? err.message : String(err)), null),
      );
      if (seen) {
        lag = seen.lag;
        const now = JSON.stringify(seen.outs, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
        if (lag === 0n && now === last && !seen.open) {
          if (performance.now() - quietSince >= QUIET_MS) return (performance.now() - t0) / 1000;
        } else quietSince = performance.now();
        last = now;
      }
      if (performance.now() - t0 > timeoutMs)
        throw new StageError(stage, `${app.name} did not catch up within ${timeoutMs / 1000} s: lag ${lag} on ${input}, outputs ${last}${trouble && `; last probe failed: ${trouble}`}`, app.name, await logTail(app.container));
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    stop();
  }
}

/** Bronze: the layer topics created, the pass's application started; done when it has read the events topic. */
export const streamBronze: Step<StreamsStack, Bronze> = async (ctx) => {
  const { kafka } = ctx.stack;
  const topics = streamTopics(ctx.names);
  await kafka.createTopics([
    { name: topics.bronze, partitions: EVENT_PARTITIONS },
    { name: topics.silver, partitions: EVENT_PARTITIONS },
  ]);
  const app = await ctx.stack.startApp(topics, appGroup(ctx));
  const apps = running.get(ctx.stack) ?? new Map<string, StartedStreamApp>();
  running.set(ctx.stack, apps.set(ctx.names.scenario, app));
  const done = await awaitCaughtUp("bronze", kafka, app, topics.input, [topics.bronze, topics.deadLetters]);
  ctx.note(`bronze: ${app.name} caught up on ${topics.input} in ${done.toFixed(1)} s`);
  return { rows: (await kafka.readTopic(topics.bronze)).length, deadLetters: await deadLettersSince(kafka, topics.deadLetters, 0) };
};

/** Silver: done when the application has read bronze; then the silver topic, read back completely. */
export const streamSilver: Step<StreamsStack, Silver> = async (ctx) => {
  const topics = streamTopics(ctx.names);
  const app = running.get(ctx.stack)?.get(ctx.names.scenario);
  if (!app) throw new Error("silver needs the pass's application, which bronze starts");
  const done = await awaitCaughtUp("silver", ctx.stack.kafka, app, topics.bronze, [topics.silver]);
  ctx.note(`silver: ${app.name} caught up on ${topics.bronze} in ${done.toFixed(1)} s`);
  return readTopicSilver(ctx, topics);
};

/** Silver as the topic holds it: every committed message, as jsonSilver() reads it. */
export async function readTopicSilver(ctx: StepContext<StreamsStack>, topics: StreamTopics): Promise<Silver> {
  const messages = await ctx.stack.kafka.readTopic(topics.silver);
  const file = join(ctx.workDir, "silver.ndjson");
  writeFileSync(file, messages.map((m) => `${m.value.replace(/\n/g, " ")}\n`).join(""));
  return jsonSilver(ctx.duck, file, `topic_silver_${ctx.names.scenario}`, ctx.columns);
}

/** The restart check's topics and group, beside the main pass's. */
const RESTART_NAMES = { ...MAIN_NAMES, scenario: "restart", topic: "restart.raw_trips", deadLetters: "restart.raw_trips.dlq" } as const;

/**
 * Exactly-once shown, not assumed: half the pass's events into topics of their own, an application
 * killed (SIGKILL, no clean shutdown) once it has written some silver, the other half produced while
 * it is down, then a new one started in the same group. It must resume where the last committed
 * transaction left off: bronze holds each event once and silver equals the oracle — no duplicate,
 * no loss — by count and checksum.
 */
export const streamRestart: ExtraStage<StreamsStack> = {
  name: "restart",
  kind: "core",
  title: "restart: the application killed midway and started again; silver still equals the oracle, no duplicate, no loss",
  run: async (main) => {
    const ctx: StepContext<StreamsStack> = { ...main, names: RESTART_NAMES, workDir: join(main.workDir, "restart") };
    mkdirSync(ctx.workDir, { recursive: true });
    const { kafka } = ctx.stack;
    const topics = streamTopics(ctx.names);
    await kafka.createTopics([topics.input, topics.bronze, topics.silver].map((name) => ({ name, partitions: EVENT_PARTITIONS })).concat({ name: topics.deadLetters, partitions: 1 }));
    const events = await wireEvents(ctx.duck);
    const half = Math.ceil(events.length / 2);
    await produce(kafka.bootstrapServers, topics.input, events.slice(0, half));
    const group = appGroup(ctx);
    const first = await ctx.stack.startApp(topics, group);
    // Killed once it has written some silver: its sub-topologies busy, output sent and not yet
    // committed (whatever a guarantee weaker than exactly-once would send again after the restart);
    // the second half goes in while it is down.
    const some = BigInt(Math.ceil(half / 20));
    const midway = await waitFor("some silver written", CATCH_UP_TIMEOUT_MS, async () => {
      if (!(await first.running())) return "exited";
      return sum(await kafka.endOffsets(topics.silver)) >= some ? "midway" : undefined;
    }, 50);
    if (midway === "exited") throw new StageError("restart", `${first.name} exited before the kill`, first.name, await logTail(first.container));
    await exec("docker", ["kill", first.container.getId()], { timeoutMs: 30_000 });
    const lagOn = async (topic: string) => {
      const [ends, committed] = await Promise.all([kafka.endOffsets(topic), kafka.committedOffsets(group, topic)]);
      return ends.reduce((t, end, p) => t + end - (committed[p]! < 0n ? 0n : committed[p]!), 0n);
    };
    ctx.note(`restart: killed ${first.name} with ${await lagOn(topics.input)} of ${half} input and ${await lagOn(topics.bronze)} bronze offsets not committed, silver at ${sum(await kafka.endOffsets(topics.silver))} offsets`);
    await produce(kafka.bootstrapServers, topics.input, events.slice(half));
    const t0 = performance.now();
    const second = await ctx.stack.startApp(topics, group);
    await awaitCaughtUp("restart", kafka, second, topics.input, [topics.bronze, topics.deadLetters]);
    await awaitCaughtUp("restart", kafka, second, topics.bronze, [topics.silver]);
    ctx.note(`restart: caught up again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const bronze = (await kafka.readTopic(topics.bronze)).length;
    if (bronze !== events.length) throw new Error(`bronze holds ${bronze} messages after the restart, ${events.length} events went in`);
    const silver = await readTopicSilver(ctx, topics);
    const comparison = await ctx.oracle.compare(silver.relation);
    ctx.note(`restart: bronze ${bronze}, silver ${comparison.actualRows} (oracle ${comparison.expectedRows}), checksum ${comparison.equal ? "equal" : "different"}`);
    if (!comparison.equal)
      throw new Error(`silver after the restart differs from the oracle: ${comparison.actualRows} rows (oracle ${comparison.expectedRows}); first unexpected ${JSON.stringify(comparison.unexpected.slice(0, 2))}; first missing ${JSON.stringify(comparison.missing.slice(0, 2))}`);
  },
};
