// Runs the reporter for real on a tiny pipelines project, directly and through blob reports + --merge-reports
// (the CI path), and checks suite meta arrives both ways.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import type { Matrix } from "../../../harness/report/matrix.js";

const repo = resolve(import.meta.dirname, "../../..");
const project = join(import.meta.dirname, "fixture-project");
const reporter = join(repo, "harness/report/reporter.ts");
const vitestBin = join(repo, "node_modules/vitest/vitest.mjs");

function vitest(args: string[], reportsDir: string): number {
  const r = spawnSync(process.execPath, [vitestBin, ...args, "--root", project, "--config", join(project, "vitest.config.ts")], {
    cwd: project,
    env: { ...process.env, HARNESS_REPORTS_DIR: reportsDir, NO_COLOR: "1" },
    encoding: "utf8",
  });
  if (r.status === null || r.status > 1) throw new Error(`vitest ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.status;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const rows = (dir: string) => (JSON.parse(read(dir, "matrix.json")) as Matrix).rows;

function checkReports(dir: string) {
  const byId = new Map(rows(dir).map((r) => [r.id, r]));
  expect(byId.get("p01")).toMatchObject({ status: "PARTIAL", ran: true, silverRows: 9855, dbtPass: 1, dbtTotal: 2 });
  expect(byId.get("p01")!.reason).toContain("stage dbt failed: 1 dbt test failed");
  expect(byId.get("p01")!.stages.e2e).toBeCloseTo(91.579);
  expect(byId.get("p02")).toMatchObject({ status: "FAIL", ran: true });
  expect(byId.get("p02")!.reason).toBe("the suite recorded no run: suite hook error: spark master did not start");
  expect(byId.get("p03")).toMatchObject({ status: "SKIPPED", ran: true, reason: "image risingwavelabs/risingwave can be neither pulled nor built" });
  expect(byId.get("p04")).toMatchObject({ status: "SKIPPED", ran: true, reason: "no test ran (skipped at collection or filtered out), so no run was recorded" });
  expect(byId.get("p05")).toMatchObject({ status: "SKIPPED", ran: false, reason: "no suite yet" });
  expect(read(dir, "results.csv").trimEnd().split("\r\n")).toHaveLength(3);
  expect(read(dir, "history.jsonl").trimEnd().split("\n")).toHaveLength(2);
  expect(read(dir, "junit.xml")).toContain('<testsuite name="p02" tests="2" failures="1"');
  expect(read(dir, "index.html")).toContain('<table id="matrix">');
  expect(read(dir, "matrix.md")).toContain("| p01 |");
}

describe("reporter", () => {
  test("writes every report from suite meta on a direct run", () => {
    const dir = mkdtempSync(join(tmpdir(), "reports-direct-"));
    expect(vitest(["run", `--reporter=${reporter}`], dir)).toBe(1);
    checkReports(dir);
  });

  test("suite meta survives blob reports and --merge-reports", () => {
    const tmp = mkdtempSync(join(tmpdir(), "reports-blob-"));
    for (const id of ["p01", "p02", "p03", "p04"]) vitest(["run", `suites/${id}/`, "--reporter=blob", `--outputFile=${join(tmp, "blobs", `blob-${id}.json`)}`], join(tmp, "unused"));
    vitest([`--merge-reports=${join(tmp, "blobs")}`, `--reporter=${reporter}`], join(tmp, "reports"));
    checkReports(join(tmp, "reports"));
  });

  test("history accumulates across runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "reports-history-"));
    vitest(["run", "suites/p01/", `--reporter=${reporter}`], dir);
    vitest(["run", "suites/p01/", `--reporter=${reporter}`], dir);
    expect(read(dir, "history.jsonl").trimEnd().split("\n")).toHaveLength(2);
    expect(rows(dir).find((r) => r.id === "p02")).toMatchObject({ status: "SKIPPED", reason: "not run: not selected in this run" });
  });
});
