-- Silver: the stack's silver-core rows (view `silver_rows`) as a Delta table partitioned by
-- pickup_date, overwritten by each run: one new version whose log removes every file of the last.
-- (Delta 3.3 cannot CREATE OR REPLACE … AS SELECT on a path table, so the table is made once.)
CREATE TABLE IF NOT EXISTS ${silver.table} (
  ${silver.columns}
) USING delta
PARTITIONED BY (pickup_date);

INSERT OVERWRITE ${silver.table}
SELECT * FROM silver_rows;
