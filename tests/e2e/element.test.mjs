// The <lvdong-chart> contract on a page of its own: one wasm fetch for many
// charts, independent charts, attributes updating in place, the events and
// mount() handle, strict CSP, host-page CSS that cannot leak in, and touch.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, chartsReady, tooltipText, canvasPixels, tableRows, fixture, frames, fastSweep, artifact,
  URL_BASE, CSP_URL,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
// A failed assertion must not leave its context (and its pages) open for the next test.
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

const page3 = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>three charts</title>
<script type="module" src="/lvdong.js"></script></head><body><main style="max-width:640px">
<lvdong-chart id="a" chart="energy-mix" dataset="shandong"></lvdong-chart>
<lvdong-chart id="b" chart="energy-mix" dataset="yantai"></lvdong-chart>
<lvdong-chart id="c" chart="energy-mix" lang="en"></lvdong-chart>
</main></body></html>`;

/** Moves the real mouse over a chart until its tooltip shows; returns the label. */
async function hoverSomething(page, loc) {
  const box = await loc.evaluate((c) => {
    const r = c.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  for (let y = box.y + 10; y < box.y + box.h; y += 16) {
    for (let x = box.x + 10; x < box.x + box.w; x += 16) {
      await page.mouse.move(x, y);
      const t = await tooltipText(loc);
      if (t) return { x, y, text: t };
    }
  }
  return null;
}

test('three charts on a page: one code file and one wasm fetch, independent hover, removing one leaves the others working', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const url = await fixture(context, 'three.html', page3);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const wasmRequests = [];
  const dataRequests = [];
  const codeRequests = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
    if (r.url().endsWith('.json')) dataRequests.push(r.url());
    if (/\.(m?js|css)$/.test(r.url())) codeRequests.push(r.url());
  });
  await page.goto(url);
  await chartsReady(page);
  assert.equal(wasmRequests.length, 1, `the wasm file is fetched once (got ${wasmRequests.join(', ')})`);
  // The element, the wasm glue and the stylesheet come as one file, so the
  // engine's download starts without waiting on a chain of small requests.
  assert.deepEqual(codeRequests, [`${URL_BASE}/lvdong.js`], 'one request for the code and styles');
  // No src: the built-in data, fetched from beside lvdong.js, once for all three.
  assert.deepEqual(dataRequests, [`${URL_BASE}/data/article.json`]);
  for (const id of ['a', 'b', 'c']) assert.equal(await page.locator(`#${id}`).getAttribute('data-ready'), '');

  const [a, b, c] = ['#a', '#b', '#c'].map((s) => page.locator(s));
  const before = { b: await canvasPixels(b), c: await canvasPixels(c) };
  const drawsBefore = await b.evaluate((e) => e.ctl.draws);
  await a.scrollIntoViewIfNeeded();
  const hit = await hoverSomething(page, a);
  assert.ok(hit, 'hovering chart a shows a tooltip');
  await frames(page);
  assert.equal(await tooltipText(b), null);
  assert.equal(await tooltipText(c), null);
  assert.equal(await canvasPixels(b), before.b, 'hovering a does not redraw b');
  assert.equal(await canvasPixels(c), before.c);
  assert.equal(await b.evaluate((e) => e.ctl.draws), drawsBefore);

  // A pointer move that stays on the same item does not redraw.
  const same = await a.evaluate(async (e, p) => {
    const cv = e.shadowRoot.querySelector('canvas');
    const draws = e.ctl.draws;
    for (const dx of [0, 0, 0]) cv.dispatchEvent(new PointerEvent('pointermove', { clientX: p.x + dx, clientY: p.y, pointerType: 'mouse' }));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { draws: e.ctl.draws - draws, text: e.shadowRoot.querySelector('.tip[data-shown]')?.textContent };
  }, hit);
  assert.equal(same.text, hit.text);
  assert.equal(same.draws, 0, 'moving over the same item does not redraw');

  // Many highlight changes within one frame draw once.
  const burst = await a.evaluate(async (e) => {
    const cv = e.shadowRoot.querySelector('canvas');
    const shown = () => e.shadowRoot.querySelector('.tip[data-shown]');
    const r = cv.getBoundingClientRect();
    const points = new Map();
    for (let y = r.top + 3; y < r.bottom && points.size < 2; y += 6) {
      for (let x = r.left + 3; x < r.right && points.size < 2; x += 6) {
        cv.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse' }));
        const tip = shown();
        if (tip && !points.has(tip.textContent)) points.set(tip.textContent, { x, y });
      }
    }
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const [p, q] = [...points.values()];
    const draws = e.ctl.draws;
    for (let i = 0; i < 10; i++) {
      const t = i % 2 ? q : p;
      cv.dispatchEvent(new PointerEvent('pointermove', { clientX: t.x, clientY: t.y, pointerType: 'mouse' }));
    }
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    return { items: points.size, draws: e.ctl.draws - draws };
  });
  assert.equal(burst.items, 2);
  assert.equal(burst.draws, 1, 'ten highlight changes in one frame draw once');

  await page.mouse.move(1, 1);
  const left = await a.evaluate((e) => { e.remove(); return e.shadowRoot.childElementCount + (e.ctl ? 1 : 0); });
  assert.equal(left, 0, 'a removed chart lets go of its controller and empties its shadow root');
  await c.scrollIntoViewIfNeeded();
  assert.ok(await hoverSomething(page, c), 'the remaining chart still hovers');
  const { seen: sweep } = await fastSweep(b);
  assert.ok(Object.keys(sweep).length >= 2, 'the other remaining chart still hit-tests');
  assert.deepEqual(errors, []);
  await context.close();
});

test('attribute changes update the chart in place and fire the documented events', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const custom = {
    schema: 1,
    charts: [{
      id: 'budget', kind: 'donut',
      title: { zh: '测试预算', en: 'Test budget' },
      source: { zh: '测试', en: 'Test', date: '2024-01-01' },
      datasets: [{ id: 'y2024', label: { zh: '2024年', en: '2024' }, unit: 'CNY',
        items: [{ id: 'a', label: { zh: '甲', en: 'Alpha' }, value: 3e8 }, { id: 'b', label: { zh: '乙', en: 'Beta' }, value: 1e8 }] }],
    }],
  };
  await fixture(context, 'budget.json', JSON.stringify(custom), 'application/json');
  const url = await fixture(context, 'one.html', page3.replace(/<lvdong-chart id="b"[\s\S]*<\/main>/, '</main>'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await chartsReady(page);
  const a = page.locator('#a');
  await page.evaluate(() => {
    window.events = [];
    for (const t of ['lvdong-hover', 'lvdong-datasetchange']) document.addEventListener(t, (e) => window.events.push({ type: t, detail: e.detail, target: e.target.id }));
  });
  const shadow = (sel) => a.evaluate((c, sel) => c.shadowRoot.querySelector(sel)?.textContent, sel);
  const aria = () => a.evaluate((c) => c.shadowRoot.querySelector('canvas').getAttribute('aria-label'));

  // dataset
  const px0 = await canvasPixels(a);
  await a.evaluate((c) => c.setAttribute('dataset', 'yantai'));
  await frames(page);
  assert.notEqual(await canvasPixels(a), px0, 'a new dataset redraws the canvas');
  assert.match(await aria(), /烟台/);
  let ev = await page.evaluate(() => window.events.splice(0));
  assert.deepEqual(ev, [{ type: 'lvdong-datasetchange', detail: { chart: 'energy-mix', dataset: 'yantai', cause: 'api' }, target: 'a' }]);

  // lang
  await a.evaluate((c) => c.setAttribute('lang', 'en'));
  await frames(page);
  assert.equal(await shadow('.title'), 'Installed power capacity by source');
  assert.match(await aria(), /Yantai/);
  assert.match(await shadow('.source'), /^Source:/);
  assert.equal(await a.evaluate((c) => c.shadowRoot.querySelector('.card').getAttribute('lang')), 'en');

  // theme
  const light = await canvasPixels(a);
  await a.evaluate((c) => c.setAttribute('theme', 'dark'));
  await frames(page);
  assert.notEqual(await canvasPixels(a), light, 'the dark theme redraws');
  assert.equal(await a.evaluate((c) => c.shadowRoot.querySelector('.card').dataset.theme), 'dark');
  const bg = await a.evaluate((c) => getComputedStyle(c.shadowRoot.querySelector('.card')).backgroundColor);
  assert.equal(bg, 'rgb(22, 25, 29)');

  // keyboard → lvdong-hover with the documented detail, then Esc → null
  await a.evaluate((c) => c.shadowRoot.querySelector('canvas').focus());
  await page.keyboard.press('Home');
  ev = await page.evaluate(() => window.events.splice(0));
  assert.equal(ev.length, 1);
  assert.equal(ev[0].type, 'lvdong-hover');
  const d = ev[0].detail;
  assert.deepEqual(Object.keys(d).sort(), ['chart', 'dataset', 'id', 'label', 'text', 'value']);
  assert.equal(d.chart, 'energy-mix');
  assert.equal(d.dataset, 'yantai');
  assert.equal(typeof d.value, 'number');
  assert.equal(d.label, (await tooltipText(a)) && (await shadow('.tip[data-shown] .tip-label')));
  // The canvas is described by the shown tooltip, and only while one shows.
  const described = () => a.evaluate((c) => {
    const id = c.shadowRoot.querySelector('canvas').getAttribute('aria-describedby');
    return id && c.shadowRoot.getElementById(id)?.matches('[role=tooltip][data-shown]') ? id : id && 'stale';
  });
  assert.match(String(await described()), /^tip-/);
  await page.keyboard.press('Escape');
  ev = await page.evaluate(() => window.events.splice(0));
  assert.deepEqual(ev, [{ type: 'lvdong-hover', detail: null, target: 'a' }]);
  assert.equal(await described(), null);

  // src: another data file, another chart
  await a.evaluate((c) => { c.setAttribute('chart', 'budget'); c.setAttribute('src', '/t/budget.json'); });
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.title')?.textContent === 'Test budget');
  await frames(page);
  assert.match(await aria(), /Alpha/);
  const { seen } = await fastSweep(a);
  const rows = await tableRows(a);
  assert.deepEqual(rows.map((r) => r.label), ['Alpha', 'Beta']);
  for (const r of rows) assert.equal(seen[r.label], r.value, `tooltip of ${r.label}`);
  assert.match(seen.Alpha, /yuan/);
  // A missing chart id shows an alert, and the page keeps working.
  await a.evaluate((c) => c.setAttribute('chart', 'nope'));
  await page.waitForFunction(() => document.querySelector('#a').hasAttribute('data-error'));
  assert.match(await shadow('[role=alert]'), /nope/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('mount() returns a handle: setDataset, setData, resize, destroy', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const url = await fixture(context, 'mount.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mount</title></head><body><div id="slot"></div></body></html>');
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const out = await page.evaluate(async () => {
    const { mount } = await import('/lvdong.js');
    const changes = [];
    document.addEventListener('lvdong-datasetchange', (e) => changes.push(e.detail));
    const h = await mount(document.getElementById('slot'), { chart: 'energy-mix', lang: 'en' });
    const el = h.element;
    const r = { ready: el.hasAttribute('data-ready') };
    r.switched = h.setDataset('yantai');
    r.unknown = h.setDataset('atlantis');
    r.changes = changes.slice();
    await h.setData({ schema: 1, charts: [{ id: 'energy-mix', kind: 'donut', title: { zh: '新数据', en: 'New data' }, source: { zh: '测试', en: 'Test' },
      datasets: [{ id: 'd', label: { zh: '甲', en: 'A' }, unit: 'count', items: [{ id: 'i', label: { zh: '一', en: 'One' }, value: 5 }, { id: 'j', label: { zh: '二', en: 'Two' }, value: 7 }] }] }] });
    r.title = el.shadowRoot.querySelector('.title').textContent;
    let bad = null;
    try { await h.setData({ schema: 1, charts: [{ id: 'x' }] }); } catch (e) { bad = e; }
    r.badThrows = Array.isArray(bad) && bad.length > 0;
    r.alert = el.shadowRoot.querySelector('[role=alert]')?.textContent ?? '';
    // What JSON cannot express is refused with the same kind of list.
    const cyclic = { schema: 1 };
    cyclic.self = cyclic;
    r.unjson = [];
    for (const obj of [cyclic, { schema: 1n }, undefined]) {
      try { await h.setData(obj); r.unjson.push('accepted'); } catch (e) { r.unjson.push(Array.isArray(e) ? e.join('; ') : `threw ${e}`); }
    }
    h.resize();
    h.destroy();
    r.gone = !document.querySelector('lvdong-chart');
    return r;
  });
  assert.equal(out.ready, true);
  assert.equal(out.switched, true);
  assert.equal(out.unknown, false);
  assert.deepEqual(out.changes, [{ chart: 'energy-mix', dataset: 'yantai', cause: 'api' }]);
  assert.equal(out.title, 'New data');
  assert.ok(out.badThrows, 'setData with an invalid object rejects with the problem list');
  assert.match(out.alert, /charts\[0\]/, 'the alert names where the problem is');
  for (const m of out.unjson) assert.match(m, /^\(file\): not a data object: \S/);
  assert.ok(out.gone);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under the strict CSP the demo has no console errors and the charts draw, hover and animate', async () => {
  const { context, page, errors } = await openPage(browser, `${CSP_URL}/`);
  const violations = [];
  await page.exposeFunction('cspViolation', (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await chartsReady(page);
  const chart = page.locator('lvdong-chart[chart="energy-mix"]').last();
  assert.equal(await chart.getAttribute('data-ready'), '');
  const adopted = await chart.evaluate((c) => c.shadowRoot.adoptedStyleSheets.length);
  assert.equal(adopted, 1, 'our stylesheet is adopted');
  const fontSize = await chart.evaluate((c) => getComputedStyle(c.shadowRoot.querySelector('.title')).fontSize);
  assert.equal(fontSize, '19px', 'the adopted stylesheet applies under the policy');
  const nonBlank = await chart.evaluate((c) => {
    const cv = c.shadowRoot.querySelector('canvas');
    const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return colours.size;
  });
  assert.ok(nonBlank > 5, `the canvas has a drawing (${nonBlank} colours sampled)`);
  await chart.scrollIntoViewIfNeeded();
  const hit = await hoverSomething(page, chart);
  assert.ok(hit, 'hover works under CSP');
  const transform = await chart.evaluate((c) => c.shadowRoot.querySelector('.tip[data-shown]').style.transform);
  assert.match(transform, /translate\(/, 'the tooltip is placed with style.transform');
  const drawsBefore = await chart.evaluate((c) => c.ctl.draws);
  await chart.evaluate((c) => c.setAttribute('dataset', c.getAttribute('dataset') === 'yantai' ? 'shandong' : 'yantai'));
  await page.waitForTimeout(500);
  const drawn = (await chart.evaluate((c) => c.ctl.draws)) - drawsBefore;
  assert.ok(drawn >= 5, `the dataset switch animates frame by frame under CSP (${drawn} frames)`);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the host page\'s CSS does not change the chart', async () => {
  const base = page3.replace(/<lvdong-chart id="b"[\s\S]*<\/main>/, '</main>');
  const evil = base.replace('</head>', '<style>* { font-size: 40px !important; color: red !important; font-family: serif !important; line-height: 3 !important } canvas, button, table, div { background: yellow !important; border: 9px solid red !important; display: inline !important }</style></head>');
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const u1 = await fixture(context, 'plain.html', base);
  const u2 = await fixture(context, 'evil.html', evil);
  const page = await context.newPage();
  const look = async (url) => {
    await page.goto(url);
    await chartsReady(page);
    return page.locator('#a').evaluate((c) => {
      const s = (sel) => getComputedStyle(c.shadowRoot.querySelector(sel));
      const cv = c.shadowRoot.querySelector('canvas');
      return {
        title: [s('.title').fontSize, s('.title').color, s('.title').fontFamily, s('.title').lineHeight],
        tab: [s('[role=tab]').fontSize, s('[role=tab]').backgroundColor, s('[role=tab]').borderTopWidth],
        canvas: [cv.width, cv.height, s('canvas').display],
        pixels: cv.toDataURL(),
      };
    });
  };
  const plain = await look(u1);
  const withEvil = await look(u2);
  assert.deepEqual(withEvil.title, plain.title);
  assert.deepEqual(withEvil.tab, plain.tab);
  assert.deepEqual(withEvil.canvas, plain.canvas);
  assert.equal(withEvil.pixels, plain.pixels, 'the canvas draws the same picture');
  assert.equal(plain.title[0], '19px');
  await context.close();
});

test('touch: a tap shows the tooltip, a tap elsewhere hides it; vertical swipes scroll the page', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`, {
    viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2,
  });
  await chartsReady(page);
  const chart = page.locator('lvdong-chart[chart="energy-mix"][dataset="shandong"]');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.evaluate((c) => {
    const r = c.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  let shown = null;
  for (let y = box.y + 12; y < box.y + box.h && !shown; y += 24) {
    for (let x = box.x + 12; x < box.x + box.w && !shown; x += 24) {
      await page.touchscreen.tap(x, y);
      shown = await tooltipText(chart);
    }
  }
  assert.ok(shown, 'a tap on a mark shows its tooltip');
  const inView = await chart.evaluate((c) => {
    const r = c.shadowRoot.querySelector('.tip[data-shown]').getBoundingClientRect();
    return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
  });
  assert.ok(inView, 'the tooltip stays inside the viewport');
  await page.screenshot({ path: artifact('touch-tooltip-360.png') });
  const para = await page.locator('p[data-line="101"]').boundingBox();
  await page.touchscreen.tap(para.x + 20, para.y + 10);
  assert.equal(await tooltipText(chart), null, 'a tap elsewhere hides it');
  const ta = await chart.evaluate((c) => getComputedStyle(c.shadowRoot.querySelector('canvas')).touchAction);
  assert.equal(ta, 'pan-y');
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the wasm engine cannot load, the alert names it and the page\'s fallback image shows', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  await context.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${URL_BASE}/`);
  await chartsReady(page);
  const loc = page.locator('lvdong-chart').first();
  assert.equal(await loc.getAttribute('data-error'), '');
  assert.match(await loc.evaluate((c) => c.shadowRoot.querySelector('[role=alert]').textContent), /engine/);
  await loc.scrollIntoViewIfNeeded();
  const img = await loc.evaluate((c) => {
    const i = c.querySelector(':scope > img');
    return { h: i.getBoundingClientRect().height, slotted: !!i.assignedSlot, alt: i.alt };
  });
  assert.ok(img.slotted && img.h > 100, 'the fallback image is shown inside the card');
  assert.ok(img.alt.length > 20);
  assert.deepEqual(errors, []);
  await context.close();
});

test('theme="auto" follows prefers-color-scheme; prefers-reduced-motion turns the dataset transition off', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  const url = await fixture(context, 'auto.html', page3.replace('id="a" chart="energy-mix"', 'id="a" theme="auto" chart="energy-mix"'));
  const page = await context.newPage();
  await page.goto(url);
  await chartsReady(page);
  const a = page.locator('#a');
  const theme = () => a.evaluate((c) => c.shadowRoot.querySelector('.card').dataset.theme);
  assert.equal(await theme(), 'dark');
  const dark = await canvasPixels(a);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.card').dataset.theme === 'light');
  await frames(page);
  assert.notEqual(await canvasPixels(a), dark, 'the canvas redraws in the light palette');
  assert.equal(await page.locator('#b').evaluate((c) => c.shadowRoot.querySelector('.card').dataset.theme), 'light', 'no theme attribute means light');
  const before = await a.evaluate((c) => c.ctl.draws);
  await a.evaluate((c) => c.setAttribute('dataset', 'yantai'));
  await page.waitForTimeout(500);
  const drawn = (await a.evaluate((c) => c.ctl.draws)) - before;
  assert.ok(drawn <= 2, `reduced motion: the final frame at once (${drawn} frames)`);
  await context.close();
});

test('removing a chart releases its document and media-query listeners, its observer and its wasm view', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  // Count what charts register outside their own shadow tree, before any script runs.
  await context.addInitScript(() => {
    window.live = { listeners: 0, observers: 0 };
    for (const proto of [Document.prototype, MediaQueryList.prototype]) {
      const add = proto.addEventListener, remove = proto.removeEventListener;
      proto.addEventListener = function (...a) { window.live.listeners++; return add.apply(this, a); };
      proto.removeEventListener = function (...a) { window.live.listeners--; return remove.apply(this, a); };
    }
    const RO = window.ResizeObserver;
    window.ResizeObserver = class extends RO {
      observe(...a) { window.live.observers++; return super.observe(...a); }
      disconnect() { window.live.observers--; return super.disconnect(); }
    };
  });
  const url = await fixture(context, 'leak.html', page3.replace(/<main[\s\S]*<\/main>/, '<main></main>'));
  const page = await context.newPage();
  await page.goto(url);
  const out = await page.evaluate(async () => {
    await customElements.whenDefined('lvdong-chart');
    const { View } = await (await import('/lvdong.js')).engine();
    let freed = 0;
    const free = View.prototype.free;
    View.prototype.free = function () { freed++; return free.call(this); };
    const base = { ...window.live };
    const els = ['a', 'b', 'c'].map((id) => {
      const e = document.createElement('lvdong-chart');
      e.id = id;
      e.setAttribute('chart', 'energy-mix');
      document.querySelector('main').append(e);
      return e;
    });
    await Promise.all(els.map((e) => e.ready));
    const mid = { ...window.live };
    els[0].remove();
    els[1].remove();
    const after = { ...window.live };
    return { base, mid, after, freed, ready: els[2].hasAttribute('data-ready') };
  });
  assert.ok(out.ready);
  const k = (out.mid.listeners - out.base.listeners) / 3;
  assert.ok(k >= 3, `each chart listens on the document and media queries (${k})`);
  assert.equal(out.after.listeners - out.base.listeners, k, 'two charts removed every listener they added');
  assert.equal(out.mid.observers - out.base.observers, 3);
  assert.equal(out.after.observers - out.base.observers, 1, 'two observers disconnected');
  assert.equal(out.freed, 2, 'both wasm views are freed');
  // The survivor still answers.
  const { seen } = await fastSweep(page.locator('#c'));
  assert.ok(Object.keys(seen).length >= 2);
  await context.close();
});

test('a stacked chart (every dataset is a row) shows no dataset tabs', async () => {
  const { readFileSync } = await import('node:fs');
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  await fixture(context, 'stacked.json', readFileSync(new URL('../fixtures/stacked.json', import.meta.url), 'utf8'), 'application/json');
  const id = JSON.parse(readFileSync(new URL('../fixtures/stacked.json', import.meta.url), 'utf8')).charts[0].id;
  const url = await fixture(context, 'stacked.html', page3.replace(/<main[\s\S]*<\/main>/, `<main><lvdong-chart id="s" src="/t/stacked.json" chart="${id}"></lvdong-chart></main>`));
  const page = await context.newPage();
  await page.goto(url);
  await chartsReady(page);
  const s = page.locator('#s');
  assert.equal(await s.getAttribute('data-ready'), '');
  assert.equal(await s.evaluate((c) => getComputedStyle(c.shadowRoot.querySelector('[role=tablist]')).display), 'none');
  assert.equal(await s.evaluate((c) => c.shadowRoot.querySelectorAll('[role=tab]').length), 0);
  const { seen } = await fastSweep(s, 4);
  assert.ok(Object.keys(seen).length >= 2, 'its rows still hover');
  await context.close();
});

test('lang takes BCP 47 tags: en-US and en-GB read English, zh-Hans Chinese; an unknown tag falls back to Chinese with one warning naming it', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 1400 } });
  const url = await fixture(context, 'langs.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>languages</title>
<script type="module" src="/lvdong.js"></script></head><body><main style="max-width:640px">
<lvdong-chart id="us" chart="energy-mix" lang="en-US"></lvdong-chart>
<lvdong-chart id="gb" chart="energy-mix" lang="EN-gb"></lvdong-chart>
<lvdong-chart id="hans" chart="energy-mix" lang="zh-Hans"></lvdong-chart>
<lvdong-chart id="fr" chart="energy-mix" lang="fr-FR"></lvdong-chart>
</main></body></html>`);
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(url);
  await chartsReady(page);
  const read = (id) => page.locator(`#${id}`).evaluate((c) => ({
    title: c.shadowRoot.querySelector('.title').textContent,
    lang: c.shadowRoot.querySelector('.card').getAttribute('lang'),
    tab: c.shadowRoot.querySelector('[role=tab][aria-selected=true]')?.textContent,
    chartButton: c.shadowRoot.querySelector('.toggle button').textContent,
  }));
  for (const id of ['us', 'gb']) {
    const r = await read(id);
    assert.equal(r.title, 'Installed power capacity by source', `${id}: English title`);
    assert.equal(r.lang, 'en', `${id}: the card is marked English`);
    assert.equal(r.chartButton, 'Chart', `${id}: the card's own words are English`);
  }
  for (const id of ['hans', 'fr']) {
    const r = await read(id);
    assert.match(r.title, /[\u4e00-\u9fff]/, `${id}: a Chinese title`);
    assert.equal(r.lang, 'zh-CN');
    assert.equal(r.chartButton, '图表');
  }
  const named = warnings.filter((w) => w.includes('lang="fr-FR"'));
  assert.equal(named.length, 1, `one warning names the unknown tag (got ${JSON.stringify(warnings)})`);
  assert.deepEqual(warnings.filter((w) => !w.includes('lang="fr-FR"')), [], 'known tags warn about nothing');

  // The tooltip's share line comes complete from the engine, in the reader's language.
  const us = page.locator('#us');
  const hit = await hoverSomething(page, us);
  assert.ok(hit, 'a slice shows a tooltip');
  assert.match(hit.text, /Share\s*≈?\d+(\.\d+)?%/, hit.text);
  // Switching the attribute to an unknown tag falls back and warns again.
  await us.evaluate((c) => c.setAttribute('lang', 'xx'));
  await frames(page);
  assert.equal((await read('us')).lang, 'zh-CN');
  assert.ok(warnings.some((w) => w.includes('lang="xx"')));
  await context.close();
});
