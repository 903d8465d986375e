// The CDC stack (P12, P23): the lakehouse stack plus, on its network, the source PostgreSQL
// (wal_level=logical, alias `source`) and Kafka Connect with Debezium. Connectors made through
// `connector()` are deleted, and their replication slots dropped, when the stack stops.
import type pg from "pg";
import { startAll, waitFor, type Component } from "../../components/container.js";
import { DebeziumContainer, type PostgresConnectorSpec, type StartedDebeziumContainer } from "../../components/debezium.js";
import { PostgresContainer, type StartedPostgresContainer } from "../../components/postgres.js";
import type { StackDefinition } from "../../pipeline.js";
import { runId } from "../../runtime/run.js";
import { LAKEHOUSE_IMAGES, startLakehouse, type LakehouseStack } from "../lakehouse/stack.js";
import { onRunNetwork } from "../network.js";

export interface CdcStack extends LakehouseStack {
  source: StartedPostgresContainer;
  /** A connection to the source database, open while the stack runs. */
  sourceClient: pg.Client;
  connect: StartedDebeziumContainer;
  /** A connector spec for `table` (schema public) with a replication slot unique to the run; `pass` names its server. */
  connector(name: string, table: string, publication: string, pass?: string): PostgresConnectorSpec;
}

/**
 * Debezium's topic.prefix (its logical server name): changes of public.<table> go to
 * `<prefix>.public.<table>`. The main pass's is the catalog's `dbserver1`; every other connector
 * gets its own, since connectors sharing a server name on one worker slowed the second one's
 * capture from about 1 s to about 110 s.
 */
export const topicPrefix = (pass: string): string => (pass === "main" ? "dbserver1" : `dbserver1_${pass}`);

/** A slot name unique to this run ([a-z0-9_], at most 63 characters). */
const slotName = (label: string) => `${label}_${runId()}`.toLowerCase().replace(/[^a-z0-9]/g, "_").slice(0, 63);

export const cdc: StackDefinition<CdcStack> = onRunNetwork("CDC lakehouse", [...LAKEHOUSE_IMAGES, "debezium"], async (network, inputs) => {
  const { images } = inputs;
  const lake = await startLakehouse(network, inputs);
  const [source, connect] = await startAll([
    new PostgresContainer(images.postgres!).withNetwork(network).withNetworkAlias("source").withDatabase("trips").withSetting("wal_level", "logical").start(),
    new DebeziumContainer(images.debezium!).withNetwork(network).withKafka(lake.kafka).start(),
  ] as const).catch(async (err: unknown) => {
    await lake.stop();
    throw err;
  });
  const sourceClient = await source.client();
  const made: PostgresConnectorSpec[] = [];

  /** Deleting a connector stops its task, which releases its slot; then the slot is dropped. */
  const dropConnectors = async () => {
    for (const spec of made) {
      await connect.deleteConnector(spec.name, 60_000);
      await waitFor(`replication slot ${spec.slot} to be released and dropped`, 60_000, async () => {
        await sourceClient.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active", [spec.slot]);
        const left = await sourceClient.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [spec.slot]);
        return left.rowCount === 0 ? true : undefined;
      });
    }
  };

  return {
    ...lake,
    source,
    sourceClient,
    connect,
    connector: (name, table, publication, pass = "main") => {
      const spec: PostgresConnectorSpec = {
        name,
        source: { alias: source.alias, database: source.database, user: source.user, password: source.password },
        topicPrefix: topicPrefix(pass),
        tables: [`public.${table}`],
        publication,
        slot: slotName(name),
      };
      made.push(spec);
      return spec;
    },
    containers: (): Component[] => [...lake.containers(), source, connect],
    stop: async () => {
      // A slot left behind is a failed teardown (it would hold WAL on a real source), but the
      // containers stop either way.
      const dropped = await dropConnectors().then(() => null, (err: unknown) => err);
      await sourceClient.end().catch(() => undefined);
      await Promise.allSettled([source.stop(), connect.stop()]);
      await lake.stop();
      if (dropped) throw dropped;
    },
  };
});
