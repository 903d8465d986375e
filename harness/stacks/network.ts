// Stacks whose containers share one labelled network, made before they start and removed after.
import type { StartedNetwork } from "testcontainers";
import type { StackDefinition, StackInputs, StartedStack } from "../pipeline.js";
import { startRunNetwork } from "../runtime/containers.js";

/** A stack definition on its own labelled network, which stops with it. */
export function onRunNetwork<S extends StartedStack>(name: string, images: readonly string[], start: (network: StartedNetwork, inputs: StackInputs) => Promise<S>): StackDefinition<S> {
  return {
    name,
    images,
    start: async (inputs) => {
      const network = await startRunNetwork();
      const stack = await start(network, inputs).catch(async (err: unknown) => {
        await network.stop().catch(() => undefined);
        throw err;
      });
      return {
        ...stack,
        stop: async () => {
          try {
            await stack.stop();
          } finally {
            await network.stop();
          }
        },
      };
    },
  };
}

