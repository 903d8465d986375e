-- Silver: the stack's silver-core rows (view `silver_rows`) as an Iceberg v2 table partitioned by
-- pickup_date, replaced atomically by each run (one new snapshot; readers see the old or the new).
CREATE NAMESPACE IF NOT EXISTS lake.${silver};

CREATE OR REPLACE TABLE ${silver.table}
USING iceberg
PARTITIONED BY (pickup_date)
TBLPROPERTIES (
  'format-version' = '2',
  'write.format.default' = 'parquet',
  'write.parquet.compression-codec' = 'zstd',
  'write.distribution-mode' = 'hash'
)
AS SELECT * FROM silver_rows;
