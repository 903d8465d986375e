// The serving pipelines' harness logic without their engines: Pinot's schema and table config
// generation, and each engine's dialect of the standard queries loaded and, for Pinot (no image
// here), run against DuckDB over the table Pinot would hold (its functions rewritten to DuckDB's) —
// its answers must equal the reference's.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TLC_COLUMNS } from "../../harness/fixtures/schema.js";
import { prepareInputs, type RunInputs } from "../../harness/inputs.js";
import { projectRoot } from "../../harness/paths.js";
import { PINOT_TIME_COLUMN, pinotSchema, pinotTable } from "../../harness/stacks/serving/pinot.js";
import { answerDifference, EVENT_TRIPS, loadDialect, normalize, referenceAnswer, STANDARD_QUERIES } from "../../harness/stages/standard-queries.js";

const pinotFile = (f: string) => join(projectRoot(), "pipelines", "16-pinot", "pinot", f);
const druidFile = (f: string) => join(projectRoot(), "pipelines", "17-druid", "druid", f);

/** Pinot's functions on epoch milliseconds (UTC) as DuckDB expressions; Pinot's session options dropped. */
function pinotToDuckdb(sql: string): string {
  const ts = (x: string) => `make_timestamp(${x} * 1000)`;
  return sql
    .replace(/SET\s+\w+\s*=\s*\w+;/gi, "")
    .replace(/ToDateTime\((\w+), 'yyyy-MM-dd'\)/g, (_, x: string) => `strftime(${ts(x)}, '%Y-%m-%d')`)
    .replace(/DAYOFWEEK\((\w+)\)/g, (_, x: string) => `isodow(${ts(x)})`)
    .replace(/HOUR\((\w+)\)/g, (_, x: string) => `hour(${ts(x)})`);
}

describe("Pinot's table", () => {
  test("the schema has every TLC field under its own name, doubles as metrics, and the pickup as the epoch-ms time column", () => {
    const schema = pinotSchema("taxi_trips") as { dimensionFieldSpecs: Array<{ name: string; dataType: string }>; metricFieldSpecs: Array<{ name: string; dataType: string }>; dateTimeFieldSpecs: Array<{ name: string; format: string }> };
    const fields = [...schema.dimensionFieldSpecs, ...schema.metricFieldSpecs];
    expect(fields.map((f) => f.name).sort()).toEqual(TLC_COLUMNS.map((c) => c.name).sort());
    expect(schema.metricFieldSpecs.map((f) => f.name)).toContain("total_amount");
    expect(schema.dimensionFieldSpecs.find((f) => f.name === "PULocationID")?.dataType).toBe("INT");
    expect(schema.dateTimeFieldSpecs).toEqual([expect.objectContaining({ name: PINOT_TIME_COLUMN, format: "1:MILLISECONDS:EPOCH" })]);
  });

  test("the table config reads the pass's topic from its start, derives the time column, and keeps every segment", () => {
    const config = pinotTable(pinotFile("table.json"), { table: "taxi_trips", topic: "taxi.raw_trips", "kafka.bootstrap": "kafka:9093" }) as {
      tableType: string; segmentsConfig: Record<string, string>;
      ingestionConfig: { transformConfigs: Array<{ columnName: string }>; streamIngestionConfig: { streamConfigMaps: Array<Record<string, string>> } };
    };
    expect(config.tableType).toBe("REALTIME");
    expect(config.segmentsConfig.timeColumnName).toBe(PINOT_TIME_COLUMN);
    // Retention would purge January 2024 segments as soon as they complete.
    expect(config.segmentsConfig).not.toHaveProperty("retentionTimeValue");
    expect(config.ingestionConfig.transformConfigs.map((t) => t.columnName)).toEqual([PINOT_TIME_COLUMN]);
    const [stream] = config.ingestionConfig.streamIngestionConfig.streamConfigMaps;
    expect(stream).toMatchObject({ "stream.kafka.topic.name": "taxi.raw_trips", "stream.kafka.broker.list": "kafka:9093", "stream.kafka.consumer.prop.auto.offset.reset": "smallest" });
  });
});

describe("the engines' dialects of the standard queries", () => {
  let inputs: RunInputs;
  beforeAll(async () => {
    inputs = await prepareInputs({});
  });
  afterAll(() => inputs.duck.close());

  test("Druid's and Pinot's files have Q1–Q4, and every group-by in Pinot's names a LIMIT (its default is 10)", () => {
    for (const file of [druidFile("queries.sql"), pinotFile("queries.sql")]) expect(Object.keys(loadDialect(file, { table: "t", datasource: "t" }))).toEqual(["Q1", "Q2", "Q3", "Q4"]);
    for (const sql of Object.values(loadDialect(pinotFile("queries.sql"), { table: "t" }))) expect(sql).toMatch(/LIMIT \d+$/);
  });

  test("Pinot's dialect, run over the rows Pinot would hold, answers as the reference does on the embedded fixture's events", async () => {
    await inputs.duck.run(`CREATE OR REPLACE TABLE pinot_taxi_trips AS SELECT *, epoch_ms(tpep_pickup_datetime) AS ${PINOT_TIME_COLUMN} FROM events`);
    const dialect = loadDialect(pinotFile("queries.sql"), { table: "pinot_taxi_trips" });
    for (const query of STANDARD_QUERIES) {
      const rows = await inputs.duck.values<Record<string, unknown>>(pinotToDuckdb(dialect[query.id]));
      const actual = normalize(query, rows.map((r) => Object.values(r)));
      expect(answerDifference(query, actual, await referenceAnswer(inputs.duck, query, EVENT_TRIPS)), query.id).toBeNull();
    }
  });

  test("a dialect that forgets Pinot's default LIMIT is caught by the same comparison", async () => {
    const q1 = STANDARD_QUERIES[0]!;
    const truncated = pinotToDuckdb(loadDialect(pinotFile("queries.sql"), { table: "pinot_taxi_trips" }).Q1.replace(/LIMIT \d+$/, "LIMIT 10"));
    const rows = await inputs.duck.values<Record<string, unknown>>(truncated);
    expect(answerDifference(q1, normalize(q1, rows.map((r) => Object.values(r))), await referenceAnswer(inputs.duck, q1, EVENT_TRIPS))).toMatch(/^10 rows, the reference 3\d/);
  });
});
