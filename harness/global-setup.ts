// Before any suite: check the run's inputs once (bad input ends the run with one line saying what to
// fix, before a container starts) and give every vitest worker one run id, so that everything the
// run creates carries the same label and is removed after it, whatever happened.
import { InputError } from "./errors.js";
import { prepareInputs } from "./inputs.js";
import { cleanupRun } from "./runtime/cleanup.js";
import { runId } from "./runtime/run.js";

export default async function setup(): Promise<() => Promise<void>> {
  try {
    (await prepareInputs()).duck.close();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`harness: ${err.message}\n`);
    process.exit(2);
  }
  process.env.PIPELINE_HARNESS_RUN_ID = runId();
  return async () => {
    const left = await cleanupRun(process.env.PIPELINE_HARNESS_RUN_ID!);
    if (left.containers + left.networks + left.volumes > 0) {
      process.stderr.write(`harness: removed what the run left: ${left.containers} container(s), ${left.networks} network(s), ${left.volumes} volume(s)\n`);
    }
  };
}
