import { describe, expect, test } from "vitest";
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { ensureEngine } from "../../harness/runtime/engine.js";

const engine = await ensureEngine({ install: false });

describe.skipIf(!engine.ok)("image dbt", () => {
  test("has the duckdb and postgres adapters", { timeout: 900_000 }, async () => {
    const image = await resolveImage("dbt");
    // The image's entrypoint is dbt (as the dbt-labs images); keep it running to exec into it.
    const container = await (new RunContainer(image, "under-test").withEntrypoint(["sleep"]).withCommand(["infinity"])).start();
    try {
      const { exitCode, output } = await container.exec(["dbt", "--version"]);
      expect(exitCode).toBe(0);
      expect(output).toMatch(/installed: 1\.11\./);
      expect(output).toMatch(/duckdb:\s+1\.11\./);
      expect(output).toMatch(/postgres:\s+1\.11\./);
      // The lakehouse target's readers: pyiceberg, delta-rs and hudi-rs (the project's hudi plugin).
      const readers = await container.exec(["python", "-c", "import pyiceberg, deltalake, hudi; print(hudi.__version__)"]);
      expect(readers.output.trim()).toBe("0.5.0");
    } finally {
      await container.stop();
    }
  });
});
