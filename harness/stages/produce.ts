// The harness producer: the run's events as JSON, key PULocationID, idempotent, acks=all, batched
// and lz4-compressed, in order (batches are sent one after another so each partition keeps the
// produce order that silver-core's "latest ingested" relies on).
import { Producer, stringSerializers } from "@platformatic/kafka";
import type { WireEvent } from "../fixtures/events.js";

const BATCH = 2_000;

export interface ProduceResult {
  messages: number;
  seconds: number;
  perSecond: number;
}

export async function produce(bootstrapServers: string, topic: string, events: WireEvent[]): Promise<ProduceResult> {
  const producer = new Producer({
    clientId: "harness-producer",
    bootstrapBrokers: [bootstrapServers],
    serializers: stringSerializers,
    idempotent: true,
    acks: -1,
    compression: "lz4",
  });
  const t0 = performance.now();
  try {
    for (let i = 0; i < events.length; i += BATCH) {
      const messages = events.slice(i, i + BATCH).map((e) => ({ topic, key: e.key ?? undefined, value: e.value }));
      await producer.send({ messages });
    }
  } finally {
    await producer.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { messages: events.length, seconds, perSecond: events.length / seconds };
}
