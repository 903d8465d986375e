// P11's declared stages: Flink's per-operator record counts from Prometheus against the harness's
// own counts, and Soda's checks on dbt's fct_trips.
import { readFileSync } from "node:fs";
import type { OperatorCount } from "../../model.js";
import type { ExtraStage } from "../../pipeline.js";
import type { ObservedStack } from "./stack.js";

/** Each operator's final count: the highest value each subtask's series reached, summed over subtasks. */
const finalCount = (metric: string) =>
  `sum by (job_name, operator_name) (max by (job_name, operator_name, subtask_index) (max_over_time(flink_taskmanager_job_task_operator_${metric}[1h])))`;

/** What the harness counted itself: messages produced, bronze rows, dead letters, silver rows. */
interface HarnessCounts {
  messages: number;
  bronze: number;
  deadLetters: number;
  silver: number;
}

/**
 * The harness's count for an operator, where it has one. Flink names a SQL job after the tables it
 * writes, so the pass's bronze and silver jobs are told apart by their namespaces. Compared are the
 * operators of the task that ends in a writer (its task lingers while the files are flushed, so the
 * fast scrape sees their final values): the bronze job's source (records out) and writers, and the
 * silver job's writer (records in). Operators of a task that hands its records to an exchange and
 * finishes at once (silver's table scan) keep their counters only until that moment: Prometheus's
 * last scrape may precede it, so the report shows them without a harness count.
 */
export function harnessCount(job: string, operator: string, direction: "in" | "out", names: { bronze: string; silver: string }, counts: HarnessCounts): number | null {
  const writes = (namespace: string) => job.includes(`.${namespace}.`);
  if (writes(names.bronze)) {
    if (direction === "out" && operator.startsWith("Source:")) return counts.messages;
    if (direction === "in" && operator === "IcebergStreamWriter") return counts.bronze;
    if (direction === "in" && operator.endsWith(": Writer") && !operator.startsWith("IcebergSink")) return counts.deadLetters;
  }
  if (writes(names.silver) && direction === "in" && operator === "IcebergStreamWriter") return counts.silver;
  return null;
}

export function flinkOperatorMetrics(dashboardFile: string): ExtraStage<ObservedStack> {
  return {
    name: "metrics",
    kind: "core",
    title: "metrics: Prometheus holds each Flink operator's records in and out, equal to the harness's counts; the dashboard's queries answer",
    run: async (ctx) => {
      const { prometheus } = ctx.stack.observers;
      const ingested = ctx.ingested;
      if (!ingested) throw new Error("the metrics stage needs the ingestion: an earlier stage did not complete");
      const counts: HarnessCounts = { messages: ingested.messages, bronze: ingested.expectedBronze, deadLetters: ingested.expectedDeadLetters, silver: (await ctx.oracle.expect()).rows };
      const operators: OperatorCount[] = [];
      for (const [metric, direction] of [["numRecordsIn", "in"], ["numRecordsOut", "out"]] as const) {
        for (const s of await prometheus.query(finalCount(metric))) {
          const job = s.metric.job_name ?? "";
          const operator = s.metric.operator_name ?? "";
          operators.push({ job, operator, direction, metrics: s.value, harness: harnessCount(job, operator, direction, ctx.names, counts) });
        }
      }
      operators.sort((a, b) => a.job.localeCompare(b.job) || a.operator.localeCompare(b.operator) || a.direction.localeCompare(b.direction));
      ctx.record({ operators });
      const compared = operators.filter((o) => o.harness !== null);
      // Four known counts: the bronze job's input, its two writers, silver's writer.
      if (compared.length < 4) throw new Error(`Prometheus has ${compared.length} of the 4 operator counts the harness compares: ${operators.map((o) => `${o.job} | ${o.operator}`).join("; ") || "no Flink operator series at all"}`);
      // A reporter never counts more than went through. It can show less: Flink unregisters a bounded
      // task's metrics the moment the task finishes, so records counted after Prometheus's last scrape
      // of it are never exported. That shortfall is accepted only for a job the JobManager reports
      // FINISHED (its bronze and silver were checked exactly by their own stages) and is reported.
      const finished = new Set((await ctx.stack.flink.jobs()).filter((j) => j.state === "FINISHED").map((j) => j.name));
      const over = compared.filter((o) => o.metrics > o.harness!);
      const short = compared.filter((o) => o.metrics < o.harness!);
      const unexplained = short.filter((o) => !finished.has(o.job));
      const line = (o: OperatorCount) => `${o.job} | ${o.operator} records ${o.direction}: Prometheus ${o.metrics}, harness ${o.harness}`;
      ctx.note(
        `metrics: ${operators.length} operator counts from Prometheus, ${compared.length} compared with the harness's, ${compared.length - short.length - over.length} equal` +
          (short.length ? `; ${short.length} short of the harness's count because the task finished between two scrapes (its last records counted after the last scrape): ${short.map(line).join("; ")}` : ""),
      );
      if (over.length || unexplained.length) throw new Error(`Prometheus and the harness disagree: ${[...over, ...unexplained].map(line).join("; ")}`);

      // The committed Grafana dashboard's queries, with its variables set to "all jobs" and the run's range.
      const dashboard = JSON.parse(readFileSync(dashboardFile, "utf8")) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
      const end = Date.now() / 1000;
      for (const panel of dashboard.panels) {
        for (const { expr } of panel.targets) {
          const query = expr.replaceAll("$job", ".+").replaceAll("$__range", "1h");
          const series = await prometheus.queryRange(query, end - 3600, end, 5);
          if (!series.length) throw new Error(`the dashboard's panel "${panel.title}" shows no data: ${query}`);
        }
      }
    },
  };
}

/** Soda's checks on gold's fct_trips (the pipeline's SodaCL file); `${min_rows}` is half the pass's events. */
export function sodaChecks(checksFile: string): ExtraStage<ObservedStack> {
  return {
    name: "soda",
    kind: "quality",
    title: "soda: the quality checks on fct_trips pass",
    run: async (ctx) => {
      if (!ctx.dbt) throw new Error("the Soda checks need dbt's gold: the dbt stage did not complete");
      const checks = await ctx.stack.observers.soda.scan(ctx.dbt.duckdbPath, "fct_trips", readFileSync(checksFile, "utf8"), { min_rows: String(Math.floor(ctx.events / 2)) });
      ctx.record({ checks });
      const failed = checks.filter((c) => c.outcome !== "pass");
      if (!checks.length) throw new Error("Soda evaluated no check");
      if (failed.length) throw new Error(`Soda checks on fct_trips did not pass: ${failed.map((c) => `${c.name} ${c.outcome} (measured ${c.value})`).join("; ")}`);
    },
  };
}
