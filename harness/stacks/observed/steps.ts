// P11's declared stages: Flink's per-operator record counts from Prometheus against the harness's
// own counts, and Soda's checks on dbt's fct_trips.
import { readFileSync } from "node:fs";
import type { OperatorCount } from "../../model.js";
import type { ExtraStage } from "../../pipeline.js";
import type { ObservedStack } from "./stack.js";

/** Each operator's final count: the highest value each subtask's series reached, summed over subtasks. */
const finalCount = (metric: string) =>
  `sum by (job_name, operator_name) (max by (job_name, operator_name, subtask_index) (max_over_time(flink_taskmanager_job_task_operator_${metric}[1h])))`;

export const flinkOperatorMetrics: ExtraStage<ObservedStack> = {
  name: "metrics",
  kind: "core",
  title: "metrics: Prometheus holds each Flink operator's records in and out, and they equal the harness's counts",
  run: async (ctx) => {
    const { prometheus } = ctx.stack.observers;
    const counts: OperatorCount[] = [];
    for (const [metric, direction] of [["numRecordsIn", "in"], ["numRecordsOut", "out"]] as const) {
      for (const s of await prometheus.query(finalCount(metric))) {
        counts.push({ job: s.metric.job_name ?? "?", operator: s.metric.operator_name ?? "?", direction, metrics: s.value, harness: null });
      }
    }
    ctx.record({ operators: counts });
    ctx.note(`prometheus operators: ${counts.map((c) => `${c.job} | ${c.operator} ${c.direction} ${c.metrics}`).join("; ")}`);
  },
};

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
