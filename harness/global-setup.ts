// Checks a pipeline run's inputs once, before any suite starts a container: bad input ends the run
// with one line that says what is wrong and how to fix it.
import { InputError } from "./errors.js";
import { prepareInputs } from "./inputs.js";

export default async function checkInputs(): Promise<void> {
  try {
    (await prepareInputs()).duck.close();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`harness: ${err.message}\n`);
    process.exit(2);
  }
}
