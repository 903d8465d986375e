// The stream-processor pipelines' harness logic: silver as JSON messages (its JSON types against
// §3's kinds), a pass's topics, and the harness's Python silver-lite row (silver_lite.py, which
// P19 and P20 run) against the oracle on the edge rows.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { wireEvents } from "../../harness/fixtures/events.js";
import { TLC_COLUMNS } from "../../harness/fixtures/schema.js";
import { prepareInputs } from "../../harness/inputs.js";
import { Oracle, silverColumns } from "../../harness/oracle/oracle.js";
import { jsonTypeLabel, schemaProblems } from "../../harness/oracle/silver-schema.js";
import { projectRoot, venvBin } from "../../harness/paths.js";
import { MAIN_NAMES, EDGE_NAMES } from "../../harness/pipeline.js";
import { EDGE_FIXTURE } from "../../harness/scenario.js";
import { COMMON_PYTHON } from "../../harness/stacks/common/python.js";
import { jsonSilver } from "../../harness/stacks/streams/json-silver.js";
import { streamTopics } from "../../harness/stacks/streams/stack.js";

const label = (types: string[], more: Partial<{ timestamps: boolean; dates: boolean; cents: boolean }> = {}) =>
  jsonTypeLabel({ types, timestamps: false, dates: false, cents: false, ...more });

describe("silver as JSON messages", () => {
  test("each field's JSON type is named from DuckDB's json_type of its values", () => {
    expect(label(["BIGINT", "UBIGINT"])).toBe("integer");
    expect(label(["DOUBLE"])).toBe("number");
    expect(label(["DOUBLE"], { cents: true })).toBe("number(2 decimals)");
    expect(label(["VARCHAR"], { timestamps: true })).toBe("string(timestamp)");
    expect(label(["VARCHAR"], { dates: true })).toBe("string(date)");
    expect(label([])).toBe("null");
    expect(label(["BIGINT", "DOUBLE"])).toBe("bigint|double");
  });

  test("§3's kinds hold JSON fields to their types: money in cents, integers as integers, timestamps as ISO text", () => {
    const columns = silverColumns("silver-lite");
    const good = columns.map(([name, kind]): [string, string] => [
      name,
      { text: "string", int: "integer", double: "number", money: "number(2 decimals)", timestamp: "string(timestamp)", date: "string(date)", bool: "boolean" }[kind],
    ]);
    expect(schemaProblems(columns, { columns: good, json: true })).toEqual([]);
    const bad = good.map(([n, t]): [string, string] => [n, n === "fare_amount" ? "number" : n === "vendor_id" ? "number" : n === "airport_fee" ? "null" : t]).filter(([n]) => n !== "pickup_date");
    expect(schemaProblems(columns, { columns: [...bad, ["extra", "string"]], json: true })).toEqual([
      "field vendor_id is number in JSON, expected integer",
      "field fare_amount is number in JSON, expected number(2 decimals)",
      "field pickup_date is missing (expected string(date))",
      "column extra (string) is not a silver column",
    ]);
  });

  test("a pass's layer topics sit beside its events topic", () => {
    expect(streamTopics(MAIN_NAMES)).toEqual({ input: "taxi.raw_trips", bronze: "taxi.bronze", silver: "taxi.silver", deadLetters: "taxi.raw_trips.dlq" });
    expect(streamTopics(EDGE_NAMES).silver).toBe("edge.silver");
  });
});

describe("the Python silver-lite row (silver_lite.py)", () => {
  test("over the edge rows, with trip_fields.py's bronze before it, equals the oracle by count and checksum", async () => {
    const inputs = await prepareInputs({ ...process.env, HARNESS_FIXTURE: EDGE_FIXTURE, HARNESS_EVENTS: "" });
    const dir = mkdtempSync(join(tmpdir(), "silver-lite-"));
    try {
      const messages = (await wireEvents(inputs.duck)).map((e) => e.value);
      const program = `
import json, sys
sys.path.insert(0, ${JSON.stringify(COMMON_PYTHON)})
from trip_fields import bronze_record, check
from silver_lite import silver_row
spec = json.load(sys.stdin)
for text in spec["messages"]:
    reason, values = check(text, spec["columns"])
    row = None if reason else silver_row(bronze_record(values, spec["columns"]))
    if row is not None:
        print(json.dumps(row))
`;
      const out = execFileSync(venvBin("python"), ["-c", program], { input: JSON.stringify({ messages, columns: TLC_COLUMNS }), encoding: "utf8", cwd: projectRoot() });
      writeFileSync(join(dir, "silver.ndjson"), out);
      const columns = silverColumns("silver-lite");
      const silver = await jsonSilver(inputs.duck, join(dir, "silver.ndjson"), "python_silver", columns);
      const comparison = await new Oracle(inputs.duck, "silver-lite").compare(silver.relation);
      expect(schemaProblems(columns, silver.schema)).toEqual([]);
      expect({ missing: comparison.missing, unexpected: comparison.unexpected }).toEqual({ missing: [], unexpected: [] });
      expect(comparison.actualChecksum).toBe(comparison.expectedChecksum);
    } finally {
      inputs.duck.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
