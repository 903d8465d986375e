// The vitest reporter: collects each pipeline suite's `pipelineRun` meta and its test results,
// judges the run, and writes every report file. Works alike on a live run and on `--merge-reports`.
import { resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from "vitest/node";
import { CATALOG, suiteIds } from "../catalog.js";
import { reportsDir } from "../paths.js";
import type { ReportEntry, TestOutcome } from "./entry.js";
import { STATUSES } from "./matrix.js";
import { judge } from "./status.js";
import { writeReports } from "./write.js";

export default class PipelineReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const root = this.vitest?.config.root ?? process.cwd();
    const entries = modules.flatMap(collect);
    // A run without pipeline suites (the unit tests) must not overwrite the last pipeline reports.
    if (!entries.length) return;
    const dir = resolve(root, reportsDir());
    const matrix = writeReports(dir, entries, suiteIds(root), CATALOG, new Date().toISOString());
    const counts = STATUSES.map((s) => `${s} ${matrix.rows.filter((r) => r.status === s).length}`);
    this.vitest?.logger.log(`pipeline reports in ${dir}: ${counts.join(" · ")}`);
  }
}

/**
 * One entry per pipeline describe block (meta.pipelineId, set when the file is collected): the
 * run record is the file's meta (final once its fixtures are torn down); stage tests record their
 * own outcomes, so only failed tests that are not stages (a pipeline's extra checks) and stage
 * tests that failed before recording anything add to the verdict.
 */
function collect(module: TestModule): ReportEntry[] {
  return [...module.children.allSuites()]
    .filter((suite) => suite.meta().pipelineId)
    .map((suite) => {
      const pipelineId = suite.meta().pipelineId!;
      const cases = [...suite.children.allTests()];
      const tests = cases.map(outcome);
      const recorded = module.meta().pipelineRun;
      const run = recorded?.pipelineId === pipelineId ? recorded : null;
      if (!run) {
        const errors = [...module.errors().map(text), ...hookErrors(suite), ...cases.flatMap((t) => (t.result().errors ?? []).map(text))];
        if (errors.length) return { pipelineId, status: "FAIL", reason: `the suite recorded no run: ${errors[0]}`, tests, run: null };
        // Hooks and fixtures do not run when every test is filtered out or skipped at collection.
        return { pipelineId, status: "SKIPPED", reason: "no test ran (skipped at collection or filtered out), so no run was recorded", tests, run: null };
      }
      const recordedStages = new Set(run.stages.map((s) => s.name));
      const failedChecks = cases
        .filter((t) => t.result().state === "failed")
        .filter((t) => !t.meta().stage || !recordedStages.has(t.meta().stage!))
        .map((t) => `${t.name}: ${(t.result().errors ?? []).map(text)[0] ?? "failed"}`);
      return { pipelineId, ...judge(run, [...failedChecks, ...hookErrors(suite)]), tests, run };
    });
}

function outcome(test: TestCase): TestOutcome {
  const result = test.result();
  return {
    name: test.name,
    state: result.state,
    seconds: (test.diagnostic()?.duration ?? 0) / 1000,
    errors: (result.errors ?? []).map(text),
  };
}

/** beforeAll/afterAll errors (and fixture teardown errors) land on the suite, not on a test. */
function hookErrors(suite: TestSuite): string[] {
  return [suite, ...suite.children.allSuites()].flatMap((s) => s.errors().map((e) => `suite hook error: ${firstLine(text(e))}`));
}

const firstLine = (t: string) => t.split("\n")[0]!;

const text = (e: { name?: string; message?: string }): string =>
  stripVTControlCharacters(`${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? ""}`);
