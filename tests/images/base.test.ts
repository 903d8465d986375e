import { describe, expect, test } from "vitest";
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { ensureEngine } from "../../harness/runtime/engine.js";

const engine = await ensureEngine({ install: false });

describe.skipIf(!engine.ok)("image base", () => {
  test("is Debian bookworm", { timeout: 600_000 }, async () => {
    const image = await resolveImage("base");
    const container = await (new RunContainer(image, "under-test").withCommand(["sleep", "infinity"])).start();
    try {
      const { exitCode, output } = await container.exec(["cat", "/etc/debian_version"]);
      expect(exitCode).toBe(0);
      expect(output.trim()).toMatch(/^12\.\d+$/);
    } finally {
      await container.stop();
    }
  });
});
