// Plain answers to plain mistakes: one line, exit 2, before anything runs.
import { describe, expect, test, vi } from "vitest";
import { main } from "../../harness/cli.js";

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  const writes: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (writes.push(String(chunk)), true));
  try {
    return { code: await main(argv), err: writes.join("") };
  } finally {
    spy.mockRestore();
  }
}

describe("harness run", () => {
  test("an id outside the catalog names the ids that exist and those with a suite", async () => {
    const { code, err } = await run(["run", "p99"]);
    expect(code).toBe(2);
    expect(err).toMatch(/^harness: p99: not in the catalog \(p00–p23\); pipelines with a suite: p00 p01 .*\n$/);
  });

  test("a catalog id without a suite says so", async () => {
    const { code, err } = await run(["run", "p03"]);
    expect(code).toBe(2);
    expect(err).toMatch(/^harness: p03: in the catalog but no suite yet; pipelines with a suite: p00 p01 .*\n$/);
  });
});
