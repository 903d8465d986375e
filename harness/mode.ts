// How a run drives its pipeline: batch (the events are put in, then bounded jobs process them) or
// streaming (HARNESS_MODE=streaming: unbounded jobs run first, the events go in at HARNESS_RATE per
// second, and every stage waits for what the jobs write). Checked with the other inputs, before
// any container starts.
import { InputError } from "./errors.js";

export type RunMode = { name: "batch" } | { name: "streaming"; /** Events per second the producer sends. */ rate: number };

export const DEFAULT_RATE = 1_000;

export function runMode(env: NodeJS.ProcessEnv): RunMode {
  const mode = (env.HARNESS_MODE ?? "").trim() || "batch";
  if (mode === "batch") return { name: "batch" };
  if (mode !== "streaming") throw new InputError(`HARNESS_MODE=${env.HARNESS_MODE} is not a mode: set it to batch (the default) or streaming`);
  const raw = (env.HARNESS_RATE ?? "").trim();
  if (raw && !/^[1-9][0-9]*$/.test(raw)) throw new InputError(`HARNESS_RATE=${env.HARNESS_RATE} is not a positive integer: set it to the events per second to produce, e.g. 1000`);
  return { name: "streaming", rate: raw ? Number(raw) : DEFAULT_RATE };
}
