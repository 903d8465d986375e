// The steps Flink lakehouse pipelines share: a bronze job over the bounded topic source, a silver
// job between the shared silver table and write, and dbt over silver read from Iceberg. A
// pipeline passes its own SQL files; the names of the pass (topics, namespaces) fill placeholders.
import { readFileSync } from "node:fs";
import { logTail, waitFor } from "../../components/container.js";
import { StageError } from "../../errors.js";
import type { RuleSet } from "../../model.js";
import type { Bronze, DbtRun, Failure, ScenarioNames, Silver, Step, StepContext, StreamingSpec } from "../../pipeline.js";
import { EVENT_PARTITIONS } from "../../stages/produce.js";
import { deadLettersSince } from "../../stages/dead-letters.js";
import { loadSqlScript } from "../../stages/sql-script.js";
import { LAKE_LAYOUT } from "../../oracle/silver-schema.js";
import { NATURAL_KEY } from "../common/natural-key.js";
import { addedRows, icebergSnapshot, readTable } from "../tables/read.js";
import { tripChecks, tripPaths, tripValues, type TripMessage } from "./trip-fields.js";
import { JOB_TIMEOUT_MS, jobTimeoutMs, LAKEHOUSE_SQL, type LakehouseCore, type LakehouseStack } from "./stack.js";

/** Bronze tables of every lakehouse pipeline (pipelines.md §3): Iceberg v1, unpartitioned, parquet zstd. */
const BRONZE_PROPERTIES = "'format-version' = '1', 'write.format.default' = 'parquet', 'write.parquet.compression-codec' = 'zstd'";

/**
 * The key trip_id hashes, as the oracle's rule-sets define it: the natural key as canonical text
 * (common/natural-key.sql, an expression over `silver_rows`), or for silver-cdc the source table's primary
 * key, which a CDC pipeline's `silver_rows` carries as `source_key`.
 */
const tripKey = (ruleSet: RuleSet) => (ruleSet === "silver-cdc" ? "CAST(source_key AS STRING)" : NATURAL_KEY);

/** The statement that sends the `checked` view's rejects to `dead_letters` (in bronze's statement set). */
const DEAD_LETTERS_INSERT = readFileSync(LAKEHOUSE_SQL("dead-letters-insert.sql"), "utf8").trim();

/**
 * Streaming: silver's key (Iceberg's equality fields). A row replaced or removed is deleted in its
 * own partition (the changelog carries the old row). Where every row has a pickup date (silver-core),
 * the key holds the partition column too, which lets Iceberg hash-distribute the sink by partition:
 * each writer writes only its own days, half the files per checkpoint (opening a Parquet file is most
 * of a writer's time). silver-cdc keeps rows without a pickup date, and a key column may not be
 * null: the key is trip_id alone and the sink groups by it (every writer writes every day).
 */
function streamingKey(ruleSet: RuleSet): { key: string; distribution: string } {
  return ruleSet === "silver-cdc"
    ? { key: ",\n  PRIMARY KEY (trip_id) NOT ENFORCED", distribution: "none" }
    : { key: ",\n  PRIMARY KEY (trip_id, pickup_date) NOT ENFORCED", distribution: "hash" };
}

/** The placeholders of a pass: the stack's addresses, the topic read, the dead-letter topic, the namespaces, the mode's settings. */
function vars(ctx: StepContext<LakehouseCore>): Record<string, string> {
  const { names, stack, ingested } = ctx;
  const streaming = ctx.mode.name === "streaming";
  const silver = streaming ? streamingKey(ctx.ruleSet) : { key: "", distribution: "hash" };
  return {
    ...stack.sqlVars(),
    topic: ingested?.topic ?? names.topic,
    "dlq.topic": names.deadLetters,
    bronze: names.bronze,
    silver: names.silver,
    "bronze.properties": BRONZE_PROPERTIES,
    trip_key: tripKey(ctx.ruleSet),
    "topic.bound": streaming ? "unbounded" : "latest-offset",
    "dlq.guarantee": streaming ? "exactly-once" : "at-least-once",
    "dlq.transactions": `harness-dlq-${names.scenario}-${Date.now()}`,
    "silver.key": silver.key,
    "silver.distribution": silver.distribution,
    // A bronze that is the whole topic as of each batch run (CDC) overwrites; an unbounded job appends.
    "bronze.insert": streaming ? "INSERT INTO" : "INSERT OVERWRITE",
  };
}

/** The statements of a stage's script: the session's (settings, catalog) first when `withSession`. */
function script(ctx: StepContext<LakehouseCore>, files: string[], extra: Record<string, string>, withSession: boolean): string[] {
  return loadSqlScript([...(withSession ? [LAKEHOUSE_SQL("session.sql")] : []), ...files], { ...vars(ctx), ...extra });
}

async function runSql(ctx: StepContext<LakehouseCore>, stage: string, statements: string[]): Promise<void> {
  const session = await ctx.stack.session();
  try {
    await session.runScript(stage, statements, jobTimeoutMs(ctx.ingested?.expectedBronze));
  } finally {
    await session.close();
  }
}

/** A Flink lakehouse pipeline's own SQL: what its bronze and silver jobs run. */
export interface FlinkLakehouseSql {
  /**
   * Bronze's SQL file, the table it writes in the bronze namespace, and the shape of the topic's
   * messages. The file defines the view `bronze_rows` (the table's rows) and ends with the statement
   * set that writes them, with `${dead_letters.insert}` and `${silver.insert}` in it.
   */
  bronze: { file: string; table: string; message: TripMessage };
  /** Silver's SQL file (the `silver_rows` view over `${bronze.rows}`). */
  silver: string;
}

/**
 * Bronze's statements: the topic as a bounded source (topic-source.sql) and the dead-letter topic as
 * a sink (dead-letters.sql), then the pipeline's bronze SQL, which writes `<bronze namespace>.<table>`
 * and sends what does not fit to `dead_letters`, with the checks of `message`'s trip fields as
 * `trip.checks` and their parsed values as `trip.values`; a view `checked` (the message and its
 * `reject_reason`) feeds `dead_letters.insert`, which goes in the same statement set as bronze's
 * insert (one job reads the topic once).
 */
export function bronzeStatements(ctx: StepContext<LakehouseCore>, sql: FlinkLakehouseSql, withSession = false, topic?: string): string[] {
  return script(ctx, [LAKEHOUSE_SQL("topic-source.sql"), LAKEHOUSE_SQL("dead-letters.sql"), sql.bronze.file], bronzeVars(sql, "", topic), withSession);
}

/** The trip fields of a message as json_fields' arguments and as parsed values (bronze's and silver's SQL). */
const fieldVars = (message: TripMessage) => ({ "trip.paths": tripPaths(message), "trip.values": tripValues(message) });

function bronzeVars({ bronze }: FlinkLakehouseSql, silverInsert: string, topic?: string): Record<string, string> {
  return {
    ...fieldVars(bronze.message),
    "trip.checks": tripChecks(bronze.message),
    "dead_letters.insert": DEAD_LETTERS_INSERT,
    "silver.insert": silverInsert,
    ...(topic ? { topic } : {}),
  };
}

/** Silver's statements: the shared table (Iceberg v2 by pickup_date), the pipeline's `silver_rows` view over the bronze table, the shared write. */
export function silverStatements(ctx: StepContext<LakehouseCore>, sql: FlinkLakehouseSql, withSession = false): string[] {
  return script(ctx, [LAKEHOUSE_SQL("silver-table.sql"), sql.silver, LAKEHOUSE_SQL("silver-insert.sql")], { "bronze.rows": `lake.${ctx.names.bronze}.${sql.bronze.table}`, ...fieldVars(sql.bronze.message) }, withSession);
}

/**
 * Bronze and silver as one job: silver's view reads `bronze_rows` — the rows bronze writes — and
 * its insert joins bronze's statement set, so the topic is read once and no job waits for another
 * to commit. Silver is the same as read back from the bronze table: it is computed from the same rows.
 */
export function oneJobStatements(ctx: StepContext<LakehouseCore>, sql: FlinkLakehouseSql, topic?: string): string[] {
  const silverInsert = script(ctx, [LAKEHOUSE_SQL("silver-insert.sql")], {}, false).map((s) => `${s};`).join("\n");
  const bronze = script(ctx, [LAKEHOUSE_SQL("topic-source.sql"), LAKEHOUSE_SQL("dead-letters.sql"), sql.bronze.file], bronzeVars(sql, silverInsert, topic), false);
  const silver = script(ctx, [LAKEHOUSE_SQL("silver-table.sql"), sql.silver], { "bronze.rows": "bronze_rows", ...fieldVars(sql.bronze.message) }, false);
  // The statement set is bronze's last statement; silver's table and views go before it.
  return [...bronze.slice(0, -1), ...silver, bronze.at(-1)!];
}

/** Bronze as written: its row count, and the dead letters written since the topic held `before`. */
export async function readBronze(ctx: StepContext<LakehouseCore>, table: string, before = 0): Promise<Bronze> {
  const { relation } = await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.bronze}.${table}` }, ctx.workDir);
  const rows = Number(await ctx.duck.scalar(`SELECT count(*) FROM ${relation}`));
  return { rows, deadLetters: await deadLettersSince(ctx.stack.kafka, ctx.names.deadLetters, before) };
}

/** Silver as written, with its schema, for the oracle. */
export async function readSilver(ctx: StepContext<LakehouseCore>): Promise<Silver> {
  return { ...(await readTable(ctx.stack, { format: "iceberg", name: `${ctx.names.silver}.cleaned_trips` }, ctx.workDir)), layout: LAKE_LAYOUT };
}

/**
 * Bronze and silver of a batch pipeline as one job (oneJobStatements): the bronze stage runs it and
 * reads bronze back, the silver stage reads silver back.
 */
export function flinkOneJob(sql: FlinkLakehouseSql): { bronze: Step<LakehouseStack, Bronze>; silver: Step<LakehouseStack, Silver> } {
  return {
    bronze: async (ctx) => {
      const before = await ctx.stack.kafka.messageCount(ctx.names.deadLetters);
      await runSql(ctx, "bronze", oneJobStatements(ctx, sql));
      return readBronze(ctx, sql.bronze.table, before);
    },
    silver: (ctx) => readSilver(ctx),
  };
}

/** Bronze: the bronze job, then bronze read back with this run's dead letters. */
export function flinkBronze(sql: FlinkLakehouseSql): Step<LakehouseStack, Bronze> {
  return async (ctx) => {
    // The dead letters of this run of the job: a second run (an increment) re-reads the whole topic.
    const before = await ctx.stack.kafka.messageCount(ctx.names.deadLetters);
    await runSql(ctx, "bronze", bronzeStatements(ctx, sql));
    return readBronze(ctx, sql.bronze.table, before);
  };
}

/** Silver: the silver job, then silver read back. */
export function flinkSilver(sql: FlinkLakehouseSql): Step<LakehouseStack, Silver> {
  return async (ctx) => {
    await runSql(ctx, "silver", silverStatements(ctx, sql));
    return readSilver(ctx);
  };
}

/** dbt build of the shared project over silver read from Iceberg (the `lakehouse` target). */
export const lakehouseDbt: Step<LakehouseStack, DbtRun> = (ctx) => ctx.stack.dbt.dbt("build", "lakehouse", { source_layer: "silver" });

export interface StreamingOptions<S extends LakehouseCore> {
  /** The topic bronze reads, where it is not the pass's events topic (a CDC topic). */
  topic?: (names: ScenarioNames) => { name: string; partitions: number };
  /** What the pipeline survives (default: the lakehouse's failures). */
  failures?: Failure<S>[];
}

/** Streaming: silver that stays the same this long after bronze is complete, yet differs from the oracle, is final. */
const SETTLED_MS = 30_000;

/** The failures every streaming lakehouse pipeline survives. */
export const LAKEHOUSE_FAILURES: Failure<LakehouseCore>[] = [
  { name: "taskmanager-kill", title: "the TaskManager killed mid-stream and started again: the jobs resume from their last checkpoint", inject: (stack) => stack.flink.killTaskManager() },
  { name: "broker-restart", title: "the Kafka broker restarted mid-stream", inject: (stack) => stack.kafka.restartBroker() },
];

/**
 * Streaming mode of a Flink lakehouse pipeline: the same SQL as its batch job, run unbounded as one
 * job — the topic read without end, bronze appended, silver's changelog written into a keyed silver
 * table (equality deletes) — committing both on every checkpoint.
 */
export function flinkStreaming<S extends LakehouseCore = LakehouseCore>(sql: FlinkLakehouseSql, options: StreamingOptions<S> = {}): StreamingSpec<S> {
  const topic = options.topic ?? ((names: ScenarioNames) => ({ name: names.topic, partitions: EVENT_PARTITIONS }));
  /** Each pass's jobs, for their checkpoint figures. */
  const passJobs = new Map<string, string[]>();
  /** A wait on the jobs' output that fails says what the jobs are doing (running but slow, or failing, and why). */
  const explained = async <T>(ctx: StepContext<S>, stage: string, wait: () => Promise<T>): Promise<T> => {
    try {
      return await wait();
    } catch (err) {
      if (err instanceof StageError) throw err;
      const { flink } = ctx.stack;
      throw new StageError(stage, `${(err as Error).message}: ${await flink.diagnose(passJobs.get(ctx.names.scenario) ?? [])}`, flink.taskmanager.name, await logTail(flink.taskmanager.container).catch(() => ""));
    }
  };
  return {
    start: async (ctx) => {
      // The jobs read the topic and write the dead-letter topic from the start: both exist first.
      const source = topic(ctx.names);
      await ctx.stack.kafka.createTopics([source, { name: ctx.names.deadLetters, partitions: 1 }]);
      const session = await ctx.stack.session();
      try {
        const jobs = await session.runScript("jobs", oneJobStatements(ctx, sql, source.name), JOB_TIMEOUT_MS, "running");
        passJobs.set(ctx.names.scenario, jobs);
        return { stop: async () => void (await Promise.all(jobs.map((job) => ctx.stack.flink.cancel(job)))) };
      } finally {
        await session.close();
      }
    },
    bronze: async (ctx) => {
      const { expectedBronze, expectedDeadLetters } = ctx.ingested!;
      const name = `${ctx.names.bronze}.${sql.bronze.table}`;
      // Polled from the snapshot's totals (bronze only appends), read whole once; more than expected
      // is returned at once: the scenario's checks name it.
      return explained(ctx, "bronze", async () => {
        await waitFor(`bronze to hold ${expectedBronze} rows`, jobTimeoutMs(expectedBronze), async () => ((await icebergSnapshot(ctx.stack, name))?.totals["total-records"] ?? 0) >= expectedBronze || undefined, 500);
        return waitFor(`bronze's ${expectedDeadLetters} dead letters`, JOB_TIMEOUT_MS, async () => {
          const bronze = await readBronze(ctx, sql.bronze.table);
          return (bronze.deadLetters?.length ?? 0) >= expectedDeadLetters ? bronze : undefined;
        }, 1_000);
      });
    },
    silver: async (ctx) => {
      const name = `${ctx.names.silver}.cleaned_trips`;
      let silver = await readSilver(ctx);
      let read = "";
      let settled = { checksum: "", since: Date.now() };
      // Read again whenever a new snapshot is committed, until silver equals the oracle; when its
      // content has not changed for SETTLED_MS (bronze is complete by now) or at the bound, silver as
      // it is: the scenario's checks show how it differs.
      await waitFor("silver to equal the oracle", JOB_TIMEOUT_MS, async () => {
        const current = (await icebergSnapshot(ctx.stack, name))?.snapshotId ?? "";
        if (current === read) return undefined;
        read = current;
        silver = await readSilver(ctx);
        const comparison = await ctx.oracle.compare(silver.relation);
        if (comparison.actualChecksum !== settled.checksum) settled = { checksum: comparison.actualChecksum, since: Date.now() };
        return comparison.equal || Date.now() - settled.since > SETTLED_MS || undefined;
      }, 500).catch(() => undefined);
      for (const job of passJobs.get(ctx.names.scenario) ?? []) {
        const c = await ctx.stack.flink.checkpoints(job).catch(() => null);
        if (c) ctx.note(`job ${job.slice(0, 8)}: ${c.completed} checkpoints (${c.failed} failed), end-to-end p50 ${c.p50Ms} ms, max ${c.maxMs} ms`);
      }
      return { ...silver, commits: await addedRows(ctx.stack, name, "trip_id", ctx.workDir) };
    },
    failures: options.failures ?? LAKEHOUSE_FAILURES,
  };
}
