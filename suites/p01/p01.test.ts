import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { SqlSession } from "../../harness/components/flink.js";
import { lit } from "../../harness/db/duck.js";
import { wireEvents } from "../../harness/fixtures/events.js";
import { poisonCount, withPoison } from "../../harness/fixtures/poison.js";
import { projectRoot } from "../../harness/paths.js";
import { startLakehouse, type LakehouseStack } from "../../harness/stacks/lakehouse.js";
import type { DbtBuildResult } from "../../harness/stages/dbt.js";
import { exportTables } from "../../harness/stages/iceberg.js";
import { produce } from "../../harness/stages/produce.js";
import { brokenNodes } from "../../harness/stages/run-results.js";
import { loadSqlScript } from "../../harness/stages/sql-script.js";
import { usePipeline, type RunOptions } from "../../harness/suite.js";
import { JOB_TIMEOUT_MS, p01, SQL, TABLES, TOPICS } from "../../pipelines/01-kafka-flink-iceberg/pipeline.js";

/** The pipeline's stages as tests; `withDbt` false stops after silver (edge rows break dbt's not_null tests on purpose). */
function describeP01(title: string, options: RunOptions & { poison: number; withDbt: boolean }) {
  describe(title, () => {
    const run = usePipeline(p01, options);
    let stack: LakehouseStack | undefined;
    let session: SqlSession | undefined;
    let build: DbtBuildResult | undefined;

    const script = (path: string | string[], on = run.need(stack, "the stack")) =>
      loadSqlScript(path, { ...on.sqlVars(), topic: TOPICS.events.name, "dlq.topic": TOPICS.deadLetters.name });
    const lakeTable = async (table: string) => {
      const files = await exportTables(run.need(stack, "the stack"), [table], run.workDir);
      return `read_parquet(${lit(files[table]!)})`;
    };

    test("the stack starts: Kafka, MinIO, the Iceberg catalog, Flink and dbt", async () => {
      stack = await run.stage("startup", async () => {
        const started = await startLakehouse(run.workDir);
        run.track(started);
        await started.kafka.createTopics([TOPICS.events, TOPICS.deadLetters]);
        session = await started.flink.openSession();
        await session.runScript("startup", script(SQL.session, started), JOB_TIMEOUT_MS);
        return started;
      });
      expect(await stack.kafka.messageCount(TOPICS.events.name)).toBe(0);
    });

    test("the producer delivers every event (and any malformed message) to the topic", async () => {
      const { kafka } = run.need(stack, "the stack");
      const messages = withPoison(await wireEvents(run.duck), options.poison);
      const result = await run.stage("ingestion", () => produce(kafka.bootstrapServers, TOPICS.events.name, messages));
      run.recordProduced(result.messages, result.seconds);
      expect(await kafka.messageCount(TOPICS.events.name)).toBe(run.events + options.poison);
    });

    test("bronze holds every event; malformed messages are in the dead-letter topic with a reason", async () => {
      const { kafka } = run.need(stack, "the stack");
      await run.stage("processing", () => run.need(session, "the Flink session").runScript("processing", script(SQL.bronze), JOB_TIMEOUT_MS));
      const bronze = Number(await run.duck.scalar(`SELECT count(*) FROM ${await lakeTable(TABLES.bronze)}`));
      run.recordBronze(bronze);
      expect(bronze).toBe(run.events);
      const dead = await kafka.readMessages(TOPICS.deadLetters.name, options.poison);
      expect(dead.filter((m) => !JSON.parse(m.value).reason)).toEqual([]);
      expect(await kafka.messageCount(TOPICS.deadLetters.name)).toBe(options.poison);
    });

    test("silver equals the silver-core oracle, in count and content", async () => {
      await run.stage("processing", () => run.need(session, "the Flink session").runScript("processing", script(SQL.silver), JOB_TIMEOUT_MS));
      const comparison = await run.oracle.compare(await lakeTable(TABLES.silver));
      run.recordSilver(comparison);
      expect(comparison.missing).toEqual([]);
      expect(comparison.unexpected).toEqual([]);
      expect(comparison.actualRows).toBe(run.expected.rows);
      expect(comparison.actualChecksum).toBe(run.expected.checksum);
    });

    test.runIf(options.withDbt)("dbt build runs every node over silver read from Iceberg", async () => {
      const { dbt } = run.need(stack, "the stack");
      build = await run.stage("dbt", () => dbt.build("lakehouse", { source_layer: p01.dbtSource, silver_source: "lakehouse" }));
      run.recordDbt(build.summary);
      expect(build.summary.nodes.length, build.logTail).toBeGreaterThan(0);
      expect(build.summary.nodes.filter((n) => n.outcome === "skip").map((n) => n.uniqueId)).toEqual([]);
    });

    test.runIf(options.withDbt)("no dbt model, seed or test fails or errors", () => {
      const { summary } = run.need(build, "the dbt build");
      expect(brokenNodes(summary).map((n) => `${n.uniqueId}: ${n.message}`)).toEqual([]);
    });
  });
}

describeP01("P01 Kafka → Flink → Iceberg → dbt", { poison: poisonCount(process.env), withDbt: true });

// Hand-made rows at every silver-core boundary (month edges, zero and negative fares and distances,
// null timestamps and fields, exact duplicates) through the real Flink jobs, against the oracle.
describeP01("P01 edge rows through the real Flink jobs", {
  env: { HARNESS_FIXTURE: join(projectRoot(), "fixtures", "edge-rows.csv"), HARNESS_EVENTS: "" },
  report: false,
  poison: 6,
  withDbt: false,
});
