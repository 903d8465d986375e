-- The standard queries (harness/stages/standard-queries.ts) in Druid SQL over the rolled-up
-- datasource: a trip count is SUM("count"), not COUNT(*) (each row stands for the events of its
-- hour and dimensions); money columns are doubleSum metrics. Druid's DOW is ISO: 1 Monday … 7 Sunday.

-- Q1 daily revenue
SELECT TIME_FLOOR(__time, 'P1D') AS "day", SUM("count") AS trips, SUM(total_amount) AS revenue
FROM ${datasource} GROUP BY 1 ORDER BY 1

-- Q2 top-10 pickup zones
SELECT PULocationID, SUM("count") AS trips, SUM(total_amount) AS revenue
FROM ${datasource} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10

-- Q3 hour × weekday heatmap
SELECT TIME_EXTRACT(__time, 'DOW') AS weekday, TIME_EXTRACT(__time, 'HOUR') AS "hour", SUM("count") AS trips
FROM ${datasource} GROUP BY 1, 2 ORDER BY 1, 2

-- Q4 payment breakdown
SELECT payment_type, SUM("count") AS trips, SUM(total_amount) AS revenue, SUM(tip_amount) AS tips
FROM ${datasource} GROUP BY 1 ORDER BY 1
