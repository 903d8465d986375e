import { Admin, Consumer, Producer, ProduceAcks, stringDeserializers, stringSerializers } from "@platformatic/kafka";
import { Wait, type StartedTestContainer } from "testcontainers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../harness/components/container.js";
import { resolveImage, type ResolvedImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { ensureEngine } from "../../harness/runtime/engine.js";
import { exec } from "../../harness/runtime/exec.js";

const engine = await ensureEngine({ install: false });
const started = /Kafka Server started/;

describe.skipIf(!engine.ok)("image kafka", () => {
  let image: ResolvedImage;
  beforeAll(async () => {
    image = await resolveImage("kafka");
  }, 900_000);

  test("with no environment it is a single-node KRaft broker+controller on 9092", { timeout: 180_000 }, async () => {
    const container = await (new RunContainer(image, "under-test").withWaitStrategy(Wait.forLogMessage(started).withStartupTimeout(120_000))).start();
    try {
      const topics = (args: string[]) => container.exec(["/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", "localhost:9092", ...args]);
      expect((await topics(["--create", "--topic", "smoke", "--partitions", "2"])).exitCode).toBe(0);
      const described = await topics(["--describe", "--topic", "smoke"]);
      expect(described.output).toContain("PartitionCount: 2");
      // The official image's layout: appuser (uid 1000), config rendered into /opt/kafka/config.
      expect((await container.exec(["id", "-u"])).output.trim()).toBe("1000");
      const props = (await container.exec(["cat", "/opt/kafka/config/server.properties"])).output;
      expect(props).toContain("process.roles=broker,controller");
      expect(props).toContain("PLAINTEXT_HOST://0.0.0.0:9092");
    } finally {
      await container.stop();
    }
  });

  describe("configured by KAFKA_* variables, reached from the host", () => {
    let container: StartedTestContainer;
    let broker = "";

    beforeAll(async () => {
      // Kafka must advertise the port clients dial, so the host port is chosen before the start.
      const hostPort = await freePort();
      broker = `127.0.0.1:${hostPort}`;
      container = await (new RunContainer(image, "under-test")
          .withExposedPorts({ container: 9092, host: hostPort })
          .withEnvironment({
            CLUSTER_ID: "q1Sh-9_ISia_zwGINzRvyQ",
            KAFKA_NODE_ID: "1",
            KAFKA_PROCESS_ROLES: "broker,controller",
            KAFKA_LISTENERS: "HOST://0.0.0.0:9092,INTERNAL://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093",
            KAFKA_ADVERTISED_LISTENERS: `HOST://${broker},INTERNAL://kafka:19092`,
            KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "HOST:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
            KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
            KAFKA_INTER_BROKER_LISTENER_NAME: "INTERNAL",
            KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:9093",
            KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
            KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
            KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
            // Names no broker key uses, to check the official renaming: '___' → '-', '__' → '_'.
            KAFKA_HARNESS___DASHED: "a",
            KAFKA_HARNESS__UNDERSCORED_KEY: "b",
            KAFKA_HEAP_OPTS: "-Xms256m -Xmx512m",
          })
          .withWaitStrategy(Wait.forLogMessage(started).withStartupTimeout(120_000))
      ).start();
    }, 300_000);

    afterAll(async () => {
      await container?.stop();
    });

    test("renders the variables into server.properties and binds the host port on loopback", async () => {
      const props = (await container.exec(["cat", "/opt/kafka/config/server.properties"])).output;
      expect(props).toContain("auto.create.topics.enable=false");
      expect(props).toContain("harness-dashed=a");
      expect(props).toContain("harness_underscored.key=b");
      expect(props).toContain(`advertised.listeners=HOST://${broker},INTERNAL://kafka:19092`);
      expect(props).not.toContain("heap");
      expect((await exec("docker", ["port", container.getId(), "9092"])).stdout.trim()).toBe(broker);
    });

    test("creates a topic and round-trips JSON messages (idempotent, acks=all)", async () => {
      const topic = "roundtrip";
      const admin = new Admin({ clientId: "image-test", bootstrapBrokers: [broker] });
      try {
        await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
      } finally {
        await admin.close();
      }

      const sent = Array.from({ length: 100 }, (_, i) => ({ key: String(1 + (i % 7)), value: JSON.stringify({ id: i, fare: 10 + i / 4 }) }));
      const producer = new Producer({ clientId: "image-test", bootstrapBrokers: [broker], serializers: stringSerializers, idempotent: true, acks: ProduceAcks.ALL });
      try {
        await producer.send({ messages: sent.map((m) => ({ topic, ...m })) });
      } finally {
        await producer.close();
      }

      const consumer = new Consumer({ groupId: "image-test", clientId: "image-test", bootstrapBrokers: [broker], deserializers: stringDeserializers, maxWaitTime: 500 });
      const received: Array<{ key: string; value: string }> = [];
      try {
        const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: true });
        const timer = setTimeout(() => void stream.close(), 60_000);
        for await (const m of stream) {
          received.push({ key: m.key, value: m.value });
          if (received.length === sent.length) break;
        }
        clearTimeout(timer);
        await stream.close();
      } finally {
        await consumer.close(true);
      }
      const byId = (a: { value: string }, b: { value: string }) => JSON.parse(a.value).id - JSON.parse(b.value).id;
      expect(received.sort(byId)).toEqual([...sent].sort(byId));
    });
  });
});
