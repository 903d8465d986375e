// Streaming freshness: each event whose row silver keeps (the latest event of its trip_id), from its
// produce acknowledgement to the first silver snapshot, committed at or after it, that added a row
// with its trip_id. Computed in the oracle's DuckDB from the producer's acknowledgements and the
// snapshots' added rows (the table's own commit log).
import type { Duck } from "../db/duck.js";
import type { LatencySummary } from "../model.js";
import type { Oracle } from "../oracle/oracle.js";

/** Slices of produce time the latency chart shows. */
const SLICES = 60;

export async function eventLatency(duck: Duck, oracle: Oracle, acks: string, commits: string, rate: number): Promise<LatencySummary> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE event_latency AS
    WITH kept AS (
      SELECT trip_id, max(event_seq) AS event_seq FROM ${oracle.eventTripIds()}
      WHERE trip_id IN (SELECT trip_id FROM expected_silver) GROUP BY trip_id)
    SELECT k.event_seq, a.acked_ms,
      (SELECT min(c.committed_ms) FROM ${commits} c WHERE c.value = k.trip_id AND c.committed_ms >= a.acked_ms) AS visible_ms
    FROM kept k JOIN ${acks} a USING (event_seq)`);
  const [row] = await duck.rows<Record<string, number | null>>(`SELECT
      count(*) AS measured, count(*) FILTER (WHERE visible_ms IS NULL) AS unmatched,
      quantile_cont((visible_ms - acked_ms) / 1000.0, 0.5) AS p50,
      quantile_cont((visible_ms - acked_ms) / 1000.0, 0.95) AS p95,
      quantile_cont((visible_ms - acked_ms) / 1000.0, 0.99) AS p99,
      max((visible_ms - acked_ms) / 1000.0) AS max,
      (max(visible_ms) - (SELECT max(acked_ms) FROM ${acks})) / 1000.0 AS processing
    FROM event_latency`);
  const slices = await duck.rows<{ t: number; p50: number; max: number }>(`WITH span AS (SELECT min(acked_ms) AS t0, greatest(max(acked_ms) - min(acked_ms), 1) AS width FROM event_latency)
    SELECT round(min(acked_ms - t0) / 1000.0, 2) AS t, quantile_cont((visible_ms - acked_ms) / 1000.0, 0.5) AS p50, max((visible_ms - acked_ms) / 1000.0) AS max
    FROM event_latency, span WHERE visible_ms IS NOT NULL
    GROUP BY least(floor((acked_ms - t0) * ${SLICES} / width), ${SLICES - 1}) ORDER BY 1`);
  const n = (v: number | null | undefined) => Number(v ?? NaN);
  return {
    rate,
    measured: n(row!.measured),
    unmatched: n(row!.unmatched),
    p50: n(row!.p50),
    p95: n(row!.p95),
    p99: n(row!.p99),
    max: n(row!.max),
    processing: n(row!.processing),
    timeline: slices.map((r) => [Number(r.t), Number(r.p50), Number(r.max)] as [number, number, number]),
  };
}

/** Seconds from `atMs` to the first snapshot after it that added rows (silver advancing again), or null. */
export async function recoverySeconds(duck: Duck, commits: string, atMs: number): Promise<number | null> {
  const [row] = await duck.rows<{ s: number | null }>(`SELECT (min(committed_ms) - ${atMs}) / 1000.0 AS s FROM ${commits} WHERE committed_ms > ${atMs}`);
  return row?.s === null || row?.s === undefined ? null : Number(row.s);
}
