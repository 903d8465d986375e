// Opens the rendered index.html in Debian's Chromium: no console error, no failed or external request,
// the matrix visible and its filter working under the page's CSP; leaves screenshots in a temp dir.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sampleHtml } from "../unit/report/runs.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("index.html in Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "report-html-"));
  const file = join(dir, "index.html");

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (scripts/setup.sh does)`);
    writeFileSync(file, sampleHtml());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test("renders without errors or requests beyond the file, matrix visible and filterable", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on("request", (r) => r.url() !== pathToFileURL(file).href && problems.push(`unexpected request: ${r.url()}`));

    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const matrix = page.locator("#matrix");
    await expect.poll(() => matrix.isVisible()).toBe(true);
    expect(await matrix.locator("tbody tr").count()).toBe(24);
    await page.screenshot({ path: join(dir, "index.png"), fullPage: true });
    await matrix.screenshot({ path: join(dir, "matrix.png") });

    await page.locator('input[data-filter="SKIPPED"]').uncheck();
    expect(await matrix.locator("tbody tr:visible").count()).toBe(3);

    expect(problems).toEqual([]);
    console.log(`screenshots in ${dir}`);
  }, 60_000);
});
