// The observed lakehouse (P11): P01's Flink lakehouse stack with Flink's Prometheus reporter on in
// the JobManager and TaskManager, Prometheus scraping them, and Soda beside dbt for quality checks
// on gold. Bounded jobs unregister their metrics the moment a task finishes, so Prometheus scrapes
// fast: a count reached in a task's last few hundred milliseconds is otherwise never seen.
import { startAll, type Component } from "../../components/container.js";
import { PrometheusContainer, type StartedPrometheusContainer } from "../../components/prometheus.js";
import { SodaContainer, type StartedSodaContainer } from "../../components/soda.js";
import type { StackDefinition } from "../../pipeline.js";
import { lakehousePlus, type LakehouseStack } from "../lakehouse/stack.js";

/** The reporter's port in each Flink process. */
const REPORTER_PORT = 9249;

/** How often Prometheus scrapes Flink: well inside the time a bounded task takes to finish after its last record. */
export const SCRAPE_INTERVAL = "100ms";

/** Flink's Prometheus reporter: operator record counters only, operator names as Flink writes them. */
const FLINK_METRICS: Record<string, string> = {
  "metrics.reporter.prom.factory.class": "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
  "metrics.reporter.prom.port": String(REPORTER_PORT),
  "metrics.reporter.prom.filterLabelValueCharacters": "false",
  "metrics.reporter.prom.filter.includes": "*.job.task.operator:numRecordsIn,numRecordsOut",
};

export interface Observers {
  prometheus: StartedPrometheusContainer;
  soda: StartedSodaContainer;
  containers(): Component[];
  stop(): Promise<void>;
}

export type ObservedStack = LakehouseStack & { observers: Observers };

export const observed: StackDefinition<ObservedStack> = lakehousePlus(
  "Prometheus + Soda",
  ["prometheus", "soda"],
  "observers",
  async (network, { images, workDir }) => {
    const [prometheus, soda] = await startAll([
      new PrometheusContainer(images.prometheus!)
        .withNetwork(network)
        .withScrapeInterval(SCRAPE_INTERVAL)
        .withScrapeJob({ name: "flink", targets: [`jobmanager:${REPORTER_PORT}`, `taskmanager:${REPORTER_PORT}`] })
        .start(),
      new SodaContainer(images.soda!, workDir).withNetwork(network).start(),
    ] as const);
    return {
      prometheus,
      soda,
      containers: () => [prometheus, soda],
      stop: async () => {
        await Promise.allSettled([prometheus.stop(), soda.stop()]);
      },
    };
  },
  { flink: FLINK_METRICS },
);
