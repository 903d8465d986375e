// The vitest reporter: collects each pipeline suite's `pipelineRun` meta and its test results,
// judges the run, and writes every report file. Works alike on a live run and on `--merge-reports`.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from "vitest/node";
import { CATALOG } from "../../pipelines/catalog.js";
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
    const dir = resolve(root, process.env.HARNESS_REPORTS_DIR ?? "reports");
    const matrix = writeReports(dir, entries, suiteIds(root), CATALOG, new Date().toISOString());
    const counts = STATUSES.map((s) => `${s} ${matrix.rows.filter((r) => r.status === s).length}`);
    this.vitest?.logger.log(`pipeline reports in ${dir}: ${counts.join(" · ")}`);
  }
}

function collect(module: TestModule): ReportEntry[] {
  const recorded = [...module.children.allSuites()].filter((s) => s.meta().pipelineRun);
  if (recorded.length) {
    return recorded.map((suite) => {
      const run = suite.meta().pipelineRun!;
      const tests = [...suite.children.allTests()].map(outcome);
      const failed = [...tests.filter((t) => t.state === "failed").map((t) => t.name), ...hookErrors(suite)];
      return { pipelineId: run.pipelineId, ...judge(run, failed), tests, run };
    });
  }
  const id = /(?:^|\/)suites\/([^/]+)\//.exec(module.moduleId)?.[1];
  if (!id) return [];
  const tests = [...module.children.allTests()].map(outcome);
  // Hooks do not run when every test is skipped at collection (describe.skip, -t filters), so no meta exists.
  if (module.state() === "skipped") {
    return [{ pipelineId: id, status: "SKIPPED", reason: "no test ran (skipped at collection or filtered out), so no run was recorded", tests, run: null }];
  }
  // A pipeline suite that ran but recorded nothing crashed early: show it as FAIL, not "not run".
  const errors = [...module.errors().map(text), ...[...module.children.allSuites()].flatMap(hookErrors)];
  const reason = `the suite recorded no pipelineRun${errors.length ? `: ${errors.join("; ")}` : ""}`;
  return [{ pipelineId: id, status: "FAIL", reason, tests, run: null }];
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

/** beforeAll/afterAll errors land on the suite, not on a test. */
function hookErrors(suite: TestSuite): string[] {
  return [suite, ...suite.children.allSuites()].flatMap((s) => s.errors().map((e) => `suite hook error: ${text(e)}`));
}

const text = (e: { name?: string; message?: string }): string =>
  stripVTControlCharacters(`${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? ""}`);

function suiteIds(root: string): Set<string> {
  const dir = join(root, "suites");
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
}
