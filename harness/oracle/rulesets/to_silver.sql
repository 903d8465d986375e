-- The silver projection shared by every rule-set: TLC names to snake_case, money to DECIMAL(10,2),
-- and trip_id = md5(trip_key), the key the rule-set's kept rows carry: the natural key as canonical
-- text (natural_key; concat_ws skips nulls) for the event rule-sets, the source table's primary key
-- for silver-cdc (one row per source row, even when two rows hold the same trip).
--
-- Money rounds half away from zero on the decimal value of the number as written (12.345 -> 12.35,
-- 1.005 -> 1.01): a double's shortest text is that number, while a double cast straight to a decimal
-- rounds its binary value (1.005 -> 1.00). Flink's CAST(DOUBLE AS DECIMAL) does the same as this
-- (BigDecimal.valueOf, HALF_UP); dbt's staging uses its money() macro.
CREATE OR REPLACE MACRO money(x) AS CAST(CAST(x AS VARCHAR) AS DECIMAL(10,2));

CREATE OR REPLACE MACRO natural_key(vendor, pickup, dropoff, pu, do_, fare, total) AS concat_ws('|',
    CAST(vendor AS VARCHAR),
    strftime(pickup, '%Y-%m-%d %H:%M:%S'),
    strftime(dropoff, '%Y-%m-%d %H:%M:%S'),
    CAST(pu AS VARCHAR),
    CAST(do_ AS VARCHAR),
    CAST(money(fare) AS VARCHAR),
    CAST(money(total) AS VARCHAR));

/* The TLC rows with their natural key as trip_key: what the event rule-sets keep from. */
CREATE OR REPLACE MACRO keyed_events() AS TABLE
SELECT *, natural_key(VendorID, tpep_pickup_datetime, tpep_dropoff_datetime, PULocationID, DOLocationID, fare_amount, total_amount) AS trip_key
FROM events;

CREATE OR REPLACE MACRO to_silver(source) AS TABLE
SELECT
    md5(trip_key)                                   AS trip_id,
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
