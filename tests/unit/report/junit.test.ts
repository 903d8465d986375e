import { describe, expect, test } from "vitest";
import { toJunit } from "../../../harness/report/junit.js";
import { sampleEntries } from "./runs.js";

describe("junit.xml", () => {
  const xml = toJunit(sampleEntries());

  test("one testsuite per pipeline with the status as a property", () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml).toContain('<testsuite name="p01 Kafka + Flink + Iceberg" tests="4" failures="0" errors="0" skipped="0"');
    expect(xml).toContain('<property name="status" value="PARTIAL"/>');
    expect(xml).toContain('<testsuites name="pipelines" tests="16" failures="3" errors="0" skipped="4">');
  });

  test("failed tests carry an escaped failure; FAIL adds a failing status case", () => {
    expect(xml).toContain('<failure message="AssertionError: expected 9850 to be 9855 &#60;&#38;&#62;">');
    const p12 = xml.slice(xml.indexOf('name="p12'), xml.indexOf("</testsuite>", xml.indexOf('name="p12')));
    expect(p12).toMatch(/<testcase classname="p12" name="pipeline status" time="0.000">\s*<failure message="stage silver failed/);
  });

  test("SKIPPED runs show skipped cases", () => {
    const p03 = xml.slice(xml.indexOf('name="p03'));
    expect(p03).toContain('skipped="4"');
    expect(p03).toContain("<skipped/>");
  });

  test("control characters are dropped, so the XML stays well-formed", () => {
    const [e] = sampleEntries();
    const out = toJunit([{ ...e!, reason: "bell\u0007 and esc\u001b[31m" }]);
    expect(out).toContain('value="bell and esc[31m"');
  });

  test("a suite that recorded no run still gets a failing suite", () => {
    const out = toJunit([{ pipelineId: "p05", status: "FAIL", reason: "the suite recorded no pipelineRun", tests: [], run: null }]);
    expect(out).toContain('<testsuite name="p05" tests="1" failures="1"');
  });
});
