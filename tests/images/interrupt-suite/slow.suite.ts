// A suite that keeps starting containers, one every two seconds, for interrupt.test.ts to stop
// with SIGINT to the vitest process: its worker must start none after that and remove its own.
import { test } from "vitest";
import { RunContainer } from "../../../harness/components/container.js";
import { resolveImage } from "../../../harness/images/resolve.js";

test("starts containers until stopped", async () => {
  const image = await resolveImage("base");
  for (let i = 0; i < 60; i++) {
    await new RunContainer(image, `sleeper-${i}`).withCommand(["sleep", "infinity"]).start();
    if (i === 0) console.log("READY");
    await new Promise((r) => setTimeout(r, 2_000));
  }
});
