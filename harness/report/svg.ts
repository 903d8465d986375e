// Inline SVG charts for index.html: stage bars for one run, lines across runs from history.
import type { LatencySummary, QueryTiming, StageTiming } from "../model.js";
import { type Markup, html } from "./safe-html.js";

const LABEL_W = 90;
const BAR_H = 18;

export function stageBars(stages: StageTiming[], width = 520): Markup {
  const max = Math.max(...stages.map((s) => s.seconds), 0.001);
  const barSpace = width - LABEL_W - 70;
  const height = stages.length * (BAR_H + 6) + 4;
  const bars = stages.map((s, i) => {
    const y = 2 + i * (BAR_H + 6);
    const w = Math.max(1, (s.seconds / max) * barSpace);
    const cls = !s.ok ? "bar fail" : s.name === "e2e" ? "bar total" : "bar";
    const tip = `${s.name}: ${s.seconds.toFixed(2)} s${s.error ? ` — ${s.error}` : ""}`;
    return html`<g><title>${tip}</title>
      <text x="${LABEL_W - 6}" y="${y + 13}" text-anchor="end">${s.name}</text>
      <rect class="${cls}" x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" rx="2"></rect>
      <text x="${LABEL_W + w + 4}" y="${y + 13}">${s.seconds.toFixed(2)} s${s.ok ? "" : " ✗"}</text></g>`;
  });
  return html`<svg class="chart" role="img" aria-label="stage timings" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg>`;
}

export interface Point {
  label: string;
  value: number;
  /** Drawn red: e.g. silver rows that differ from the oracle. */
  bad?: boolean;
}

export interface Series {
  name: string;
  points: (Point | null)[];
}

const PALETTE = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563"];
export const seriesColor = (k: number): string => PALETTE[k % PALETTE.length]!;

/** One line per series (colored by seriesColor of its index) over a shared x axis of runs (labelled by `runs`); a null point is a run without that series. */
export function lineChart(title: string, series: Series[], runs: string[], width = 300, height = 170): Markup {
  const pad = { l: 52, r: 12, t: 22, b: 18 };
  const n = Math.max(runs.length, 1);
  const values = series.flatMap((s) => s.points.filter((p): p is Point => p !== null).map((p) => p.value));
  // Scaled to the data, not to zero: a change of five rows in ten thousand must be visible.
  const [lo, hi] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
  const span = hi - lo || Math.max(1, Math.abs(hi) * 0.01);
  const [yMin, yMax] = [lo - span * 0.1, hi + span * 0.1];
  const x = (i: number) => pad.l + (n === 1 ? (width - pad.l - pad.r) / 2 : (i / (n - 1)) * (width - pad.l - pad.r));
  const y = (v: number) => pad.t + (1 - (v - yMin) / (yMax - yMin)) * (height - pad.t - pad.b);
  const lines = series.map((s, k) => {
    const color = seriesColor(k);
    const pts = s.points.flatMap((p, i) => (p ? [{ ...p, i }] : []));
    const path = pts.map((p, j) => `${j ? "L" : "M"}${x(p.i).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
    return html`<path d="${path}" fill="none" stroke="${color}" stroke-width="1.5"></path>${pts.map(
      (p) => html`<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${p.bad ? 4 : 3}" fill="${p.bad ? "#dc2626" : color}"><title>${s.name} · ${p.label}: ${fmt(p.value)}</title></circle>`,
    )}`;
  });
  const bottom = height - pad.b;
  return html`<svg class="chart" role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
    <text x="${pad.l}" y="12" class="title">${title}</text>
    <line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${bottom}" class="axis"></line>
    <line x1="${pad.l}" y1="${bottom}" x2="${width - pad.r}" y2="${bottom}" class="axis"></line>
    ${values.length
      ? html`<text x="${pad.l - 4}" y="${y(hi) + 4}" text-anchor="end">${fmt(hi)}</text>${hi === lo ? "" : html`<text x="${pad.l - 4}" y="${y(lo) + 4}" text-anchor="end">${fmt(lo)}</text>`}${lines}`
      : html`<text x="${(pad.l + width) / 2}" y="${height / 2}" text-anchor="middle" class="muted">no data</text>`}
    <text x="${pad.l}" y="${height - 4}">${runs[0]}</text>
    ${n > 1 ? html`<text x="${width - pad.r}" y="${height - 4}" text-anchor="end">${runs.at(-1)}</text>` : ""}</svg>`;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/**
 * The standard queries of one run: per query, a bar per engine at its p50 with a whisker to its p99
 * (a tick at p95), on a log scale (DuckDB answers in a millisecond, a serving engine in tens).
 */
export function queryChart(timings: QueryTiming[], width = 560): Markup {
  const engines = [...new Set(timings.map((t) => t.engine))];
  const queries = [...new Set(timings.map((t) => t.query))];
  const ms = timings.flatMap((t) => [t.p50, t.p99].map((s) => Math.max(s * 1000, 0.01)));
  const [lo, hi] = [Math.log10(Math.min(...ms)) - 0.2, Math.log10(Math.max(...ms)) + 0.2];
  const barSpace = width - LABEL_W - 90;
  const x = (seconds: number) => LABEL_W + ((Math.log10(Math.max(seconds * 1000, 0.01)) - lo) / (hi - lo || 1)) * barSpace;
  const rowH = 14;
  const groupH = engines.length * rowH + 10;
  const height = queries.length * groupH + 22;
  const groups = queries.map((q, qi) => {
    const y0 = 4 + qi * groupH;
    const rows = engines.map((engine, ei) => {
      const t = timings.find((u) => u.query === q && u.engine === engine);
      if (!t) return "";
      const y = y0 + ei * rowH;
      const color = t.difference ? "#dc2626" : seriesColor(ei);
      const tip = `${q} ${t.title} on ${engine}: p50 ${(t.p50 * 1000).toFixed(2)} ms, p95 ${(t.p95 * 1000).toFixed(2)} ms, p99 ${(t.p99 * 1000).toFixed(2)} ms${t.difference ? ` — differs: ${t.difference}` : ""}`;
      return html`<g><title>${tip}</title><rect x="${LABEL_W}" y="${y}" width="${Math.max(1, x(t.p50) - LABEL_W).toFixed(1)}" height="${rowH - 3}" fill="${color}" rx="1"></rect>
        <line x1="${x(t.p50).toFixed(1)}" y1="${y + 5}" x2="${x(t.p99).toFixed(1)}" y2="${y + 5}" stroke="#374151"></line>
        <line x1="${x(t.p95).toFixed(1)}" y1="${y + 1}" x2="${x(t.p95).toFixed(1)}" y2="${y + 9}" stroke="#374151"></line>
        <text x="${x(t.p99) + 4}" y="${y + 10}">${(t.p50 * 1000).toFixed(1)} ms</text></g>`;
    });
    return html`<text x="${LABEL_W - 6}" y="${y0 + groupH / 2}" text-anchor="end">${q}</text>${rows}`;
  });
  const legend = engines.map((e, i) => html`<tspan fill="${seriesColor(i)}">■ ${e}</tspan> `);
  return html`<svg class="chart" role="img" aria-label="standard queries p50 and p99 per engine" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${groups}
    <text x="${LABEL_W}" y="${height - 4}">${legend}<tspan class="muted"> bar p50, tick p95, whisker p99 (log scale)</tspan></text></svg>`;
}

/**
 * Streaming latency over a run: per slice of produce time, the median (line) and the max (thin
 * line) of the events' latency; the p99 dashed; `markAt` (a failure, seconds) as a red rule.
 */
export function latencyChart(latency: LatencySummary, markAt?: number, width = 520, height = 180): Markup {
  const pad = { l: 44, r: 12, t: 12, b: 30 };
  const points = latency.timeline;
  const tMax = Math.max(...points.map((p) => p[0]), markAt ?? 0, 1);
  const yMax = Math.max(...points.map((p) => p[2]), latency.p99, 0.1) * 1.1;
  const x = (t: number) => pad.l + (t / tMax) * (width - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - v / yMax) * (height - pad.t - pad.b);
  const path = (i: 1 | 2) => points.map((p, k) => `${k ? "L" : "M"}${x(p[0]).toFixed(1)},${y(p[i]).toFixed(1)}`).join(" ");
  const mark = markAt === undefined ? "" : html`<line x1="${x(markAt).toFixed(1)}" y1="${pad.t}" x2="${x(markAt).toFixed(1)}" y2="${height - pad.b}" stroke="#dc2626"><title>failure at ${markAt.toFixed(1)} s</title></line>`;
  return html`<svg class="chart" role="img" aria-label="event-to-silver latency over the run" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
    <line x1="${pad.l}" y1="${height - pad.b}" x2="${width - pad.r}" y2="${height - pad.b}" stroke="#9ca3af"></line>
    <line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${height - pad.b}" stroke="#9ca3af"></line>
    <text x="${pad.l - 4}" y="${pad.t + 8}" text-anchor="end">${yMax.toFixed(1)} s</text><text x="${pad.l - 4}" y="${height - pad.b}" text-anchor="end">0</text>
    <line x1="${pad.l}" y1="${y(latency.p99).toFixed(1)}" x2="${width - pad.r}" y2="${y(latency.p99).toFixed(1)}" stroke="#6b7280" stroke-dasharray="4 3"><title>p99 ${latency.p99.toFixed(2)} s</title></line>
    <path d="${path(2)}" fill="none" stroke="${seriesColor(1)}" stroke-width="1"></path>
    <path d="${path(1)}" fill="none" stroke="${seriesColor(0)}" stroke-width="2"></path>${mark}
    <text x="${pad.l}" y="${height - 8}"><tspan fill="${seriesColor(0)}">— median</tspan> <tspan fill="${seriesColor(1)}">— max</tspan><tspan class="muted"> of events acknowledged in each slice; dashed p99; x: seconds since the first event (${tMax.toFixed(0)} s)</tspan></text></svg>`;
}
