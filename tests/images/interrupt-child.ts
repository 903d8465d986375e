// Child process for interrupt.test.ts: creates labelled resources for run PIPELINE_HARNESS_RUN_ID
// (three containers on a network, one with a named volume), prints READY, then waits to be killed.
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { createRunVolume, startRunNetwork } from "../../harness/runtime/containers.js";

const image = await resolveImage("base");
const network = await startRunNetwork();
const volume = await createRunVolume();
for (let i = 0; i < 3; i++) {
  const container = new RunContainer(image, `sleeper-${i}`).withCommand(["sleep", "infinity"]).withNetwork(network);
  if (i === 0) container.withBindMounts([{ source: volume, target: "/data" }]);
  await container.start();
}
process.stdout.write("READY\n");
setInterval(() => {}, 60_000);
