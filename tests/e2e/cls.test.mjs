// No layout shift in the host page (Core Web Vitals' CLS, Chromium's Layout
// Instability API; bench/cls.mjs measures): the article, the embed page and
// the article with its data answering after 2 s, at 360 and 1280 px, stay
// within CLS 0.01; an embedding page's iframe takes its height once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, URL_BASE } from './helpers.mjs';
import { measureCls, clsPages, CLS_WIDTHS, CLS_BUDGET } from '../../bench/cls.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test(`CLS ≤ ${CLS_BUDGET} on the article, the embed page and a slow data file, at ${CLS_WIDTHS.join(' and ')} px`, async () => {
  const figures = [];
  for (const p of clsPages(URL_BASE)) {
    for (const w of CLS_WIDTHS) {
      const { cls, shifts } = await measureCls(browser, p.url, w, p.setup);
      figures.push(`${p.name} ${w}px: ${cls.toFixed(4)}`);
      assert.ok(cls <= CLS_BUDGET, `${p.name} at ${w} px shifts by ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
    }
  }
  console.log(`# CLS: ${figures.join('; ')}`);
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
