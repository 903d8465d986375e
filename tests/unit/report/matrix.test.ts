import { describe, expect, test } from "vitest";
import { buildMatrix, matrixJson, matrixMarkdown } from "../../../harness/report/matrix.js";
import { CATALOG } from "../../../harness/catalog.js";
import { sampleEntries } from "./runs.js";

const build = () => buildMatrix(sampleEntries(), CATALOG, new Set(["p00", "p01", "p02", "p03", "p12"]), "2026-02-01T10:05:00.000Z");

describe("matrix", () => {
  test("lists every catalog pipeline once, in catalog order", () => {
    const m = build();
    expect(m.rows.map((r) => r.id)).toEqual(CATALOG.map((c) => c.id));
  });

  test("runs carry status, rows, dbt and stages; the others say why they did not run", () => {
    const byId = new Map(build().rows.map((r) => [r.id, r]));
    expect(byId.get("p01")).toMatchObject({ status: "PASS", ran: true, fixture: "tlc-2024-01-first10k", events: 10000, silverRows: 9855, expectedSilverRows: 9855, dbtPass: 2, dbtTotal: 3, checks: "soda 1/2: avg fare between 5 and 30 fail" });
    expect(byId.get("p02")!.checks).toBeNull();
    expect(byId.get("p01")!.stages.e2e).toBeCloseTo(91.579);
    expect(byId.get("p02")!.status).toBe("PARTIAL");
    expect(byId.get("p12")).toMatchObject({ status: "FAIL", silverRows: 9850, expectedSilverRows: 9855 });
    expect(byId.get("p03")).toMatchObject({ status: "SKIPPED", ran: true });
    expect(byId.get("p00")).toMatchObject({ status: "SKIPPED", reason: "not run: not selected in this run", ran: false, events: null });
    expect(byId.get("p23")).toMatchObject({ status: "SKIPPED", reason: "no suite yet", ran: false });
  });

  test("a run of a pipeline outside the catalog is still listed", () => {
    const [first] = sampleEntries();
    const stray = { ...first!, pipelineId: "p99", run: { ...first!.run!, pipelineId: "p99" } };
    expect(buildMatrix([stray], CATALOG, new Set(), "now").rows.at(-1)).toMatchObject({ id: "p99", ran: true });
  });

  test("json round-trips", () => {
    const m = build();
    expect(JSON.parse(matrixJson(m))).toEqual(m);
  });

  test("markdown has counts, a row per pipeline and escaped pipes", () => {
    const m = build();
    m.rows[0]!.reason = "a | b\nc";
    const md = matrixMarkdown(m);
    expect(md).toContain("PASS 1 · PARTIAL 1 · FAIL 1 · SKIPPED 21");
    expect(md).toContain("| p01 | Kafka + Flink + Iceberg | PASS |  | tlc-2024-01-first10k | 10000 | 9855/9855 | 91.58 |  | 2/3 |");
    expect(md).toContain("a \\| b c");
    expect(md.split("\n").filter((l) => l.startsWith("| p"))).toHaveLength(24);
  });
});
