// The CDC stack (P12, P23): the lakehouse stack plus, on its network, the source PostgreSQL
// (wal_level=logical, alias `source`) and Kafka Connect with Debezium.
import { DebeziumConnect, type StartedDebezium } from "../components/debezium.js";
import { PostgresContainer, type StartedPostgres } from "../components/postgres.js";
import type { Component } from "../components/container.js";
import { startLakehouse, type LakehouseStack } from "./lakehouse.js";

export interface CdcStack extends LakehouseStack {
  source: StartedPostgres;
  connect: StartedDebezium;
}

export async function startCdc(workDir: string): Promise<CdcStack> {
  const lake = await startLakehouse(workDir);
  const [source, connect] = await Promise.allSettled([
    new PostgresContainer().withNetwork(lake.network, "source").withDatabase("trips").withSetting("wal_level", "logical").start(),
    new DebeziumConnect().withNetwork(lake.network).withKafka(lake.kafka).start(),
  ]);
  if (source.status === "rejected" || connect.status === "rejected") {
    await Promise.allSettled([source, connect].flatMap((r) => (r.status === "fulfilled" ? [r.value.stop()] : [])));
    await lake.stop();
    throw source.status === "rejected" ? source.reason : (connect as PromiseRejectedResult).reason;
  }
  const extra: Component[] = [{ name: "postgres-source", container: source.value.container, image: source.value.image }, connect.value];
  return {
    ...lake,
    source: source.value,
    connect: connect.value,
    containers: () => [...lake.containers(), ...extra],
    stop: async () => {
      await Promise.allSettled([source.value.stop(), connect.value.stop()]);
      await lake.stop();
    },
  };
}
