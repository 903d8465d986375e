// Scale runs: the synthetic fixture grown from the embedded sample, and the producer reading the run's
// events a chunk at a time with the malformed messages where a whole-run list would have them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Duck, lit } from "../../harness/db/duck.js";
import { loadEvents, wireEventChunks, wireEvents } from "../../harness/fixtures/events.js";
import { withPoison } from "../../harness/fixtures/poison.js";
import { writeSyntheticFixture } from "../../harness/fixtures/synthetic.js";
import { EMBEDDED_FIXTURE, inspectFixture } from "../../harness/fixtures/tlc.js";

describe("synthetic fixture", () => {
  test("grows the sample to N rows: new trip keys, pickups kept in January, the sample's distributions, the same file each time", async () => {
    const duck = await Duck.open();
    try {
      const sample = await inspectFixture(duck, EMBEDDED_FIXTURE);
      const dir = mkdtempSync(join(tmpdir(), "synth-"));
      const [a, b] = [join(dir, "a.parquet"), join(dir, "b.parquet")];
      await writeSyntheticFixture(sample, 30_000, a);
      await writeSyntheticFixture(sample, 30_000, b);
      const stats = (path: string) =>
        duck.rows<Record<string, number | string>>(`SELECT count(*) AS n,
            count(DISTINCT (VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount)) AS keys,
            count(*) FILTER (WHERE tpep_pickup_datetime >= '2024-01-01' AND tpep_pickup_datetime < '2024-02-01') AS january,
            round(avg(fare_amount), 6) AS fare, round(avg(date_diff('second', tpep_pickup_datetime, tpep_dropoff_datetime)), 3) AS duration,
            round(avg(hour(tpep_pickup_datetime)), 6) AS hour
          FROM read_parquet(${lit(path)})`);
      const [grown] = await stats(a);
      const [original] = await stats(EMBEDDED_FIXTURE);
      expect(Number(grown!.n)).toBe(30_000);
      // Three whole copies: each a new trip wherever the sample's is one, durations and hours unchanged.
      expect(Number(grown!.keys)).toBe(3 * Number(original!.keys));
      expect(Number(grown!.january)).toBe(3 * Number(original!.january));
      expect([grown!.fare, grown!.duration, grown!.hour].map(Number)).toEqual([original!.fare, original!.duration, original!.hour].map(Number));
      expect(await stats(b)).toEqual(await stats(a));
    } finally {
      duck.close();
    }
  });
});

describe("producer chunks", () => {
  test("events read a chunk at a time carry the same messages, malformed ones included, as the whole list", async () => {
    const duck = await Duck.open();
    try {
      await loadEvents(duck, await inspectFixture(duck, EMBEDDED_FIXTURE), 2_500);
      const whole = withPoison(await wireEvents(duck), 7);
      const chunked = { messages: [] as unknown[], poison: [] as unknown[] };
      for await (const chunk of wireEventChunks(duck, 1_000)) {
        const part = withPoison(chunk.events, 7, undefined, { offset: chunk.offset, total: 2_500 });
        chunked.messages.push(...part.messages);
        chunked.poison.push(...part.poison);
      }
      expect(chunked.messages).toEqual(whole.messages);
      expect(chunked.poison).toEqual(whole.poison);
      expect(whole.poison).toHaveLength(7);
    } finally {
      duck.close();
    }
  });
});
