import { describe, expect, test } from "vitest";
import { historyLines, parseHistory } from "../../../harness/report/history.js";
import { sampleEntries } from "./runs.js";

describe("history.jsonl", () => {
  test("one JSON line per run with the documented fields", () => {
    const text = historyLines(sampleEntries());
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({
      pipelineId: "p01",
      runAt: "2026-02-01T10:00:00.000Z",
      gitSha: "0123456789abcdef0123456789abcdef01234567",
      fixture: "tlc-2024-01-first10k",
      events: 10000,
      status: "PASS",
      silverRows: 9855,
      expectedRows: 9855,
      stages: { startup: 31.456, ingestion: 0.5, processing: 44.123, dbt: 12.5, teardown: 3, e2e: 91.579, images: 0.4 },
      dbt: { tests: 3, pass: 2, warn: 1, fail: 0, error: 0 },
    });
    expect(JSON.parse(lines[3]!)).toMatchObject({ pipelineId: "p03", status: "SKIPPED", silverRows: null, dbt: null });
  });

  test("appending keeps earlier lines; a torn line is skipped on reading", () => {
    const one = historyLines(sampleEntries());
    const parsed = parseHistory(one + '{"pipelineId":"p0' + "\n" + one);
    expect(parsed).toHaveLength(8);
    expect(parsed.map((h) => h.pipelineId).slice(0, 4)).toEqual(["p01", "p02", "p12", "p03"]);
  });
});
