// The harness producer: the run's events as JSON, key PULocationID, idempotent, acks=all, batched
// and lz4-compressed, in order (batches are sent one after another so each partition keeps the
// produce order that silver-core's "latest ingested" relies on).
import { Producer, stringSerializers } from "@platformatic/kafka";
import type { StartedKafkaContainer } from "../components/kafka.js";
import { wireEvents, type WireEvent } from "../fixtures/events.js";
import { withPoison } from "../fixtures/poison.js";
import type { Ingested, Step } from "../pipeline.js";

/** The events topic and its dead-letter topic (pipelines.md §1). */
export const EVENT_PARTITIONS = 3;

export interface ProduceSettings {
  batch: number;
  compression: "lz4" | "none";
}

/** Measured by scripts/bench-producer.ts (reports/benchmarks/producer.md). */
export const DEFAULT_SETTINGS: ProduceSettings = { batch: 10_000, compression: "lz4" };

export interface ProduceResult {
  messages: number;
  seconds: number;
  perSecond: number;
}

/**
 * The records of a batch. A null key would go round-robin; pinned to partition 0, every event of
 * one natural key (which includes the key's PULocationID) sits in one partition, so (ingestion
 * time, partition, offset) — silver-core's dedup order in every engine — is the produce order the
 * oracle uses.
 */
export function toRecords(topic: string, events: WireEvent[]): Array<{ topic: string; value: string; key?: string; partition?: number }> {
  return events.map((e) => ({ topic, value: e.value, ...(e.key === null ? { partition: 0 } : { key: e.key }) }));
}

export async function produce(bootstrapServers: string, topic: string, events: WireEvent[], settings = DEFAULT_SETTINGS): Promise<ProduceResult> {
  const producer = new Producer({
    clientId: "harness-producer",
    bootstrapBrokers: [bootstrapServers],
    serializers: stringSerializers,
    idempotent: true,
    acks: -1,
    compression: settings.compression,
  });
  // Connecting, fetching metadata and obtaining a producer id (about a second on a fresh broker)
  // are set-up, not producing: the clock starts after them.
  await producer.metadata({ topics: [topic] });
  await producer.initIdempotentProducer({});
  const t0 = performance.now();
  try {
    for (let i = 0; i < events.length; i += settings.batch) {
      await producer.send({ messages: toRecords(topic, events.slice(i, i + settings.batch)) });
    }
  } finally {
    await producer.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { messages: events.length, seconds, perSecond: events.length / seconds };
}

/**
 * Ingestion for every Kafka pipeline: the pass's topic and dead-letter topic created, its events
 * (plus its malformed messages) produced, and the topic checked to hold all of them.
 */
export const produceEvents: Step<{ kafka: StartedKafkaContainer }, Ingested> = async (ctx) => {
  const { kafka } = ctx.stack;
  const { topic, deadLetters } = ctx.names;
  await kafka.createTopics([
    { name: topic, partitions: EVENT_PARTITIONS },
    { name: deadLetters, partitions: 1 },
  ]);
  const { messages, poison } = withPoison(await wireEvents(ctx.duck), ctx.poison);
  const result = await produce(kafka.bootstrapServers, topic, messages);
  const inTopic = await kafka.messageCount(topic);
  if (inTopic !== messages.length) throw new Error(`${topic} holds ${inTopic} messages after ${messages.length} were acknowledged`);
  return { messages: result.messages, seconds: result.seconds, expectedBronze: ctx.events, expectedDeadLetters: poison.length, poison };
};
