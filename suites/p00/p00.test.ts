import { join } from "node:path";
import { lit } from "../../harness/db/duck.js";
import { describe, expect, test } from "vitest";
import { writeEventsParquet } from "../../harness/fixtures/events.js";
import { usePipeline } from "../../harness/suite.js";
import { brokenNodes } from "../../harness/stages/run-results.js";
import { dbtBuild, type DbtBuildResult } from "../../harness/stages/dbt.js";
import { attachedTable } from "../../harness/stages/silver-from-duckdb.js";
import { p00, P00_SILVER_TABLE } from "../../pipelines/00-batch-baseline/pipeline.js";

describe("P00 batch baseline: dbt-duckdb over the events file", () => {
  const run = usePipeline(p00);
  let eventsPath: string | undefined;
  let build: DbtBuildResult | undefined;

  test("the run's events are written as the file dbt reads", async () => {
    eventsPath = await run.stage("ingestion", async () => {
      const path = join(run.workDir, "events.parquet");
      await writeEventsParquet(run.duck, path);
      return path;
    });
    const written = await run.duck.scalar<string>(`SELECT count(*) FROM read_parquet(${lit(eventsPath)})`);
    expect(Number(written)).toBe(run.events);
    run.recordBronze(Number(written));
  });

  test("dbt build runs every node", async () => {
    const path = run.need(eventsPath, "the events file");
    build = await run.stage("dbt", () => dbtBuild({ workDir: run.workDir, env: { HARNESS_EVENTS_PATH: path }, vars: { source_layer: p00.dbtSource } }));
    const gold = await goldRowCounts(build.duckdbPath);
    run.recordDbt(build.summary, gold);
    expect(build.summary.nodes.length, build.logTail).toBeGreaterThan(0);
    expect(build.summary.nodes.filter((n) => n.outcome === "skip").map((n) => n.uniqueId)).toEqual([]);
  });

  test("staging equals the silver-core oracle, in count and content", async () => {
    const { duckdbPath } = run.need(build, "the dbt build");
    const comparison = await run.oracle.compare(await attachedTable(run.duck, duckdbPath, P00_SILVER_TABLE));
    run.recordSilver(comparison);
    expect(comparison.actualRows).toBe(run.expected.rows);
    expect(comparison.actualChecksum).toBe(run.expected.checksum);
  });

  test("no dbt model, seed or test fails or errors", () => {
    const { summary } = run.need(build, "the dbt build");
    expect(brokenNodes(summary).map((n) => `${n.uniqueId}: ${n.message}`)).toEqual([]);
  });

  async function goldRowCounts(duckdbPath: string): Promise<Record<string, number>> {
    const gold: Record<string, number> = {};
    for (const table of ["fct_trips", "mart_daily_revenue", "mart_location_performance", "mart_hourly_demand"]) {
      gold[table] = Number(await run.duck.scalar(`SELECT count(*) FROM ${await attachedTable(run.duck, duckdbPath, table)}`));
    }
    return gold;
  }
});
