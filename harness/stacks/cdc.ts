// The CDC stack (P12, P23): the lakehouse stack plus, on its network, the source PostgreSQL
// (wal_level=logical, alias `source`) and Kafka Connect with Debezium.
import { DebeziumConnect, type StartedDebezium } from "../components/debezium.js";
import { PostgresContainer, type StartedPostgres } from "../components/postgres.js";
import { startAll, type Component } from "../components/container.js";
import { startLakehouse, type LakehouseStack } from "./lakehouse.js";

export interface CdcStack extends LakehouseStack {
  source: StartedPostgres;
  connect: StartedDebezium;
}

export async function startCdc(workDir: string): Promise<CdcStack> {
  const lake = await startLakehouse(workDir);
  const [source, connect] = await startAll([
    new PostgresContainer().withNetwork(lake.network, "source").withDatabase("trips").withSetting("wal_level", "logical").start(),
    new DebeziumConnect().withNetwork(lake.network).withKafka(lake.kafka).start(),
  ] as const).catch(async (err: unknown) => {
    await lake.stop();
    throw err;
  });
  const extra: Component[] = [{ name: "postgres-source", container: source.container, image: source.image }, connect];
  return {
    ...lake,
    source: source,
    connect: connect,
    containers: () => [...lake.containers(), ...extra],
    stop: async () => {
      await Promise.allSettled([source.stop(), connect.stop()]);
      await lake.stop();
    },
  };
}
