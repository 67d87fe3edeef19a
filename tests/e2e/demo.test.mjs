// The demo article end to end: loads clean, the energy-mix donut draws,
// slice shows its tooltip, and a DPR 2 screenshot is kept for a person to see.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, chartsReady, tooltipText, sweep, artifact, URL_BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
// A failed assertion must not leave its context (and its pages) open for the next test.
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

test('the demo article loads with no console errors and draws the energy-mix donut', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`);
  await chartsReady(page);
  const chart = page.locator('lvdong-chart[chart="energy-mix"][dataset="shandong"]');
  assert.equal(await chart.getAttribute('data-ready'), '');
  const title = await chart.evaluate((c) => c.shadowRoot.querySelector('.title').textContent);
  assert.equal(title, '发电装机结构');
  const source = await chart.evaluate((c) => c.shadowRoot.querySelector('.source').textContent);
  assert.match(source, /来源：烟台日报 YMG全媒体，2023-08-30/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hovering each slice of the donut shows its label and value', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`);
  await chartsReady(page);
  const chart = page.locator('lvdong-chart[chart="energy-mix"][dataset="shandong"]');
  await chart.scrollIntoViewIfNeeded();
  const seen = await sweep(page, chart);
  const texts = [...seen.values()].join('\n');
  assert.match(texts, /新能源和可再生能源8382万千瓦/);
  // Derived, to the three digits of 41.8%, in the chart's own unit (万千瓦).
  assert.match(texts, /其他电源≈11700万千瓦/);
  assert.match(texts, /41\.8%/);
  assert.match(texts, /推算值/);
  await page.mouse.move(2, 2);
  assert.equal(await tooltipText(chart), null, 'leaving the chart hides the tooltip');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a screenshot at devicePixelRatio 2 is saved for review', async () => {
  const { context, page } = await openPage(browser, `${URL_BASE}/`, { deviceScaleFactor: 2, viewport: { width: 760, height: 900 } });
  await chartsReady(page);
  const chart = page.locator('lvdong-chart[chart="energy-mix"][dataset="shandong"]');
  await chart.scrollIntoViewIfNeeded();
  const dims = await chart.evaluate((c) => {
    const cv = c.shadowRoot.querySelector('canvas');
    return { w: cv.width, cssW: cv.getBoundingClientRect().width };
  });
  assert.equal(dims.w, Math.round(dims.cssW * 2), 'the backing store is CSS size × DPR');
  await chart.screenshot({ path: artifact('energy-mix-dpr2.png') });
  await page.screenshot({ path: artifact('article-dpr2.png'), fullPage: false });
  await context.close();
});
