import { describe, expect, test } from "vitest";
import { renderSql, splitStatements } from "../../harness/stages/sql-script.js";

describe("SQL scripts", () => {
  test("split on ';' at line ends, skipping comments and blank lines", () => {
    const script = "-- a comment\nSET 'a' = 'b';\n\nCREATE TABLE t (\n  x INT -- inline; not an end\n);\n";
    expect(splitStatements(script)).toEqual(["SET 'a' = 'b'", "CREATE TABLE t (\n  x INT -- inline; not an end\n)"]);
  });

  test("keep a statement set whole", () => {
    const script = "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;\nSELECT 3;\n";
    expect(splitStatements(script)).toEqual(["EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND", "SELECT 3"]);
  });

  test("a script without a final ';' is an error", () => {
    expect(() => splitStatements("SELECT 1")).toThrow(/ends without ';'/);
  });

  test("fill placeholders and name a missing one", () => {
    expect(renderSql("'${kafka.bootstrap}' ${n}", { "kafka.bootstrap": "kafka:19092", n: 3 })).toBe("'kafka:19092' 3");
    expect(() => renderSql("${nope}", { a: 1 })).toThrow(/\$\{nope\} has no value \(known: a\)/);
  });
});
