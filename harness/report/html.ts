// index.html: one self-contained page (inline CSS, JS and SVG; its CSP forbids any fetch).
import type { DbtSummary, FailureRecovery, LatencySummary, OperatorCount, PipelineRun, QualityCheck, QueryTiming, SilverComparison, SilverRow } from "../model.js";
import { OUTCOME_ORDER, type ReportEntry, peakMemMb } from "./entry.js";
import type { HistoryEntry } from "./history.js";
import { type Matrix, type MatrixRow, STATUSES, ratio } from "./matrix.js";
import { Markup, html } from "./safe-html.js";
import { type Series, latencyChart, lineChart, queryChart, seriesColor, stageBars } from "./svg.js";

export interface HtmlInput {
  matrix: Matrix;
  entries: ReportEntry[];
  history: HistoryEntry[];
}

export function renderHtml({ matrix, entries, history }: HtmlInput): string {
  const seen = new Set<string>();
  const runs = entries.flatMap((e, i) => {
    if (!e.run) return [];
    const anchor = seen.has(e.pipelineId) ? `run-${e.pipelineId}-${i}` : `run-${e.pipelineId}`;
    seen.add(e.pipelineId);
    return [runSection(e, e.run, anchor)];
  });
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Pipeline harness report</title>
<style>${STYLE}</style></head>
<body>
<h1>Pipeline harness report</h1>
<p class="meta">Generated ${matrix.generatedAt}. ${STATUSES.map((s) => html`<span class="badge ${s}">${s} ${matrix.rows.filter((r) => r.status === s).length}</span> `)}</p>
${matrixSection(matrix, seen)}
<section id="runs"><h2>Runs</h2>${runs.length ? runs : html`<p>No pipeline ran.</p>`}</section>
${trendSection(history)}
<script>${SCRIPT}</script>
</body></html>
`.text;
}

function matrixSection(m: Matrix, withRun: ReadonlySet<string>): Markup {
  const row = (r: MatrixRow) => html`<tr data-status="${r.status}"${r.ran ? "" : html` class="idle"`}>
<td>${withRun.has(r.id) ? html`<a href="#run-${r.id}">${r.id}</a>` : r.id}</td><td>${r.name}</td><td>${r.ingestion}</td><td>${r.processor}</td>
<td>${r.storage}</td><td><span class="badge ${r.status}">${r.status}</span></td><td class="nowrap">${r.fixture}</td><td class="num">${r.events}</td>
<td class="num">${ratio(r.silverRows, r.expectedSilverRows)}</td><td class="num">${r.stages.e2e?.toFixed(2)}</td>
<td class="num">${ratio(r.dbtPass, r.dbtTotal)}</td><td>${r.checks ?? ""}</td><td class="reason">${r.reason}</td></tr>`;
  return html`<section><h2>Matrix</h2>
<p class="filters">Show: ${STATUSES.map((s) => html`<label><input type="checkbox" data-filter="${s}" checked> ${s}</label> `)}</p>
<table id="matrix"><thead><tr><th>id</th><th>pipeline</th><th>ingestion</th><th>processor</th><th>storage</th><th>status</th>
<th>fixture</th><th class="num">events</th><th class="num">silver actual/expected</th><th class="num">e2e s</th><th class="num">dbt pass/total</th><th>checks</th><th>reason</th></tr></thead>
<tbody>${m.rows.map(row)}</tbody></table></section>`;
}

function runSection(e: ReportEntry, run: PipelineRun, anchor: string): Markup {
  const open = e.status === "FAIL" || e.status === "PARTIAL";
  const peak = peakMemMb(run);
  return html`<details class="run" id="${anchor}"${open ? html` open` : ""}>
<summary><span class="badge ${e.status}">${e.status}</span> <b>${run.pipelineId}</b> ${run.pipelineName}
<span class="meta">— ${run.fixture.label}, ${run.events} events, ${run.runAt}, ${run.gitSha.slice(0, 10)}</span></summary>
<p class="reason">${e.reason}</p>
${run.notes.length ? html`<ul class="notes">${run.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ""}
<div class="cols">
<div><h3>Stage timings</h3>${run.stages.length ? stageBars(run.stages) : html`<p>No stage recorded.</p>`}</div>
<div><h3>Silver vs oracle</h3>${run.silver ? silverTable(run.silver) : html`<p>Silver was not compared.</p>`}</div>
</div>
${run.silver && !run.silver.equal ? silverDiff(run.silver) : ""}
<h3>dbt</h3>${run.dbt ? dbtSection(run.dbt) : html`<p>No dbt stage.</p>`}
${run.latency ? latencySection(run.latency) : ""}
${run.failures?.length ? failureSection(run.failures) : ""}
${run.queries?.length ? querySection(run.queries) : ""}
${run.checks?.length ? checkSection(run.checks) : ""}
${run.operators?.length ? operatorSection(run.operators) : ""}
<h3>Tests</h3>
<table><thead><tr><th>test</th><th>result</th><th class="num">s</th><th>error</th></tr></thead><tbody>${e.tests.map(
    (t) => html`<tr><td>${t.name}</td><td class="t-${t.state}">${t.state}</td><td class="num">${t.seconds.toFixed(2)}</td><td><pre>${t.errors.join("\n")}</pre></td></tr>`,
  )}</tbody></table>
<h3>Containers${peak === null ? "" : html` <span class="meta">(peak ${peak} MB)</span>`}</h3>
${run.containers.length ? html`<table><thead><tr><th>name</th><th>image</th><th>source</th><th class="num">ready s</th><th class="num">peak MB</th></tr></thead><tbody>${run.containers.map(
    (c) => html`<tr><td>${c.name}</td><td><code>${c.image}</code></td><td>${c.source}</td><td class="num">${c.readySeconds?.toFixed(1) ?? ""}</td><td class="num">${c.peakMemMb}</td></tr>`,
  )}</tbody></table>` : html`<p>None (in-process).</p>`}
</details>`;
}

function silverTable(s: SilverComparison): Markup {
  return html`<table class="kv"><tbody>
<tr><th>rule-set</th><td>${s.ruleSet}</td></tr>
<tr><th>rows expected / actual</th><td class="${s.expectedRows === s.actualRows ? "" : "bad"}">${s.expectedRows} / ${s.actualRows}</td></tr>
<tr><th>checksum expected</th><td><code>${s.expectedChecksum}</code></td></tr>
<tr><th>checksum actual</th><td><code>${s.actualChecksum}</code></td></tr>
<tr><th>equal</th><td class="${s.equal ? "good" : "bad"}">${s.equal ? "yes" : "no"}</td></tr></tbody></table>`;
}

function silverDiff(s: SilverComparison): Markup {
  return html`<h3>First differing rows</h3>
<h4>Missing: the oracle expects them, the pipeline did not produce them (${s.missing.length} shown)</h4>${rowsTable(s.missing)}
<h4>Unexpected: the pipeline produced them, the oracle does not expect them (${s.unexpected.length} shown)</h4>${rowsTable(s.unexpected)}`;
}

function rowsTable(rows: SilverRow[]): Markup {
  if (!rows.length) return html`<p>None.</p>`;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return html`<div class="scroll"><table class="rows"><thead><tr>${cols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${cols.map((c) => html`<td>${r[c] === null ? html`<i>null</i>` : String(r[c])}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

function dbtSection(d: DbtSummary): Markup {
  const counts = (label: string, c: DbtSummary["tests"]) =>
    html`<tr><th>${label}</th><td class="num">${c.total}</td>${OUTCOME_ORDER.map((o) => html`<td class="num ${c[o] && o !== "pass" ? `o-${o}` : ""}">${c[o]}</td>`)}</tr>`;
  const nodes = [...d.nodes].sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) || a.name.localeCompare(b.name));
  return html`<table class="kv"><thead><tr><th></th><th class="num">total</th>${OUTCOME_ORDER.map((o) => html`<th class="num">${o}</th>`)}</tr></thead>
<tbody>${counts("models", d.models)}${counts("seeds", d.seeds)}${counts("tests", d.tests)}</tbody></table>
<p class="meta">dbt build took ${d.elapsedSeconds.toFixed(2)} s.</p>
<details${nodes.some((n) => n.outcome === "fail" || n.outcome === "error") ? html` open` : ""}><summary>${nodes.length} nodes, failures first</summary>
<table class="dbt"><thead><tr><th>outcome</th><th>type</th><th>name</th><th class="num">s</th><th class="num">failures</th><th>message</th></tr></thead><tbody>${nodes.map(
    (n) => html`<tr><td class="o-${n.outcome}">${n.outcome}</td><td>${n.resourceType}</td><td title="${n.uniqueId}">${n.name}</td>
<td class="num">${n.seconds.toFixed(2)}</td><td class="num">${n.failures}</td><td>${n.message}</td></tr>`,
  )}</tbody></table></details>`;
}

function querySection(timings: QueryTiming[]): Markup {
  const ms = (s: number) => (s * 1000).toFixed(2);
  return html`<h3>Standard queries</h3>
<p class="meta">${timings[0]!.seconds.length} runs each, the first ${timings[0]!.discarded} discarded; each answer checked against the same query in DuckDB over the data the engine serves.</p>
<div class="cols"><div>${queryChart(timings)}</div>
<table><thead><tr><th>query</th><th>engine</th><th class="num">p50 ms</th><th class="num">p95 ms</th><th class="num">p99 ms</th><th class="num">rows</th><th>answer</th></tr></thead><tbody>${timings.map(
    (t) => html`<tr><td>${t.query} ${t.title}</td><td>${t.engine}</td><td class="num">${ms(t.p50)}</td><td class="num">${ms(t.p95)}</td><td class="num">${ms(t.p99)}</td><td class="num">${t.rows}</td>
<td class="${t.difference ? "bad" : "good"}" title="reference: ${t.reference}">${t.difference ?? "= reference"}</td></tr>`,
  )}</tbody></table></div>`;
}

const sec = (s: number | null | undefined) => (s === null || s === undefined || Number.isNaN(s) ? "–" : s.toFixed(2));

function latencySection(l: LatencySummary): Markup {
  return html`<h3>Event-to-silver latency (streaming, ${l.rate} events/s)</h3>
<p class="meta">Each event silver keeps (${l.measured}${l.unmatched ? `, ${l.unmatched} unmatched` : ""}): its produce acknowledgement → the first silver snapshot that added its row. Last event → silver final: ${sec(l.processing)} s.</p>
<div class="cols"><div>${latencyChart(l)}</div>
<table><thead><tr><th class="num">p50 s</th><th class="num">p95 s</th><th class="num">p99 s</th><th class="num">max s</th></tr></thead>
<tbody><tr><td class="num">${sec(l.p50)}</td><td class="num">${sec(l.p95)}</td><td class="num">${sec(l.p99)}</td><td class="num">${sec(l.max)}</td></tr></tbody></table></div>`;
}

function failureSection(failures: FailureRecovery[]): Markup {
  return html`<h3>Failures survived</h3>
<table><thead><tr><th>failure</th><th class="num">at s</th><th class="num">recovery s</th><th>silver vs oracle</th><th class="num">latency p99 s</th></tr></thead><tbody>${failures.map(
    (f) => html`<tr><td>${f.title}</td><td class="num">${sec(f.atSeconds)}</td><td class="num">${sec(f.recoverySeconds)}</td>
<td class="${f.silver?.equal ? "good" : "bad"}">${f.silver ? `${f.silver.actualRows}/${f.silver.expectedRows} rows, ${f.silver.equal ? "equal" : "differs"}` : "not compared"}</td><td class="num">${sec(f.latency?.p99)}</td></tr>`,
  )}</tbody></table>
<div class="cols">${failures.filter((f) => f.latency).map((f) => html`<div><p class="meta">${f.name}</p>${latencyChart(f.latency!, f.atSeconds)}</div>`)}</div>`;
}

function checkSection(checks: QualityCheck[]): Markup {
  return html`<h3>Quality checks</h3><table><thead><tr><th>tool</th><th>check</th><th>outcome</th><th class="num">measured</th></tr></thead><tbody>${checks.map(
    (c) => html`<tr><td>${c.tool}</td><td>${c.name}</td><td class="o-${c.outcome}">${c.outcome}</td><td class="num">${c.value ?? ""}</td></tr>`,
  )}</tbody></table>`;
}

function operatorSection(counts: OperatorCount[]): Markup {
  return html`<h3>Operators: records from metrics and from the harness</h3><table><thead><tr><th>job</th><th>operator</th><th>records</th><th class="num">metrics</th><th class="num">harness</th></tr></thead><tbody>${counts.map(
    (c) => html`<tr><td>${c.job}</td><td><code>${c.operator}</code></td><td>${c.direction}</td><td class="num">${c.metrics}</td><td class="num ${c.harness === null || c.harness === c.metrics ? "" : "bad"}">${c.harness ?? "–"}</td></tr>`,
  )}</tbody></table>`;
}

function trendSection(history: HistoryEntry[]): Markup {
  const ids = [...new Set(history.map((h) => h.pipelineId))].sort();
  const charts = ids.map((id) => {
    const mine = history.filter((h) => h.pipelineId === id).sort((a, b) => a.runAt.localeCompare(b.runAt));
    const keys = [...new Set(mine.map(seriesKey))];
    const series = (value: (h: HistoryEntry) => number | null | undefined, bad: (h: HistoryEntry) => boolean = () => false): Series[] =>
      keys.map((k) => ({
        name: k,
        points: mine.map((h) => {
          const v = value(h);
          if (seriesKey(h) !== k || v === null || v === undefined) return null;
          return { label: `${h.runAt} ${h.gitSha.slice(0, 10)} ${h.status}${h.expectedRows === null ? "" : `, oracle ${h.expectedRows}`}`, value: v, bad: bad(h) };
        }),
      }));
    const runs = mine.map((h) => h.runAt.slice(0, 16).replace("T", " "));
    const legend = keys.map((k, i) => html`<span style="color:${seriesColor(i)}">■ ${k}</span> `);
    return html`<div class="trend"><h3>${id} <small>${legend}</small></h3>${lineChart("e2e seconds", series((h) => h.stages.e2e), runs)}${lineChart("silver rows", series((h) => h.silverRows, (h) => h.silverRows !== h.expectedRows), runs)}</div>`;
  });
  return html`<section id="trends"><h2>Trends across runs</h2>
<p class="meta">From history.jsonl: one line per fixture and event count, whose numbers are not comparable with each other; a red dot is a run whose silver rows differ from the oracle.</p>
${charts.length ? html`<div class="trends">${charts}</div>` : html`<p>No history yet.</p>`}</section>`;
}

const seriesKey = (h: HistoryEntry): string => `${h.fixture} @ ${h.events}`;

const STYLE = new Markup(`
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1f2937;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #e5e7eb}h3{margin:1rem 0 .4rem;font-size:1rem}h4{font-size:.9rem;margin:.6rem 0 .3rem}
table{border-collapse:collapse;margin:.3rem 0}th,td{border:1px solid #e5e7eb;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f4f6}.num{text-align:right;font-variant-numeric:tabular-nums}
#matrix td.reason{min-width:18rem;max-width:38rem;font-size:.85rem}#matrix tr.hidden{display:none}#matrix tr.idle td{color:#9ca3af}.nowrap{white-space:nowrap}
.badge{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;font-weight:600;color:#fff}
.PASS{background:#16a34a}.PARTIAL{background:#d97706}.FAIL{background:#dc2626}.SKIPPED{background:#6b7280}
.meta{color:#6b7280}.good{color:#15803d;font-weight:600}.bad{color:#b91c1c;font-weight:600}
.o-fail,.o-error,.t-failed{color:#b91c1c;font-weight:600}.o-warn{color:#b45309;font-weight:600}.t-skipped{color:#6b7280}
details.run{border:1px solid #e5e7eb;border-radius:.4rem;padding:.5rem .8rem;margin:.6rem 0}details.run>summary{cursor:pointer;font-size:1.05rem}
.cols{display:flex;flex-wrap:wrap;gap:2rem}.scroll{overflow-x:auto;max-width:100%}table.rows td{font-family:ui-monospace,monospace;font-size:.8rem;white-space:nowrap}
pre{margin:0;white-space:pre-wrap;font-size:.8rem;max-width:48rem}code{font-size:.8rem}
svg.chart text{font-size:11px;fill:#374151}svg.chart .title{font-weight:600}svg.chart .axis{stroke:#9ca3af}svg.chart .muted{fill:#9ca3af}
.bar{fill:#60a5fa}.bar.total{fill:#1e40af}.bar.fail{fill:#dc2626}.trends{display:flex;flex-wrap:wrap;gap:.5rem 2.5rem}.trend h3{margin-bottom:.2rem}.trend small{font-weight:400;font-size:.8rem}
`);

// Status filter for the matrix; the page reads fine without it.
const SCRIPT = new Markup(`
for (const box of document.querySelectorAll("input[data-filter]")) {
  box.addEventListener("change", () => {
    const shown = new Set([...document.querySelectorAll("input[data-filter]:checked")].map((b) => b.dataset.filter));
    for (const tr of document.querySelectorAll("#matrix tbody tr")) tr.classList.toggle("hidden", !shown.has(tr.dataset.status));
  });
}
`);
