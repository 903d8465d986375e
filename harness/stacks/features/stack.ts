// The feature-store stack (P21): P01's Flink lakehouse stack plus Feast and its Redis online store
// on the same network. The feature repository lives in the run's folder, mounted into Feast's container.
import { startAll, type Component } from "../../components/container.js";
import { FeastContainer, type StartedFeastContainer } from "../../components/feast.js";
import { RedisContainer, type StartedRedisContainer } from "../../components/redis.js";
import type { StackDefinition } from "../../pipeline.js";
import { lakehousePlus, type LakehouseStack } from "../lakehouse/stack.js";

export interface FeatureStore {
  feast: StartedFeastContainer;
  redis: StartedRedisContainer;
  containers(): Component[];
  stop(): Promise<void>;
}

export type FeatureStack = LakehouseStack & { features: FeatureStore };

export const featureStore: StackDefinition<FeatureStack> = lakehousePlus("Feast + Redis", ["feast", "redis"], "features", async (network, { images, workDir }) => {
  const [feast, redis] = await startAll([new FeastContainer(images.feast!, workDir).withNetwork(network).start(), new RedisContainer(images.redis!).withNetwork(network).start()] as const);
  return {
    feast,
    redis,
    containers: () => [feast, redis],
    stop: async () => {
      await Promise.allSettled([feast.stop(), redis.stop()]);
    },
  };
});
