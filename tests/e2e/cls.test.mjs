// No layout shift in the host page (Core Web Vitals' CLS, Chromium's Layout
// Instability API; bench/cls.mjs measures): the article, the embed page and
// the article with its data answering after 2 s (the reader at the top, and
// the reader already at the first chart), at 360 and 1280 px, stay within
// CLS 0.01; every card of the built pages takes the height its fallback
// image held; an embedding page's iframe takes its height once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, chartsReady, URL_BASE } from './helpers.mjs';
import { measureCls, clsPages, CLS_WIDTHS, CLS_BUDGET } from '../../bench/cls.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test(`CLS ≤ ${CLS_BUDGET} on the article, the embed page and a slow data file (reader at the top or at the chart), at ${CLS_WIDTHS.join(' and ')} px`, async () => {
  const figures = [];
  for (const p of clsPages(URL_BASE)) {
    for (const w of CLS_WIDTHS) {
      const { cls, shifts } = await measureCls(browser, p.url, w, p.setup, p);
      figures.push(`${p.name} ${w}px: ${cls.toFixed(4)}`);
      assert.ok(cls <= CLS_BUDGET, `${p.name} at ${w} px shifts by ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
    }
  }
  console.log(`# CLS: ${figures.join('; ')}`);
});

// The cause the budget guards, chart by chart: while the engine or the data
// is on its way the fallback image stands in the card's place, in a box of
// the card's height at this width (fallback/reserve.css, computed by the
// build with the element's own layout). The native text metrics may wrap a
// chart's label differently from the browser's font: less than a line.
test('every card of the built pages takes the height its fallback held, at 360 and 1280 px', async () => {
  const TOLERANCE = 12;
  const heights = () => [...document.querySelectorAll('lvdong-chart')].map((c) => [
    c.id || c.getAttribute('chart'), c.getBoundingClientRect().height, c.hasAttribute('data-ready'),
  ]);
  for (const path of ['/', '/other-sources.html', '/gallery.html']) {
    for (const width of CLS_WIDTHS) {
      // The fallback's box, with the engine held back until it is measured.
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      let release;
      const held = new Promise((r) => { release = r; });
      await context.route(/\.wasm$/, async (r) => { await held; await r.continue(); });
      const page = await context.newPage();
      await page.goto(`${URL_BASE}${path}`, { waitUntil: 'domcontentloaded' });
      // A story's chart takes its column once story mode has loaded (it does
      // not wait for the engine); its width, not the reservation, moves then.
      await page.evaluate(async () => {
        if (document.querySelector('lvdong-story')) await customElements.whenDefined('lvdong-story');
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      });
      const before = await page.evaluate(heights);
      release();
      await chartsReady(page);
      const after = await page.evaluate(heights);
      await context.close();
      assert.ok(before.length > 0 && before.every(([, , ready]) => !ready), `${path}: measured before the charts drew`);
      const off = before
        .map(([id, h], i) => ({ id, fallback: Math.round(h), card: Math.round(after[i][1]) }))
        .filter((c) => Math.abs(c.fallback - c.card) > TOLERANCE);
      assert.deepEqual(off, [], `${path} at ${width} px: cards whose height differs from their fallback's box by more than ${TOLERANCE} px`);
    }
  }
});

test('an iframe embed gets its height once: the host page does not jump after the first message', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const url = await fixture(context, 'iframe-host.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script src="/frame-height.js"></script></head><body>
<p>Before.</p><iframe id="f" title="chart" src="/embed.html?chart=energy-mix&amp;lang=en" style="width:100%;border:0"></iframe><p>After.</p>
</body></html>`);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__heights = [];
    addEventListener('DOMContentLoaded', () => {
      const f = document.getElementById('f');
      new MutationObserver(() => window.__heights.push(f.style.height)).observe(f, { attributes: true, attributeFilter: ['style'] });
    });
  });
  await page.goto(url);
  const frame = page.frameLocator('#f');
  await frame.locator('lvdong-chart[data-ready]').waitFor();
  await page.waitForTimeout(800);
  const heights = await page.evaluate(() => window.__heights.filter((h, i, a) => h && h !== a[i - 1]));
  assert.equal(heights.length, 1, `one height for the frame, not a series of jumps (${heights.join(' → ')})`);
  await context.close();
});
