// The dead letters a bronze job wrote in one run: the committed messages of the dead-letter topic
// after the count it held before the job (a second run, an increment, re-reads the whole topic), each
// as received with its reason (pipelines.md §1: raw_value, reason, source_partition, source_offset).
import type { StartedKafkaContainer } from "../components/kafka.js";
import type { Bronze } from "../pipeline.js";

export async function deadLettersSince(kafka: StartedKafkaContainer, topic: string, before: number): Promise<NonNullable<Bronze["deadLetters"]>> {
  const dead = (await kafka.readTopic(topic)).slice(before);
  return dead.map((m) => {
    const letter = JSON.parse(m.value) as { raw_value?: string | null; reason?: string };
    return { raw: letter.raw_value ?? null, reason: letter.reason ?? "" };
  });
}
