// Bad input is reported as one line that says what is wrong and how to fix it, before anything starts.
export class InputError extends Error {
  override readonly name = "InputError";
}

/** A stage that failed: which stage, which container, and the last lines of that container's log. */
export class StageError extends Error {
  override readonly name = "StageError";
  constructor(
    readonly stage: string,
    message: string,
    readonly container?: string,
    readonly logTail?: string,
  ) {
    super(
      `stage ${stage} failed${container ? ` in container ${container}` : ""}: ${message}` +
        (logTail ? `\n--- last lines of ${container ?? "the log"} ---\n${logTail}` : ""),
    );
  }
}
