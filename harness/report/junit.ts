// junit.xml: a testsuite per pipeline; besides its vitest tests, a "pipeline status" case carries the
// judged status, so a FAIL whose tests were all skipped (setup crashed) still shows red in CI.
import type { ReportEntry, TestOutcome } from "./entry.js";

export function toJunit(entries: ReportEntry[]): string {
  const suites = entries.map(suite);
  const all = entries.flatMap(cases);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="pipelines" ${counts(all)}>`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}

function cases(e: ReportEntry): TestOutcome[] {
  const status: TestOutcome = {
    name: "pipeline status",
    state: e.status === "FAIL" ? "failed" : e.status === "SKIPPED" ? "skipped" : "passed",
    seconds: 0,
    errors: e.status === "FAIL" ? [e.reason] : [],
  };
  return [...e.tests, status];
}

function suite(e: ReportEntry): string {
  const run = e.run;
  const name = run ? `${e.pipelineId} ${run.pipelineName}` : e.pipelineId;
  const props: [string, string | number][] = [["status", e.status], ["reason", e.reason]];
  if (run) props.push(["fixture", run.fixture.label], ["events", run.events], ["git_sha", run.gitSha]);
  const tc = cases(e);
  const time = tc.reduce((sum, t) => sum + t.seconds, 0);
  return [
    `  <testsuite name="${esc(name)}" ${counts(tc)} time="${time.toFixed(3)}"${run ? ` timestamp="${esc(run.runAt)}"` : ""}>`,
    `    <properties>`,
    ...props.map(([k, v]) => `      <property name="${k}" value="${esc(String(v))}"/>`),
    `    </properties>`,
    ...tc.map((t) => testcase(e.pipelineId, t)),
    `  </testsuite>`,
  ].join("\n");
}

function testcase(classname: string, t: TestOutcome): string {
  const open = `    <testcase classname="${esc(classname)}" name="${esc(t.name)}" time="${t.seconds.toFixed(3)}"`;
  if (t.state === "failed") {
    const text = t.errors.join("\n\n");
    const message = text.split("\n")[0] ?? "";
    return `${open}>\n      <failure message="${esc(message)}">${esc(text)}</failure>\n    </testcase>`;
  }
  if (t.state === "skipped" || t.state === "pending") return `${open}>\n      <skipped/>\n    </testcase>`;
  return `${open}/>`;
}

function counts(tc: TestOutcome[]): string {
  const n = (s: TestOutcome["state"]) => tc.filter((t) => t.state === s).length;
  return `tests="${tc.length}" failures="${n("failed")}" errors="0" skipped="${n("skipped") + n("pending")}"`;
}

// XML 1.0 forbids most control characters even when escaped.
const esc = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
