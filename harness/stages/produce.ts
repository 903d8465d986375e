// The harness producer: the run's events as JSON, key PULocationID, idempotent, acks=all, batched
// and lz4-compressed, in order (batches are sent one after another so each partition keeps the
// produce order that silver-core's "latest ingested" relies on).
import { Producer, stringSerializers } from "@platformatic/kafka";
import type { WireEvent } from "../fixtures/events.js";

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
      const messages = events.slice(i, i + settings.batch).map((e) => ({ topic, key: e.key ?? undefined, value: e.value }));
      await producer.send({ messages });
    }
  } finally {
    await producer.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { messages: events.length, seconds, perSecond: events.length / seconds };
}
