// Druid as a serving engine: its cluster (harness/components/druid.ts) beside the lakehouse, a Kafka
// supervisor (the pipeline's spec file) consuming the pass's topic, and the pipeline's Druid SQL
// dialect of the standard queries, answered through the router.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inStage, waitFor } from "../../components/container.js";
import { startDruidCluster, type DruidCluster } from "../../components/druid.js";
import { EVENT_TRIPS, loadDialect, type QueryEngine } from "../../stages/standard-queries.js";
import { renderSql } from "../../stages/sql-script.js";
import type { ServingCounts, ServingEngine, StartedServingEngine } from "./stack.js";

export interface DruidFiles {
  /** The Kafka supervisor spec (JSON) with ${topic} and ${kafka.bootstrap}. */
  supervisor: string;
  /** The standard queries in Druid SQL (`-- Q1` … headers) with ${datasource}. */
  queries: string;
}

export function druidEngine(files: DruidFiles): ServingEngine<StartedDruidEngine> {
  return {
    name: "Druid",
    images: ["druid", "zookeeper"],
    start: async (network, { images, workDir }) => {
      const shared = join(workDir, "druid-shared");
      mkdirSync(shared, { recursive: true });
      return new StartedDruidEngine(await startDruidCluster({ druid: images.druid!, zookeeper: images.zookeeper! }, network, shared), files);
    },
  };
}

export class StartedDruidEngine implements StartedServingEngine {
  readonly name = "Druid";
  private supervisor: string | null = null;
  private datasource = "";

  constructor(
    readonly cluster: DruidCluster,
    private readonly files: DruidFiles,
  ) {}

  containers() {
    return this.cluster.containers;
  }

  stop() {
    return this.cluster.stop();
  }

  async consume(topic: string, bootstrapServers: string): Promise<void> {
    const spec = JSON.parse(renderSql(readFileSync(this.files.supervisor, "utf8"), { topic, "kafka.bootstrap": bootstrapServers })) as { spec: { dataSchema: { dataSource: string } } };
    this.datasource = spec.spec.dataSchema.dataSource;
    this.supervisor = await inStage("ingestion", this.cluster.coordinator, () => this.cluster.submitSupervisor(spec));
  }

  /**
   * Done when the supervisor has no lag on the topic, its tasks have accounted for every message
   * (ingested, with an error, unparseable or thrown away) and the ingested rows are all queryable.
   */
  async awaitConsumed(messages: number, timeoutMs: number): Promise<ServingCounts> {
    const id = this.supervisor;
    if (!id) throw new Error("Druid has no supervisor: consume() was not called");
    // A stuck ingestion shows in the peon's log, inside the middleManager's container.
    return inStage("serving", this.cluster.middleManager, () =>
      waitFor(`Druid's supervisor ${id} to ingest the ${messages} messages of its topic`, timeoutMs, async () => {
        const status = await this.cluster.supervisorStatus(id);
        if (/^UNHEALTHY|^LOST_CONTACT/.test(status.detailedState)) {
          throw new Error(`supervisor ${status.detailedState}: ${(status.recentErrors ?? []).map((e) => e.message ?? e.exceptionClass).join("; ")}`);
        }
        const latest = Object.values(status.latestOffsets ?? {}).reduce((a, b) => a + b, 0);
        if (status.aggregateLag !== 0 || latest < messages) throw new Error(`supervisor ${status.detailedState}, lag ${status.aggregateLag ?? "unknown"}, ${latest} of ${messages} offsets seen`);
        const stats = await this.cluster.supervisorRowStats(id);
        const accounted = stats.processed + stats.processedWithError + stats.unparseable + stats.thrownAway;
        if (accounted < messages) throw new Error(`its tasks accounted for ${accounted} of ${messages} messages`);
        const [total] = await this.cluster.native<Array<{ result: { events: number; rows: number } }>>({
          queryType: "timeseries",
          dataSource: this.datasource,
          granularity: "all",
          intervals: ["1000-01-01/3000-01-01"],
          aggregations: [
            { type: "longSum", name: "events", fieldName: "count" },
            { type: "count", name: "rows" },
          ],
        });
        const held = total?.result ?? { events: 0, rows: 0 };
        if (held.events !== stats.processed + stats.processedWithError) throw new Error(`${held.events} of ${stats.processed + stats.processedWithError} ingested events queryable`);
        return { rows: held.rows, events: held.events, unparseable: stats.unparseable };
      }, 1000).then((held) => this.handOff(id, held, timeoutMs)),
    );
  }

  /**
   * Serving as Druid does once ingested: the task publishes its segments (a hand-off asked for, not
   * waited for until the task's duration ends) and the historical loads them. Every segment must
   * span one day (the spec's DAY segments) and the loaded segments hold every row.
   */
  private async handOff(id: string, held: Omit<ServingCounts, "storage">, timeoutMs: number): Promise<ServingCounts> {
    await this.cluster.request("POST", `/druid/indexer/v1/supervisor/${encodeURIComponent(id)}/taskGroups/handoff`, { taskGroupIds: [0] });
    const segments = await waitFor(`Druid's historical to load the published segments of ${this.datasource}`, 120_000, async () => {
      const rows = await this.cluster.sql(
        `SELECT "start", "end", num_rows FROM sys.segments WHERE datasource = '${this.datasource}' AND is_published = 1 AND is_available = 1 AND is_realtime = 0`,
      );
      const loaded = rows.reduce((n, r) => n + Number(r[2]), 0);
      if (loaded !== held.rows) throw new Error(`${rows.length} segments with ${loaded} of ${held.rows} rows loaded`);
      return rows as Array<[string, string, number]>;
    }, 1000);
    // The supervisor replaces the task that handed off; the standard queries are timed once that
    // task reads the topic (its JVM started), as a user would query a steadily running pipeline.
    await waitFor(`Druid's supervisor ${id} to run a task again after the hand-off`, 120_000, async () => {
      const status = await this.cluster.supervisorStatus(id);
      const reading = (status.activeTasks ?? []).some((t) => Object.values(t.currentOffsets ?? {}).reduce((a, b) => a + b, 0) >= held.events);
      if (!reading) throw new Error(`supervisor ${status.detailedState}: no task reading at the topic's end yet`);
      return true;
    }, 1000);
    const notDays = segments.filter(([start, end]) => Date.parse(end) - Date.parse(start) !== 86_400_000 || !start.includes("T00:00:00"));
    if (notDays.length) throw new Error(`segments are not DAY segments: ${notDays.slice(0, 3).map(([a, b]) => `${a}/${b}`).join(", ")}`);
    return { ...held, storage: `${segments.length} DAY segments published and loaded on the historical` };
  }

  get queries(): QueryEngine {
    const dialect = loadDialect(this.files.queries, { datasource: this.datasource });
    return {
      name: "Druid",
      reference: { relation: EVENT_TRIPS, label: "the oracle's events (Druid ingests the topic)" },
      run: (query) => this.cluster.sql(dialect[query.id]),
    };
  }
}
