-- Silver: the stack's silver-core rows (view `silver_rows`) as a Delta table partitioned by
-- pickup_date, replaced by each run: one new version whose log removes every file of the last.
CREATE OR REPLACE TABLE ${silver.table}
USING delta
PARTITIONED BY (pickup_date)
AS SELECT * FROM silver_rows;
