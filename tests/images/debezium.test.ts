import { Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { startRunNetwork } from "../../harness/runtime/containers.js";
import { ensureEngine } from "../../harness/runtime/engine.js";

const engine = await ensureEngine({ install: false });

describe.skipIf(!engine.ok)("image debezium", () => {
  let network: StartedNetwork;
  const containers: StartedTestContainer[] = [];
  let connect = "";
  let connectContainer: StartedTestContainer;

  beforeAll(async () => {
    const [kafka, debezium] = await Promise.all([resolveImage("kafka"), resolveImage("debezium")]);
    network = await startRunNetwork();
    // A broker reachable on the network as kafka:19092 (no host listener needed here).
    containers.push(
      await (new RunContainer(kafka, "under-test")
          .withNetwork(network)
          .withNetworkAliases("kafka")
          .withEnvironment({
            KAFKA_LISTENERS: "INTERNAL://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093",
            KAFKA_ADVERTISED_LISTENERS: "INTERNAL://kafka:19092",
            KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
            KAFKA_INTER_BROKER_LISTENER_NAME: "INTERNAL",
            KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:9093",
            KAFKA_HEAP_OPTS: "-Xms256m -Xmx512m",
          })
          .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/).withStartupTimeout(120_000))
      ).start(),
    );
    connectContainer = await (new RunContainer(debezium, "under-test")
        .withNetwork(network)
        .withNetworkAliases("connect")
        .withEnvironment({
          BOOTSTRAP_SERVERS: "kafka:19092",
          GROUP_ID: "1",
          CONFIG_STORAGE_TOPIC: "connect_configs",
          OFFSET_STORAGE_TOPIC: "connect_offsets",
          STATUS_STORAGE_TOPIC: "connect_statuses",
          HEAP_OPTS: "-Xms256m -Xmx768m",
          // Passed through as a worker property (CONNECT_ stripped, '_' → '.').
          CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY: "All",
        })
        .withExposedPorts(8083)
        .withWaitStrategy(Wait.forHttp("/connector-plugins", 8083).withStartupTimeout(180_000))
    ).start();
    containers.push(connectContainer);
    connect = `http://${connectContainer.getHost()}:${connectContainer.getMappedPort(8083)}`;
  }, 900_000);

  afterAll(async () => {
    for (const c of containers.reverse()) await c.stop().catch(() => {});
    await network?.stop();
  });

  test("the Connect REST API lists the PostgreSQL connector plugin", async () => {
    const res = await fetch(`${connect}/connector-plugins`, { signal: AbortSignal.timeout(30_000) });
    const plugins = (await res.json()) as Array<{ class: string; type: string; version: string }>;
    expect(plugins).toContainEqual({ class: "io.debezium.connector.postgresql.PostgresConnector", type: "source", version: "3.6.1.Final" });
  });

  test("runs as user kafka with the upstream layout and the environment as worker properties", async () => {
    expect((await connectContainer.exec(["id", "-u"])).output.trim()).toBe("1001");
    const props = (await connectContainer.exec(["cat", "/kafka/config/connect-distributed.properties"])).output;
    expect(props).toContain("bootstrap.servers=kafka:19092");
    expect(props).toContain("config.storage.topic=connect_configs");
    expect(props).toContain("connector.client.config.override.policy=All");
    expect((await connectContainer.exec(["ls", "/kafka/connect/debezium-connector-postgres"])).output).toContain("debezium-connector-postgres-3.6.1.Final.jar");
  });
});
