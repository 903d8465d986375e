-- The silver projection shared by every rule-set: TLC names to snake_case, money to DECIMAL(10,2),
-- and the harness-wide trip_id (md5 over the natural key as canonical text; concat_ws skips nulls).
--
-- Money rounds half away from zero on the decimal value of the number as written (12.345 -> 12.35,
-- 1.005 -> 1.01): a double's shortest text is that number, while a double cast straight to a decimal
-- rounds its binary value (1.005 -> 1.00). Flink's CAST(DOUBLE AS DECIMAL) does the same as this
-- (BigDecimal.valueOf, HALF_UP); dbt's staging uses its money() macro.
CREATE OR REPLACE MACRO money(x) AS CAST(CAST(x AS VARCHAR) AS DECIMAL(10,2));

CREATE OR REPLACE MACRO to_silver(source) AS TABLE
SELECT
    md5(concat_ws('|',
        CAST(VendorID AS VARCHAR),
        strftime(tpep_pickup_datetime, '%Y-%m-%d %H:%M:%S'),
        strftime(tpep_dropoff_datetime, '%Y-%m-%d %H:%M:%S'),
        CAST(PULocationID AS VARCHAR),
        CAST(DOLocationID AS VARCHAR),
        CAST(money(fare_amount) AS VARCHAR),
        CAST(money(total_amount) AS VARCHAR)))      AS trip_id,
    CAST(VendorID AS INTEGER)                                       AS vendor_id,
    CAST(RatecodeID AS INTEGER)                                     AS rate_code_id,
    CAST(PULocationID AS INTEGER)                                   AS pickup_location_id,
    CAST(DOLocationID AS INTEGER)                                   AS dropoff_location_id,
    CAST(payment_type AS INTEGER)                                   AS payment_type_id,
    CAST(passenger_count AS INTEGER)                                AS passenger_count,
    tpep_pickup_datetime                                            AS pickup_datetime,
    tpep_dropoff_datetime                                           AS dropoff_datetime,
    trip_distance                                                   AS trip_distance_miles,
    store_and_fwd_flag,
    money(fare_amount)                              AS fare_amount,
    money(extra)                                    AS extra_amount,
    money(mta_tax)                                  AS mta_tax,
    money(tip_amount)                               AS tip_amount,
    money(tolls_amount)                             AS tolls_amount,
    money(improvement_surcharge)                    AS improvement_surcharge,
    money(total_amount)                             AS total_amount,
    money(congestion_surcharge)                     AS congestion_surcharge,
    money(Airport_fee)                              AS airport_fee,
    CAST(tpep_pickup_datetime AS DATE)                              AS pickup_date
FROM query_table(source);
