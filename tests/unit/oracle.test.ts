import { describe, expect, test } from "vitest";
import { Oracle } from "../../harness/oracle/oracle.js";
import { eventsTable, withDuck, type Trip } from "./trips.js";

describe("oracle comparison", () => {
  const trips: Trip[] = [{}, { fare_amount: 20, total_amount: 28 }, { fare_amount: -1 }, { PULocationID: 4 }];

  test("equal rows in any order compare equal", async () => {
    await withDuck(async (duck) => {
      await eventsTable(duck, trips);
      const oracle = new Oracle(duck, "silver-core");
      const expected = await oracle.expect();
      const result = await oracle.compare(`(SELECT * FROM expected_silver ORDER BY trip_id DESC)`);
      expect(result).toMatchObject({ equal: true, expectedRows: 3, actualRows: 3, actualChecksum: expected.checksum, missing: [], unexpected: [] });
    });
  });

  test("a changed value is caught by content even when the count matches, and the rows are named", async () => {
    await withDuck(async (duck) => {
      await eventsTable(duck, trips);
      const oracle = new Oracle(duck, "silver-core");
      await oracle.expect();
      const result = await oracle.compare(`(SELECT * REPLACE (CASE WHEN pickup_location_id = 4 THEN 5.55 ELSE tip_amount END AS tip_amount) FROM expected_silver)`);
      expect(result.equal).toBe(false);
      expect(result.actualRows).toBe(result.expectedRows);
      expect(result.missing).toHaveLength(1);
      expect(result.missing[0]).toMatchObject({ pickup_location_id: "4", tip_amount: "3.00" });
      expect(result.unexpected[0]).toMatchObject({ pickup_location_id: "4", tip_amount: "5.55" });
    });
  });

  test("a duplicated row changes the checksum", async () => {
    await withDuck(async (duck) => {
      await eventsTable(duck, trips);
      const oracle = new Oracle(duck, "silver-core");
      await oracle.expect();
      const result = await oracle.compare(`(SELECT * FROM expected_silver UNION ALL (SELECT * FROM expected_silver LIMIT 1))`);
      expect(result).toMatchObject({ equal: false, actualRows: 4, missing: [] });
      expect(result.unexpected).toHaveLength(1);
    });
  });
});
