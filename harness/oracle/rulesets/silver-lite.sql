-- silver-lite (pipelines.md §2): distance and fare only; no timestamp condition, no dedup.
CREATE OR REPLACE TEMP VIEW silver_lite_kept AS
SELECT * FROM keyed_events() WHERE trip_distance >= 0 AND fare_amount >= 0;

CREATE OR REPLACE TABLE expected_silver AS SELECT * FROM to_silver('silver_lite_kept');
