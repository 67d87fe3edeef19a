// The cross-engine suite: what a reader does, in Chromium, Firefox and WebKit
// (tests/e2e/engines.mjs). Every test and message names its engine. The full
// suite (the other files) stays on Chromium.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, openEngine, startProxy } from './engines.mjs';
import { URL_BASE, CSP_URL } from './helpers.mjs';

let proxy;
before(async () => { proxy = await startProxy(URL_BASE, CSP_URL); });
after(async () => { await proxy?.close(); });

/** Resolves when every chart drew or failed (polled: works through every driver). */
async function settled(page, engine, timeout = 20000) {
  const start = Date.now();
  for (;;) {
    const state = await page.eval(() => {
      const cs = [...document.querySelectorAll('lvdong-chart')];
      return { n: cs.length, done: cs.filter((c) => c.hasAttribute('data-ready') || c.hasAttribute('data-error')).length };
    });
    if (state.n > 0 && state.done === state.n) break;
    if (Date.now() - start > timeout) assert.fail(`${engine}: charts not ready after ${timeout} ms (${state.done}/${state.n})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.eval(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
}

const errorsOf = (page) => page.eval(() => window.__lvErrors ?? ['the error probe did not run']);

/** Per chart: drawn, and how many sampled canvas pixels differ from the card's background. */
function inked() {
  return [...document.querySelectorAll('lvdong-chart')].map((c) => {
    const cv = c.shadowRoot.querySelector('canvas');
    const out = { chart: c.getAttribute('chart'), ready: c.hasAttribute('data-ready'), w: cv?.width ?? 0, h: cv?.height ?? 0, ink: 0 };
    if (!cv || !cv.width || !cv.height) return out;
    const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    const bg = [d[0], d[1], d[2], d[3]];
    let n = 0;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4 * 53) {
      n += 1;
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) + Math.abs(d[i + 3] - bg[3]) > 24) ink += 1;
    }
    out.ink = ink / n;
    return out;
  });
}

/**
 * Sweeps synthetic mouse moves over chart `index`'s canvas in the page;
 * returns {label: {value, x, y}} for every tooltip seen (x, y: viewport px
 * of the first point that showed it) and the table's rows.
 */
function sweepChart(index) {
  const c = document.querySelectorAll('lvdong-chart')[index];
  c.scrollIntoView({ block: 'center' });
  const cv = c.shadowRoot.querySelector('canvas');
  const r = cv.getBoundingClientRect();
  const seen = {};
  for (let y = r.top + 3; y < r.bottom; y += 6) {
    for (let x = r.left + 3; x < r.right; x += 6) {
      cv.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', bubbles: true, composed: true }));
      const tip = c.shadowRoot.querySelector('.tip[data-shown]');
      const label = tip?.querySelector('.tip-label')?.textContent;
      if (label && !seen[label]) seen[label] = { value: tip.querySelector('.tip-value').textContent, x, y };
    }
  }
  cv.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
  const rows = [...c.shadowRoot.querySelectorAll('table.data tbody tr')].map((tr) => ({ label: tr.cells[0].textContent, value: tr.cells[1].textContent }));
  return { seen, rows };
}

const shownLabel = (index) => {
  const c = document.querySelectorAll('lvdong-chart')[index];
  return c.shadowRoot.querySelector('.tip[data-shown] .tip-label')?.textContent ?? null;
};

/** The index of the first chart with this id (and dataset, when given). */
const indexOf = (page, chart, dataset) => page.eval(([chart, dataset]) => [...document.querySelectorAll('lvdong-chart')]
  .findIndex((c) => c.getAttribute('chart') === chart && (!dataset || c.getAttribute('dataset') === dataset)), [chart, dataset]);

const TWO_CHARTS = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>two charts</title>
<script type="module" src="/lvdong.js"></script></head><body>
<lvdong-chart id="bad" src="${src}" chart="c" lang="en"></lvdong-chart>
<lvdong-chart id="good" chart="energy-mix" lang="en"></lvdong-chart></body></html>`;

const IFRAME_HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script src="/frame-height.js"></script></head><body style="margin:0">
<p>Before the frame.</p>
<iframe id="f" title="chart" src="/embed.html?chart=energy-mix&amp;lang=en" style="width:100%;border:0"></iframe>
<p id="after">After the frame.</p></body></html>`;

for (const engine of ENGINES) {
  describe(`[${engine}]`, () => {
    let browser;
    before(async () => { browser = await openEngine(engine); });
    after(async () => { await browser?.close(); });

    test(`[${engine}] every chart of the demo article draws`, async () => {
      const page = await browser.page(1000, 900);
      try {
        await page.goto(`${proxy.url}/`);
        await settled(page, engine);
        const charts = await page.eval(inked);
        assert.ok(charts.length >= 6, `${engine}: the article has its charts (${charts.length})`);
        for (const c of charts) {
          assert.ok(c.ready, `${engine}: ${c.chart} is drawn (data-ready)`);
          assert.ok(c.w > 100 && c.h > 40, `${engine}: ${c.chart} has a canvas (${c.w}×${c.h})`);
          assert.ok(c.ink > 0.01, `${engine}: ${c.chart} has non-background pixels (${(c.ink * 100).toFixed(1)}% sampled)`);
        }
        assert.deepEqual(await errorsOf(page), [], `${engine}: no console error`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] hover shows the right tooltip for every item, by real mouse too`, async () => {
      const page = await browser.page(1000, 900);
      try {
        await page.goto(`${proxy.url}/?lang=en`);
        await settled(page, engine);
        const i = await indexOf(page, 'energy-mix');
        const { seen, rows } = await page.eval(sweepChart, i);
        assert.ok(rows.length >= 2, `${engine}: the table lists the items`);
        for (const r of rows) assert.equal(seen[r.label]?.value, r.value, `${engine}: hovering "${r.label}" shows ${r.value}`);
        // The engine's own mouse: each item's point shows that item.
        for (const r of rows) {
          await page.move(seen[r.label].x, seen[r.label].y);
          assert.equal(await page.eval(shownLabel, i), r.label, `${engine}: the real mouse over "${r.label}" shows its tooltip`);
        }
        assert.deepEqual(await errorsOf(page), [], `${engine}: no console error`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] a tap shows the tooltip and a tap elsewhere hides it`, async () => {
      const page = await browser.page(engine === 'webkit' ? 480 : 400, 800, { touch: true });
      try {
        await page.goto(`${proxy.url}/?lang=en`);
        await settled(page, engine);
        const i = await indexOf(page, 'energy-mix');
        const { seen, rows } = await page.eval(sweepChart, i);
        const target = rows[0];
        await page.tap(seen[target.label].x, seen[target.label].y);
        assert.equal(await page.eval(shownLabel, i), target.label, `${engine}: a tap on "${target.label}" shows it`);
        const away = await page.eval(() => {
          const p = [...document.querySelectorAll('p')].find((e) => { const r = e.getBoundingClientRect(); return r.top > 0 && r.bottom < innerHeight; });
          const r = p?.getBoundingClientRect();
          return r ? { x: r.left + 5, y: r.top + 5 } : { x: 5, y: 5 };
        });
        await page.tap(away.x, away.y);
        assert.equal(await page.eval(shownLabel, i), null, `${engine}: a tap elsewhere hides the tooltip`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] tabs and the keyboard switch datasets and announce items`, async () => {
      const page = await browser.page(1000, 900);
      try {
        await page.goto(`${proxy.url}/?lang=en`);
        await settled(page, engine);
        const i = await indexOf(page, 'energy-mix');
        const before = await page.eval((i) => {
          const c = document.querySelectorAll('lvdong-chart')[i];
          c.scrollIntoView({ block: 'center' });
          c.__changes = [];
          c.addEventListener('lvdong-datasetchange', (e) => c.__changes.push(e.detail.dataset));
          const tabs = [...c.shadowRoot.querySelectorAll('[role=tab]')];
          const other = tabs.find((t) => t.getAttribute('aria-selected') !== 'true');
          const r = other.getBoundingClientRect();
          return { id: other.dataset.id, x: r.left + r.width / 2, y: r.top + r.height / 2, pixels: c.shadowRoot.querySelector('canvas').toDataURL() };
        }, i);
        await page.click(before.x, before.y);
        await page.eval(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r(true)), 450)));
        const after = await page.eval((i) => {
          const c = document.querySelectorAll('lvdong-chart')[i];
          return {
            selected: c.shadowRoot.querySelector('[role=tab][aria-selected=true]')?.dataset.id,
            changes: c.__changes,
            pixels: c.shadowRoot.querySelector('canvas').toDataURL(),
          };
        }, i);
        assert.equal(after.selected, before.id, `${engine}: clicking the tab selects it`);
        assert.deepEqual(after.changes, [before.id], `${engine}: lvdong-datasetchange fires once`);
        assert.notEqual(after.pixels, before.pixels, `${engine}: the canvas redraws`);
        // Arrow keys on the focused tab move the selection (roving focus).
        await page.eval((i) => document.querySelectorAll('lvdong-chart')[i].shadowRoot.querySelector('[role=tab][aria-selected=true]').focus(), i);
        await page.key('ArrowLeft');
        const byKey = await page.eval((i) => {
          const c = document.querySelectorAll('lvdong-chart')[i];
          return { selected: c.shadowRoot.querySelector('[role=tab][aria-selected=true]')?.dataset.id, changes: c.__changes };
        }, i);
        assert.notEqual(byKey.selected, before.id, `${engine}: ArrowLeft on the tabs selects another dataset`);
        assert.equal(byKey.changes.length, 2, `${engine}: the key switch fires lvdong-datasetchange too`);
        // The keyboard: focus the canvas, walk the items, hear each one.
        await page.eval((i) => document.querySelectorAll('lvdong-chart')[i].shadowRoot.querySelector('canvas').focus(), i);
        const rows = await page.eval((i) => [...document.querySelectorAll('lvdong-chart')[i].shadowRoot.querySelectorAll('table.data tbody tr')].map((tr) => tr.cells[0].textContent), i);
        await page.key('Home');
        const heard = [];
        for (let k = 0; k < rows.length; k++) {
          heard.push(await page.eval((i) => {
            const c = document.querySelectorAll('lvdong-chart')[i];
            return { tip: c.shadowRoot.querySelector('.tip[data-shown] .tip-label')?.textContent, live: c.shadowRoot.querySelector('[aria-live]').textContent };
          }, i));
          await page.key('ArrowRight');
        }
        assert.deepEqual(heard.map((h) => h.tip), rows, `${engine}: arrows reach every item in order`);
        for (const h of heard) assert.ok(h.live.includes(h.tip), `${engine}: the live region announces "${h.tip}" (got "${h.live}")`);
        await page.key('Escape');
        assert.equal(await page.eval(shownLabel, i), null, `${engine}: Escape clears`);
        assert.deepEqual(await errorsOf(page), [], `${engine}: no console error`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] the table view shows on demand, and the fallback image shows when the engine cannot load`, async () => {
      const page = await browser.page(1000, 900);
      try {
        await page.goto(`${proxy.url}/?lang=en`);
        await settled(page, engine);
        const i = await indexOf(page, 'energy-mix');
        const table = await page.eval(async (i) => {
          const c = document.querySelectorAll('lvdong-chart')[i];
          const size = () => { const r = c.shadowRoot.querySelector('table.data').parentElement.getBoundingClientRect(); return [r.width, r.height]; };
          const hidden = size();
          c.shadowRoot.querySelector('.toggle button:last-child').click();
          await new Promise((r) => requestAnimationFrame(r));
          return { hidden, shown: size(), rows: c.shadowRoot.querySelectorAll('table.data tbody tr').length };
        }, i);
        assert.ok(table.hidden[0] <= 1, `${engine}: the table is visually hidden in chart view`);
        assert.ok(table.shown[0] > 200 && table.shown[1] > 40 && table.rows > 1, `${engine}: the table shows (${table.shown}, ${table.rows} rows)`);

        await page.goto(`${proxy.url}/nowasm/?lang=en`);
        await settled(page, engine);
        const fb = await page.eval(async () => {
          const c = document.querySelector('lvdong-chart');
          const img = c.querySelector(':scope > img');
          c.scrollIntoView();
          if (img && !img.complete) await new Promise((r) => { img.onload = img.onerror = r; });
          return {
            error: c.hasAttribute('data-error'),
            alert: c.shadowRoot.querySelector('[role=alert]')?.textContent ?? '',
            slotted: !!img?.assignedSlot,
            h: img?.getBoundingClientRect().height ?? 0,
            loaded: (img?.naturalWidth ?? 0) > 0,
          };
        });
        assert.ok(fb.error && /engine/i.test(fb.alert), `${engine}: the alert names the engine (${fb.alert})`);
        assert.ok(fb.slotted && fb.h > 100 && fb.loaded, `${engine}: the fallback image shows (${JSON.stringify(fb)})`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] a bad data file shows its alert and the chart beside it works`, async () => {
      const page = await browser.page(1000, 900);
      try {
        const bad = proxy.fixture(`${engine}-bad.json`, '{"schema": 1, "charts": [', { type: 'application/json' });
        await page.goto(proxy.fixture(`${engine}-two.html`, TWO_CHARTS(new URL(bad).pathname)));
        await settled(page, engine);
        const alert = await page.eval(() => {
          const a = document.getElementById('bad').shadowRoot.querySelector('[role=alert]');
          const r = a.getBoundingClientRect();
          return { visible: !a.hidden && r.height > 0, text: a.textContent };
        });
        assert.ok(alert.visible, `${engine}: the bad chart shows a visible alert`);
        assert.match(alert.text, /not valid JSON/, `${engine}: the alert says what is wrong`);
        const { seen, rows } = await page.eval(sweepChart, 1);
        for (const r of rows) assert.equal(seen[r.label]?.value, r.value, `${engine}: the good chart's tooltip for "${r.label}"`);
        assert.deepEqual(await errorsOf(page), [], `${engine}: nothing logged as an error`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] the strict CSP page loads with no console errors, styled, and hovers`, async () => {
      const page = await browser.page(1000, 900);
      try {
        await page.goto(`${proxy.url}/csp/?lang=en`);
        await settled(page, engine);
        const state = await page.eval(() => {
          const c = document.querySelector('lvdong-chart[chart="energy-mix"]');
          return {
            all: [...document.querySelectorAll('lvdong-chart')].every((e) => e.hasAttribute('data-ready')),
            title: getComputedStyle(c.shadowRoot.querySelector('.title')).fontSize,
          };
        });
        assert.ok(state.all, `${engine}: every chart draws under the policy`);
        assert.equal(state.title, '19px', `${engine}: the card's stylesheet applies under the policy`);
        const { seen, rows } = await page.eval(sweepChart, await indexOf(page, 'energy-mix'));
        assert.equal(Object.keys(seen).length, rows.length, `${engine}: hover works under the policy`);
        assert.deepEqual(await errorsOf(page), [], `${engine}: no console error or CSP violation`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] without constructed stylesheets the card is still styled and drawn`, async () => {
      const page = await browser.page(1000, 900);
      try {
        await page.goto(`${proxy.url}/?lang=en&nosheets`);
        await settled(page, engine);
        const state = await page.eval(() => {
          const c = document.querySelector('lvdong-chart[chart="energy-mix"]');
          return {
            gone: !('adoptedStyleSheets' in ShadowRoot.prototype),
            ready: c.hasAttribute('data-ready'),
            title: getComputedStyle(c.shadowRoot.querySelector('.title')).fontSize,
          };
        });
        assert.ok(state.gone, `${engine}: the test removed adoptedStyleSheets`);
        assert.ok(state.ready, `${engine}: the chart draws`);
        assert.equal(state.title, '19px', `${engine}: the stylesheet applies through a <style> element`);
        assert.deepEqual(await errorsOf(page), [], `${engine}: no console error`);
      } finally {
        await page.close();
      }
    });

    test(`[${engine}] the embed iframe reports its height and the host fits it`, async () => {
      const page = await browser.page(900, 900);
      try {
        await page.goto(proxy.fixture(`${engine}-host.html`, IFRAME_HOST));
        const start = Date.now();
        let m;
        for (;;) {
          m = await page.eval(() => {
            const f = document.getElementById('f');
            const d = f.contentDocument;
            const chart = d?.querySelector('lvdong-chart');
            return {
              outer: parseFloat(f.style.height) || 0,
              ready: !!chart?.hasAttribute('data-ready'),
              body: d ? d.body.getBoundingClientRect().height : 0,
              scroll: d ? d.documentElement.scrollHeight : 0,
              client: d ? d.documentElement.clientHeight : 0,
            };
          });
          if ((m.ready && Math.abs(m.outer - m.body) <= 1) || Date.now() - start > 20000) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.ok(m.ready, `${engine}: the embedded chart draws`);
        assert.ok(m.body > 200, `${engine}: the embed has a chart's height (${m.body})`);
        assert.ok(Math.abs(m.outer - m.body) <= 1, `${engine}: the iframe is as tall as its chart (${m.outer} vs ${m.body})`);
        assert.ok(m.scroll <= m.client + 1, `${engine}: nothing to scroll inside the frame (${m.scroll} > ${m.client})`);
      } finally {
        await page.close();
      }
    });
  });
}
