// The harness producer: the run's events as JSON, key PULocationID, idempotent, acks=all, batched
// and lz4-compressed, in order (batches are sent one after another so each partition keeps the
// produce order that silver-core's "latest ingested" relies on).
import { Producer, stringSerializers } from "@platformatic/kafka";
import type { StartedKafkaContainer } from "../components/kafka.js";
import type { Duck } from "../db/duck.js";
import type { RunMode } from "../mode.js";
import { wireEventChunks, type WireEvent } from "../fixtures/events.js";
import { FLAT_EVENT, withPoison, type Poisoned } from "../fixtures/poison.js";
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

/** Streaming: slices of a second a source is fed in at its rate, each acknowledged before the next. */
export const SLICES_PER_SECOND = 20;

/**
 * Streaming: events fed in at `rate` per second, in slices of 1/20 s paced against the start (a slow
 * acknowledgement does not lower the rate), with every event's acknowledgement time (epoch ms).
 */
export class Paced {
  private readonly acks: Array<[number, number]> = [];

  constructor(readonly rate: number) {}

  get slice(): number {
    return Math.max(1, Math.round(this.rate / SLICES_PER_SECOND));
  }

  /** Waits until `sent` events are due, `t0` being the start (performance.now()). */
  async until(t0: number, sent: number): Promise<void> {
    const due = t0 + (sent / this.rate) * 1000 - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
  }

  /** The events (event_seq) just acknowledged. */
  acked(seqs: number[]): void {
    const at = Date.now();
    for (const seq of seqs) this.acks.push([seq, at]);
  }

  /** The acknowledgement times into the DuckDB table `acks` (event_seq, acked_ms), for the latency. */
  async store(duck: Duck): Promise<string> {
    await duck.run("CREATE OR REPLACE TABLE acks (event_seq BIGINT, acked_ms BIGINT)");
    for (let i = 0; i < this.acks.length; i += 5_000) {
      await duck.run(`INSERT INTO acks VALUES ${this.acks.slice(i, i + 5_000).map(([seq, ms]) => `(${seq}, ${ms})`).join(", ")}`);
    }
    return "acks";
  }
}

/**
 * Sends `events` (a list, or chunks read as they are sent): at once in batches, or `paced`
 * (streaming). The clock includes reading the chunks.
 */
export async function produce(bootstrapServers: string, topic: string, events: WireEvent[] | AsyncIterable<WireEvent[]>, settings = DEFAULT_SETTINGS, paced?: Paced): Promise<ProduceResult> {
  const producer = new Producer({
    clientId: "harness-producer",
    bootstrapBrokers: [bootstrapServers],
    serializers: stringSerializers,
    idempotent: true,
    acks: -1,
    compression: settings.compression,
    // Streaming: a broker restarted mid-stream (a failure test) is waited for, not a failed run;
    // the idempotent producer makes the retried sends exactly-once. Batch: a fresh broker answers
    // the first producer-id request with a retriable error, retried after 50 ms, doubling, rather
    // than after the client's fixed second (a second of every ingestion).
    ...(paced ? { retries: 120, retryDelay: 500 } : { retries: 8, retryDelay: (_c: unknown, _op: string, attempt: number) => Math.min(50 * 2 ** (attempt - 1), 1_000) }),
  });
  // Connecting, fetching metadata and obtaining a producer id are set-up, not producing: the clock
  // starts after them.
  await producer.metadata({ topics: [topic] });
  await producer.initIdempotentProducer({});
  const t0 = performance.now();
  const batch = paced ? paced.slice : settings.batch;
  let sent = 0;
  try {
    for await (const chunk of Array.isArray(events) ? [events] : events) {
      for (let i = 0; i < chunk.length; i += batch) {
        const slice = chunk.slice(i, i + batch);
        await paced?.until(t0, sent);
        await producer.send({ messages: toRecords(topic, slice) });
        paced?.acked(slice.flatMap((e) => (e.seq === undefined ? [] : [e.seq])));
        sent += slice.length;
      }
    }
  } finally {
    await producer.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { messages: sent, seconds, perSecond: sent / seconds };
}

/** Events read from DuckDB at a time while producing. */
const PRODUCE_CHUNK = 50_000;

/** A pacer in streaming mode, none in batch mode. */
export const pacedFor = (mode: RunMode): Paced | undefined => (mode.name === "streaming" ? new Paced(mode.rate) : undefined);

/**
 * Ingestion for every Kafka pipeline: the pass's topic and dead-letter topic created, its events
 * (plus its malformed messages) produced — in streaming mode at the run's rate, each event's
 * acknowledgement kept — and the topic checked to hold all of them.
 */
export const produceEvents: Step<{ kafka: StartedKafkaContainer }, Ingested> = async (ctx) => {
  const { kafka } = ctx.stack;
  const { topic, deadLetters } = ctx.names;
  await kafka.createTopics([
    { name: topic, partitions: EVENT_PARTITIONS },
    { name: deadLetters, partitions: 1 },
  ]);
  const poison: Poisoned["poison"] = [];
  const { duck, events, poison: count } = ctx;
  // Read from DuckDB a chunk at a time, the malformed messages placed as over the whole run.
  async function* messages() {
    for await (const chunk of wireEventChunks(duck, PRODUCE_CHUNK)) {
      const spoiled = withPoison(chunk.events, count, FLAT_EVENT, { offset: chunk.offset, total: events });
      poison.push(...spoiled.poison);
      yield spoiled.messages;
    }
  }
  const paced = pacedFor(ctx.mode);
  const result = await produce(kafka.bootstrapServers, topic, messages(), DEFAULT_SETTINGS, paced);
  const inTopic = await kafka.messageCount(topic);
  if (inTopic !== result.messages) throw new Error(`${topic} holds ${inTopic} messages after ${result.messages} were acknowledged`);
  const acks = paced ? { acks: await paced.store(ctx.duck) } : {};
  return { messages: result.messages, seconds: result.seconds, expectedBronze: ctx.events, expectedDeadLetters: poison.length, poison, ...acks };
};
