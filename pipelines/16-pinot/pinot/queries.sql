-- The standard queries (harness/stages/standard-queries.ts) in Pinot SQL (single-stage engine) over
-- the REALTIME table. Pinot's default LIMIT is 10 even for GROUP BY: every query names its own.
-- The pickup is pickup_ts (epoch ms, UTC); DAYOFWEEK is ISO, 1 Monday … 7 Sunday. Null handling
-- is on, so trips of unknown payment type group as null, as in SQL.

-- Q1 daily revenue
SELECT ToDateTime(pickup_ts, 'yyyy-MM-dd') AS trip_date, COUNT(*) AS trips, SUM(total_amount) AS revenue
FROM ${table} GROUP BY trip_date ORDER BY trip_date LIMIT 1000

-- Q2 top-10 pickup zones
SELECT PULocationID, COUNT(*) AS trips, SUM(total_amount) AS revenue
FROM ${table} GROUP BY PULocationID ORDER BY trips DESC, PULocationID LIMIT 10

-- Q3 hour × weekday heatmap
SELECT DAYOFWEEK(pickup_ts) AS pickup_weekday, HOUR(pickup_ts) AS pickup_hour, COUNT(*) AS trips
FROM ${table} GROUP BY pickup_weekday, pickup_hour ORDER BY pickup_weekday, pickup_hour LIMIT 1000

-- Q4 payment breakdown
SET enableNullHandling = true;
SELECT payment_type, COUNT(*) AS trips, SUM(total_amount) AS revenue, SUM(tip_amount) AS tips
FROM ${table} GROUP BY payment_type ORDER BY payment_type NULLS FIRST LIMIT 1000
