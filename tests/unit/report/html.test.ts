import { describe, expect, test } from "vitest";
import { renderHtml } from "../../../harness/report/html.js";
import { buildMatrix } from "../../../harness/report/matrix.js";
import { html } from "../../../harness/report/safe-html.js";
import { CATALOG } from "../../../harness/catalog.js";
import { entry, passingRun, sampleHtml } from "./runs.js";

describe("html``", () => {
  test("escapes interpolated text but not nested markup", () => {
    const name = `<b onclick="x">'&`;
    expect(html`<td>${name}</td>${html`<i>${1}</i>`}${[html`<br>`, "<"]}${null}${false}`.text).toBe(
      "<td>&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;</td><i>1</i><br>&lt;",
    );
  });
});

describe("index.html", () => {
  const page = sampleHtml();

  test("is self-contained: no external URL, a CSP that forbids fetching", () => {
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).toContain("default-src 'none'");
  });

  test("has the matrix with every catalog pipeline", () => {
    expect(page).toContain('<table id="matrix">');
    for (const c of CATALOG) expect(page).toContain(`<td>${c.name}</td>`.replace(/&/g, "&amp;"));
  });

  test("escapes run text, including silver rows from a mismatch", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("shows stage bars, silver diff tables and dbt nodes failures first", () => {
    expect(page).toContain('aria-label="stage timings"');
    expect(page).toContain("Missing: the oracle expects them");
    expect(page).toContain("<td>t-9</td>");
    const p02 = page.slice(page.indexOf('id="run-p02"'), page.indexOf('id="run-p12"'));
    const order = ["test_1_fail", "test_2_error", "test_3_warn", "test_0_pass"].map((n) => p02.indexOf(`>${n}<`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("shows the standard queries per engine (chart and table, a differing answer marked), quality checks and operator counts", () => {
    const p01 = page.slice(page.indexOf('id="run-p01"'), page.indexOf('id="run-p02"'));
    expect(p01).toContain('aria-label="standard queries p50 and p99 per engine"');
    expect(p01).toMatch(/<td>Q2 title of Q2<\/td><td>druid<\/td><td class="num">31.00<\/td>/);
    expect(p01).toContain('<td class="bad" title="reference: events of druid">row 3 trips: 40 where the reference has 41</td>');
    expect(p01).toContain('<td class="o-fail">fail</td>');
    expect(p01).toContain("<code>Source: raw_trips</code>");
    expect(page).toContain("<td>soda 1/2: avg fare between 5 and 30 fail</td>");
  });

  test("draws a trend per pipeline from history", () => {
    expect(page).toContain('aria-label="e2e seconds"');
    expect(page).toContain('aria-label="silver rows"');
    expect(page.match(/<div class="trend">/g)).toHaveLength(4);
  });

  test("a page without runs or history still renders", () => {
    const empty = renderHtml({ matrix: buildMatrix([], CATALOG, new Set(), "now"), entries: [], history: [] });
    expect(empty).toContain("No pipeline ran.");
    expect(empty).toContain("No history yet.");
    expect(renderHtml({ matrix: buildMatrix([entry(passingRun({ stages: [] }))], CATALOG, new Set(), "now"), entries: [entry(passingRun({ stages: [] }))], history: [] })).toContain(
      "No stage recorded.",
    );
  });
});
