// Producer benchmark: `npx tsx scripts/bench-producer.ts`. Starts one Kafka, produces the run's
// events (HARNESS_FIXTURE, HARNESS_EVENTS) to a fresh 3-partition topic with each setting, three times
// each, and writes reports/benchmarks/producer.{json,md}: events per second (median), with the machine.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KafkaContainer } from "../harness/components/kafka.js";
import { resolveImage } from "../harness/images/resolve.js";
import { wireEvents } from "../harness/fixtures/events.js";
import { prepareInputs } from "../harness/inputs.js";
import { machine, machineLine } from "../harness/bench/machine.js";
import { reportsDir } from "../harness/paths.js";
import { produce, type ProduceSettings } from "../harness/stages/produce.js";

const SETTINGS: ProduceSettings[] = [
  { batch: 500, compression: "lz4" },
  { batch: 2_000, compression: "lz4" },
  { batch: 2_000, compression: "none" },
  { batch: 10_000, compression: "lz4" },
];
const ROUNDS = 3;

const inputs = await prepareInputs();
const events = await wireEvents(inputs.duck);
const kafka = await new KafkaContainer(await resolveImage("kafka")).start();
const rows: Array<ProduceSettings & { perSecond: number; seconds: number; firstPerSecond: number }> = [];
try {
  let n = 0;
  for (const settings of SETTINGS) {
    const runs = [];
    for (let round = 0; round < ROUNDS; round++) {
      const topic = `bench-${n++}`;
      await kafka.createTopics([{ name: topic, partitions: 3 }]);
      runs.push(await produce(kafka.bootstrapServers, topic, events, settings));
    }
    const first = runs[0]!;
    const median = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(ROUNDS / 2)]!;
    rows.push({ ...settings, seconds: median.seconds, perSecond: Math.round(median.perSecond), firstPerSecond: Math.round(first.perSecond) });
    console.log(`batch ${settings.batch}, ${settings.compression}: ${Math.round(median.perSecond)} events/s`);
  }
} finally {
  await kafka.stop();
}
const report = { date: new Date().toISOString(), machine: await machine(), events: events.length, rounds: ROUNDS, rows };
const dir = join(reportsDir(), "benchmarks");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "producer.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(dir, "producer.md"),
  [
    "# Producer benchmark",
    "",
    `${report.date} · ${machineLine(report.machine)}`,
    "",
    `${events.length} events of the run's fixture, @platformatic/kafka, idempotent, acks=all, key PULocationID, 3 partitions, one Kafka 4.0 broker in a container; median of ${ROUNDS} and the first (cold) round; the clock runs from the first send to the last acknowledgement (connect and metadata excluded, close included).`,
    "",
    "| batch | compression | median seconds | median events/s | first round events/s |",
    "|---:|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.batch} | ${r.compression} | ${r.seconds.toFixed(3)} | ${r.perSecond} | ${r.firstPerSecond} |`),
    "",
  ].join("\n"),
);
inputs.duck.close();
