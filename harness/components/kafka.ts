// Kafka 4.0 (KRaft, one node as broker and controller), configured through the official image's
// KAFKA_* environment. Two listeners: INTERNAL for engines on the run's network, HOST for the harness.
import { Admin, Consumer, FetchIsolationLevels, IS_CONTROL } from "@platformatic/kafka";
import { randomBytes } from "node:crypto";
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { freePort, inStage, RunContainer, waitFor, type Component } from "./container.js";

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

  private admin(retries?: number): Admin {
    return new Admin({ clientId: "harness-admin", bootstrapBrokers: [this.bootstrapServers], ...(retries === undefined ? {} : { retries }) });
  }

  /**
   * Creates the topics not there yet (streaming jobs may have needed them before the events went in)
   * and returns when every partition has a leader: a client's first request to a topic without one
   * is retried only after a second (the client's default delay), 1 s of every ingestion before.
   */
  async createTopics(topics: Array<{ name: string; partitions: number }>): Promise<void> {
    // No retries of its own: the wait polls on a short interval.
    const admin = this.admin(0);
    try {
      await inStage("topics", this, async () => {
        const existing = new Set(await admin.listTopics());
        for (const t of topics) if (!existing.has(t.name)) await admin.createTopics({ topics: [t.name], partitions: t.partitions, replicas: 1 });
        const names = topics.map((t) => t.name);
        await waitFor(`topics ${names.join(", ")} to have a leader for every partition`, 30_000, async () => {
          const metadata = await admin.metadata({ topics: names, forceUpdate: true }).catch(() => undefined);
          const led = (name: string) => (metadata?.topics.get(name)?.partitions ?? []).filter((p) => p.leader >= 0).length;
          return topics.every((t) => led(t.name) >= t.partitions) || undefined;
        }, 25);
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

  /**
   * Each partition's end offset: the high watermark, or with `committed` the last stable offset (what
   * a read_committed reader can reach: nothing of an open transaction). Transaction markers take
   * offsets too, so on a transactional topic offsets are not message counts.
   */
  async endOffsets(topic: string, { committed = false } = {}): Promise<bigint[]> {
    const consumer = this.fetcher();
    try {
      const offsets = await consumer.listOffsets({ topics: [topic], isolationLevel: committed ? FetchIsolationLevels.READ_COMMITTED : FetchIsolationLevels.READ_UNCOMMITTED });
      return [...(offsets.get(topic) ?? [])];
    } finally {
      await consumer.close(true);
    }
  }

  /** The offsets consumer group `group` committed on each partition of `topic` (-1 where none). */
  async committedOffsets(group: string, topic: string): Promise<bigint[]> {
    const admin = this.admin();
    try {
      const count = (await admin.metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 0;
      const [result] = await admin.listConsumerGroupOffsets({ groups: [{ groupId: group, topics: [{ name: topic, partitionIndexes: Array.from({ length: count }, (_, i) => i) }] }] });
      const committed = Array.from({ length: count }, () => -1n);
      for (const p of result?.topics.find((t) => t.name === topic)?.partitions ?? []) committed[p.partitionIndex] = p.committedOffset;
      return committed;
    } finally {
      await admin.close();
    }
  }

  /**
   * Every committed message of a topic, partition by partition from the start to its last stable
   * offset (read_committed: aborted transactions' records and markers skipped), whatever the count.
   */
  async readTopic(topic: string, timeoutMs = 120_000): Promise<Array<{ partition: number; offset: bigint; key: string | null; value: string }>> {
    const consumer = this.fetcher();
    const deadline = Date.now() + timeoutMs;
    const messages: Array<{ partition: number; offset: bigint; key: string | null; value: string }> = [];
    try {
      const ends = [...((await consumer.listOffsets({ topics: [topic], isolationLevel: FetchIsolationLevels.READ_COMMITTED })).get(topic) ?? [])];
      const metadata = await consumer.metadata({ topics: [topic] });
      const info = metadata.topics.get(topic)!;
      for (const [partition, end] of ends.entries()) {
        let next = 0n;
        while (next < end) {
          if (Date.now() > deadline) throw new Error(`reading ${topic} partition ${partition} reached offset ${next} of ${end} within ${timeoutMs / 1000} s`);
          const response = await consumer.fetch({
            node: info.partitions[partition]!.leader,
            isolationLevel: FetchIsolationLevels.READ_COMMITTED,
            maxWaitTime: 500,
            topics: [{ topicId: info.id, partitions: [{ partition, fetchOffset: next, partitionMaxBytes: 16 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }] }],
          });
          const batches = response.responses[0]?.partitions[0]?.records ?? [];
          for (const batch of batches) {
            next = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
            if (batch.attributes & IS_CONTROL) continue;
            for (const r of batch.records) {
              const offset = batch.firstOffset + BigInt(r.offsetDelta);
              if (offset < end) messages.push({ partition, offset, key: r.key?.toString("utf8") ?? null, value: r.value?.toString("utf8") ?? "" });
            }
          }
        }
      }
      return messages;
    } finally {
      await consumer.close(true);
    }
  }

  /** The broker restarted: stopped as an operator would (SIGTERM, 10 s to shut down), then started again. */
  async restartBroker(): Promise<void> {
    await this.restart({ timeout: 10_000 });
  }

  /** A consumer used only for offsets and fetches (it never joins its group). */
  private fetcher(): Consumer {
    return new Consumer({ groupId: `harness-fetch-${Date.now()}`, clientId: "harness-reader", bootstrapBrokers: [this.bootstrapServers], maxWaitTime: 500 });
  }

  private async partitions(admin: Admin, topic: string): Promise<Array<{ partitionIndex: number; timestamp: bigint }>> {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    // timestamp -1 asks for the latest offset
    return Array.from({ length: count }, (_, i) => ({ partitionIndex: i, timestamp: -1n }));
  }
}
