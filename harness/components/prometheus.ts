// Prometheus: scrapes the targets it is given (P11: Flink's JobManager and TaskManager reporters)
// and answers PromQL over its HTTP API.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 9090;

export interface ScrapeJob {
  name: string;
  /** host:port on the run's network. */
  targets: string[];
}

/** One series of an instant query's answer. */
export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export class PrometheusContainer extends RunContainer {
  private readonly jobs: ScrapeJob[] = [];
  private interval = "15s";

  constructor(image: ResolvedImage) {
    super(image, "prometheus");
    this.withExposedPorts(PORT).withWaitStrategy(Wait.forHttp("/-/ready", PORT).withStartupTimeout(60_000));
  }

  withScrapeJob(job: ScrapeJob): this {
    this.jobs.push(job);
    return this;
  }

  /** The global scrape interval, e.g. "250ms". */
  withScrapeInterval(interval: string): this {
    this.interval = interval;
    return this;
  }

  override async start(): Promise<StartedPrometheusContainer> {
    const config = [
      "global:",
      `  scrape_interval: ${this.interval}`,
      `  scrape_timeout: ${this.interval}`,
      "scrape_configs:",
      ...this.jobs.flatMap((j) => [`  - job_name: ${JSON.stringify(j.name)}`, "    static_configs:", `      - targets: ${JSON.stringify(j.targets)}`]),
    ].join("\n");
    // The image's command reads /etc/prometheus/prometheus.yml: the run's scrape jobs replace the example.
    this.withCopyContentToContainer([{ content: `${config}\n`, target: "/etc/prometheus/prometheus.yml" }]);
    return new StartedPrometheusContainer(await super.start(), this.image);
  }
}

export class StartedPrometheusContainer extends AbstractStartedContainer implements Component {
  readonly name = "prometheus";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
  ) {
    super(container);
  }

  get url(): string {
    return `http://127.0.0.1:${this.getMappedPort(PORT)}`;
  }

  /** An instant PromQL query (at `time`, seconds since the epoch, or now). */
  async query(expr: string, time?: number): Promise<Sample[]> {
    const params = new URLSearchParams({ query: expr, ...(time === undefined ? {} : { time: String(time) }) });
    const res = await fetch(`${this.url}/api/v1/query?${params}`, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { status: string; error?: string; data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    if (body.status !== "success") throw new Error(`Prometheus query ${expr}: ${body.error ?? res.status}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** A range query's series (each with its points), from `start` to `end` (seconds since the epoch). */
  async queryRange(expr: string, start: number, end: number, stepSeconds: number): Promise<Array<{ metric: Record<string, string>; points: number }>> {
    const params = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: String(stepSeconds) });
    const res = await fetch(`${this.url}/api/v1/query_range?${params}`, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { status: string; error?: string; data?: { result: Array<{ metric: Record<string, string>; values: unknown[] }> } };
    if (body.status !== "success") throw new Error(`Prometheus range query ${expr}: ${body.error ?? res.status}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, points: r.values.length }));
  }

  /** The scrape targets and their health. */
  async targets(): Promise<Array<{ scrapeUrl: string; health: string; lastError: string }>> {
    const res = await fetch(`${this.url}/api/v1/targets`, { signal: AbortSignal.timeout(30_000) });
    return ((await res.json()) as { data: { activeTargets: Array<{ scrapeUrl: string; health: string; lastError: string }> } }).data.activeTargets;
  }
}
