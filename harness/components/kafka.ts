// Kafka 4.0 (KRaft, one node as broker and controller), configured through the official image's
// KAFKA_* environment. Two listeners: INTERNAL for engines on the run's network, HOST for the harness.
import { Admin, Consumer, stringDeserializers } from "@platformatic/kafka";
import { randomBytes } from "node:crypto";
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { freePort, inStage, RunContainer, type Component } from "./container.js";

const INTERNAL_PORT = 19092;
const HOST_PORT = 9092;

export class KafkaContainer extends RunContainer {
  constructor(image: ResolvedImage) {
    super(image, "kafka");
  }

  override async start(): Promise<StartedKafkaContainer> {
    // The HOST listener advertises the host port, so it is chosen before the broker starts.
    const hostPort = await freePort();
    // KRaft wants a 22-character base64 cluster id.
    const clusterId = randomBytes(16).toString("base64url").slice(0, 22);
    this.withExposedPorts({ container: HOST_PORT, host: hostPort })
      .withEnvironment({
        CLUSTER_ID: clusterId,
        KAFKA_NODE_ID: "1",
        KAFKA_PROCESS_ROLES: "broker,controller",
        KAFKA_LISTENERS: `HOST://0.0.0.0:${HOST_PORT},INTERNAL://0.0.0.0:${INTERNAL_PORT},CONTROLLER://0.0.0.0:9093`,
        KAFKA_ADVERTISED_LISTENERS: `HOST://127.0.0.1:${hostPort},INTERNAL://${this.alias}:${INTERNAL_PORT}`,
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "HOST:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
        KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
        KAFKA_INTER_BROKER_LISTENER_NAME: "INTERNAL",
        KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:9093",
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
        KAFKA_HEAP_OPTS: "-Xms256m -Xmx768m",
      })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/).withStartupTimeout(120_000));
    return new StartedKafkaContainer(await super.start(), this.image, `127.0.0.1:${hostPort}`, `${this.alias}:${INTERNAL_PORT}`);
  }
}

export class StartedKafkaContainer extends AbstractStartedContainer implements Component {
  readonly name = "kafka";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    /** For clients on the host (the harness). */
    readonly bootstrapServers: string,
    /** For engines on the run's network (Flink, Kafka Connect). */
    readonly internalBootstrapServers: string,
  ) {
    super(container);
  }

  private admin(): Admin {
    return new Admin({ clientId: "harness-admin", bootstrapBrokers: [this.bootstrapServers] });
  }

  async createTopics(topics: Array<{ name: string; partitions: number }>): Promise<void> {
    const admin = this.admin();
    try {
      await inStage("topics", this, async () => {
        for (const t of topics) await admin.createTopics({ topics: [t.name], partitions: t.partitions, replicas: 1 });
      });
    } finally {
      await admin.close();
    }
  }

  /** Messages in a topic: the sum of its partitions' end offsets (topics here are never compacted). */
  async messageCount(topic: string): Promise<number> {
    const admin = this.admin();
    try {
      const offsets = await admin.listOffsets({ topics: [{ name: topic, partitions: await this.partitions(admin, topic) }] });
      return offsets.reduce((sum, t) => sum + t.partitions.reduce((s, p) => s + Number(p.offset), 0), 0);
    } finally {
      await admin.close();
    }
  }

  /** The first `count` messages of a topic, from the earliest offset (bounded by `timeoutMs`). */
  async readMessages(topic: string, count: number, timeoutMs = 60_000): Promise<Array<{ key: string | null; value: string }>> {
    const consumer = new Consumer({ groupId: `harness-read-${Date.now()}`, clientId: "harness-reader", bootstrapBrokers: [this.bootstrapServers], deserializers: stringDeserializers, maxWaitTime: 500 });
    const messages: Array<{ key: string | null; value: string }> = [];
    const timer = setTimeout(() => void consumer.close(true), timeoutMs);
    try {
      if (count === 0) return messages;
      const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: false });
      for await (const m of stream) {
        messages.push({ key: m.key ?? null, value: m.value });
        if (messages.length >= count) break;
      }
      return messages;
    } finally {
      clearTimeout(timer);
      await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
    }
  }

  private async partitions(admin: Admin, topic: string): Promise<Array<{ partitionIndex: number; timestamp: bigint }>> {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    // timestamp -1 asks for the latest offset
    return Array.from({ length: count }, (_, i) => ({ partitionIndex: i, timestamp: -1n }));
  }
}
