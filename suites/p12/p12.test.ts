// P12's own checks beyond the standard scenario: a specific update and delete made in PostgreSQL
// as silver shows them, and a connector that cannot start failing capture with its cause.
import { expect } from "vitest";
import { CAPTURE_STAGE } from "../../harness/components/debezium.js";
import { StageError } from "../../harness/errors.js";
import { MAIN_NAMES } from "../../harness/pipeline.js";
import { describePipeline } from "../../harness/scenario.js";
import { publicationFor } from "../../harness/stacks/cdc/steps.js";
import p12 from "../../pipelines/12-cdc-debezium/pipeline.js";

describePipeline(p12, (test) => {
  test("an UPDATE and a DELETE made in PostgreSQL show in silver as the oracle says", async ({ main }) => {
    const silver = main.need(main.silverRelation, "silver");
    const { duck } = main;
    // silver-cdc's trip_id is the md5 of the source key: the fares silver and the oracle hold for one key
    const fares = async (relation: string, id: number) =>
      (await duck.rows<{ fare: string }>(`SELECT CAST(fare_amount AS VARCHAR) AS fare FROM ${relation} WHERE trip_id = md5('${id}')`)).map((r) => r.fare);
    // An updated trip (fare corrected: id % 29 = 0) that silver keeps: its new fare, not its loaded one.
    const [updated] = await duck.rows<{ id: string; fare: string; original: string }>(
      `SELECT s.id, CAST(CAST(s.fare_amount AS DECIMAL(10,2)) AS VARCHAR) AS fare, CAST(CAST(e.fare_amount AS DECIMAL(10,2)) AS VARCHAR) AS original
         FROM source_trips s JOIN events e ON e.event_seq = s.id
        WHERE s.id % 29 = 0 AND s.VendorID IS NOT NULL AND s.trip_distance >= 0 AND s.fare_amount >= 0 ORDER BY s.id LIMIT 1`,
    );
    expect(updated, "an updated trip that passes the rules").toBeDefined();
    expect(updated!.fare).not.toBe(updated!.original);
    expect(await fares("expected_silver", Number(updated!.id))).toEqual([updated!.fare]);
    expect(await fares(silver, Number(updated!.id))).toEqual([updated!.fare]);
    // A deleted trip (voided: id % 41 = 0, not corrected) that passed the rules when loaded: absent now.
    const [deleted] = await duck.rows<{ id: string }>(
      `SELECT event_seq AS id FROM events
        WHERE event_seq % 41 = 0 AND event_seq % 29 <> 0 AND VendorID IS NOT NULL AND trip_distance >= 0 AND fare_amount >= 0
          AND event_seq NOT IN (SELECT id FROM source_trips) ORDER BY event_seq LIMIT 1`,
    );
    expect(deleted, "a deleted trip that passed the rules before").toBeDefined();
    expect(await fares("expected_silver", Number(deleted!.id))).toEqual([]);
    expect(await fares(silver, Number(deleted!.id))).toEqual([]);
  });

  test("a connector that cannot start (wrong password, missing publication) fails capture with its cause, in bounded time", async ({ stack }) => {
    const attempt = async (spec: ReturnType<typeof stack.connector>) => {
      await stack.connect.registerPostgresConnector(spec, 30_000);
      await stack.connect.awaitRunning(spec.name, 90_000);
    };
    const t0 = performance.now();
    const good = stack.connector("p12-bad-password", MAIN_NAMES.source, publicationFor(MAIN_NAMES.source));
    const e1 = await attempt({ ...good, source: { ...good.source, password: `${good.source.password}-wrong` } }).then(() => null, (err: unknown) => err);
    expect(e1).toBeInstanceOf(StageError);
    expect((e1 as StageError).stage).toBe(CAPTURE_STAGE);
    expect((e1 as StageError).container).toBe("debezium-connect");
    // the first line says why (Connect 4.3 answers this validation failure with a bare 500; the reason comes from the worker's log)
    expect((e1 as Error).message.split("\n")[0]).toMatch(/password authentication failed/i);
    expect((e1 as StageError).logTail).toBeTruthy();

    const noPublication = stack.connector("p12-no-publication", MAIN_NAMES.source, "no_such_publication");
    const e2 = await attempt(noPublication).then(() => null, (err: unknown) => err);
    expect(e2).toBeInstanceOf(StageError);
    expect((e2 as StageError).stage).toBe(CAPTURE_STAGE);
    // Connect may reject it at validation or the task may fail at start: either way it names the publication.
    expect((e2 as Error).message.split("\n")[0]).toMatch(/publication/i);
    expect((e2 as Error).message).toContain("--- last lines of debezium-connect ---");
    expect(performance.now() - t0).toBeLessThan(120_000);
  });
});
