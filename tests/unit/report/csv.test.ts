import { describe, expect, test } from "vitest";
import { CSV_COLUMNS, toCsv } from "../../../harness/report/csv.js";
import { entry, passingRun, sampleEntries } from "./runs.js";

/** A small RFC 4180 reader, enough to check the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

describe("results.csv", () => {
  test("header is exactly the documented columns", () => {
    expect(toCsv([]).split("\r\n")[0]).toBe(
      "pipeline_id,pipeline_name,ingestion,processor,storage,startup_s,ingestion_s,processing_s,dbt_build_s,e2e_total_s,events,silver_rows,containers,dbt_tests,dbt_pass,validation_status,notes,expected_silver_rows,peak_mem_mb,git_sha,run_at," +
        "mode,rate_events_s,latency_p50_s,latency_p95_s,latency_p99_s,latency_max_s",
    );
  });

  test("one row per run, values as documented", () => {
    const rows = parseCsv(toCsv(sampleEntries()));
    expect(rows).toHaveLength(5);
    const p01 = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(p01).toMatchObject({
      pipeline_id: "p01",
      pipeline_name: "Kafka + Flink + Iceberg",
      startup_s: "31.46",
      processing_s: "44.12",
      dbt_build_s: "12.50",
      e2e_total_s: "91.58",
      events: "10000",
      silver_rows: "9855",
      containers: "3",
      dbt_tests: "3",
      dbt_pass: "2",
      validation_status: "PASS",
      expected_silver_rows: "9855",
      peak_mem_mb: "1800",
      git_sha: "0123456789abcdef0123456789abcdef01234567",
      run_at: "2026-02-01T10:00:00.000Z",
    });
    expect(p01.notes).toContain("Flink via SQL Gateway");
    const p03 = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[4]![i]]));
    expect(p03).toMatchObject({ validation_status: "SKIPPED", silver_rows: "", dbt_tests: "", peak_mem_mb: "", processing_s: "", expected_silver_rows: "" });
  });

  test("quotes commas, quotes and newlines (RFC 4180)", () => {
    const run = passingRun({ pipelineName: 'Kafka, "Flink"', notes: ["line one\nline two"] });
    const text = toCsv([entry(run)]);
    expect(text).toContain('"Kafka, ""Flink"""');
    const rows = parseCsv(text);
    expect(rows[1]![1]).toBe('Kafka, "Flink"');
    expect(rows[1]![16]).toContain("line one\nline two");
    expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
  });

  test("a suite that recorded no run has no row", () => {
    expect(toCsv([{ pipelineId: "p05", status: "FAIL", reason: "crashed", tests: [], run: null }]).split("\r\n")).toHaveLength(2);
  });
});
