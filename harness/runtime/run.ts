// The identity of a run and the labels that mark everything it creates in the engine, so that
// cleanup (in process or by the watchdog) can find it all by label and nothing else.
import { randomBytes } from "node:crypto";

export const LABEL = "pipeline-harness";
export const RUN_LABEL = "pipeline-harness.run";
/** The process that created the resource; the watchdog of that process removes only its own. */
export const OWNER_LABEL = "pipeline-harness.owner";

let current: string | undefined;

/**
 * The run id: PIPELINE_HARNESS_RUN_ID when the caller set one (so vitest workers of one run share
 * it), else one generated per process, e.g. "20250601-142233-9f3a".
 */
export function runId(): string {
  if (!current) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    current = process.env.PIPELINE_HARNESS_RUN_ID || `${stamp}-${randomBytes(2).toString("hex")}`;
  }
  return current;
}

export function runLabels(): Record<string, string> {
  return { [LABEL]: "1", [RUN_LABEL]: runId(), [OWNER_LABEL]: String(process.pid) };
}
