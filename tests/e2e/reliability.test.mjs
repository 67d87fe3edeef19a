// Hostile ground: every row of the bad-input table on a page with a good chart
// beside it, labels that try to run as code, long-lived pages that must not
// grow, resize storms, zero-size containers and the network's edge cases.
// Data files are served by Playwright routes under /t/, so no test-only
// route exists on the real server. ROWS=text runs only the table rows whose
// name contains it; DEBUG=1 echoes every console message.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, fixture, frames, fastSweep, URL_BASE } from './helpers.mjs';

let browser;
// The hostile server is a second loopback origin; Chromium would refuse a
// routed page's requests to it as a "local network" access, which is not
// what these rows test.
before(async () => { browser = await launch(['--js-flags=--expose-gc', '--enable-precise-memory-info', '--disable-features=LocalNetworkAccessChecks']); });
after(async () => { await browser?.close(); });
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

// ---- data files --------------------------------------------------------------

const item = (i, value = i + 1, label = null) => ({
  id: `i${i}`, label: { zh: label ?? `项${i}`, en: label ?? `Item ${i}` }, value,
});
/** JSON text: `levels` arrays, one inside the other, around a 1. */
const nest = (levels) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const file = (items, { kind = 'donut', unit = 'kW', chart = {}, top = {} } = {}) => JSON.stringify({
  schema: 1,
  charts: [{
    id: 'c', kind, title: { zh: '标题', en: 'Title' }, source: { zh: '来源', en: 'Source' },
    datasets: [{ id: 'd', label: { zh: '数据', en: 'Data' }, unit, items }],
    ...chart,
  }],
  ...top,
});
const json = (body) => ({ status: 200, contentType: 'application/json; charset=utf-8', body });

const LONG = '长'.repeat(10000);
const SCRIPTS = ['山东省新能源', '🌞☀️ 光伏 👩‍👩‍👧', 'مرحبا بالعالم', 'e\u0301te\u0301 n\u0303 a\u0308\u0304'];

/**
 * The bad-input table: what the bad chart is given, what it must show. `expect`
 * matches the alert's text (the JSON path where there is one); `renders` rows
 * must draw instead, with `label` somewhere in a tooltip.
 */
const TABLE = [
  { name: 'malformed JSON', res: json('{"schema": 1, "charts": ['), expect: /\(file\): not valid JSON at line 1, column \d+: unexpected end of the file(?! at line)/ },
  { name: 'wrong types', res: json('{"schema": "1", "charts": {"id": 3}}'), expect: /schema: .*\(got "1"\)[\s\S]*charts: must be a list/ },
  { name: 'missing required fields', res: json('{"schema": 1, "charts": [{"id": "c"}]}'), expect: /charts\[0\]\.kind: is required but missing/ },
  { name: 'unknown field', res: json(file([item(0)], { top: { colour: 'red' } })), expect: /colour: unknown field/ },
  { name: 'negative value in a donut', res: json(file([item(0, -5), item(1, 3)])), expect: /charts\[0\]\.datasets\[0\]\.items\[0\]\.value: .*negative|items\[0\]\.value: .*(0|negative)/ },
  { name: '1e308', res: json(file([item(0, 1e308), item(1, 1e308)])), expect: /items\[0\]\.value: is too large to show \(got 1e\+?308/ },
  { name: '-0', res: json(file([item(0, -0), item(1, 2)], { kind: 'bar' }).replace('"value":0', '"value":-0')), renders: true, label: 'Item 1' },
  { name: '"NaN" as a value', res: json(file([item(0, 'NaN'), item(1, 2)])), expect: /items\[0\]\.value: must be a number.*\(got "NaN"\)|items\[0\]\.value: .*"NaN"/ },
  { name: 'huge-precision value', res: json(file([item(0, 1)], { kind: 'bar' }).replace('"value":1', '"value":0.30000000000000004123456789123456789')), renders: true, label: 'Item 0' },
  { name: 'empty items', res: json(file([])), expect: /datasets\[0\]\.items: must hold at least one item/ },
  { name: '10,000 items', res: json(file(Array.from({ length: 10000 }, (_, i) => item(i)), { kind: 'bar' })), expect: /datasets\[0\]\.items: has 10000 items; a chart can show at most 1000/ },
  { name: '10,000-character label', res: json(file([item(0, 1, LONG), item(1)])), expect: /items\[0\]\.label\.zh: is too long \(10000 characters; at most 500\)/ },
  ...SCRIPTS.map((label, i) => ({
    name: `label in ${['CJK', 'emoji', 'RTL', 'combining characters'][i]}`,
    res: json(file([item(0, 5, label), item(1, 3)])), renders: true, label,
  })),
  { name: 'duplicate ids', res: json(file([item(0), { ...item(1), id: 'i0' }])), expect: /items\[1\]\.id: duplicate id "i0"/ },
  { name: 'unknown chart kind', res: json(file([item(0)], { kind: 'pie3d' })), expect: /charts\[0\]\.kind: unknown chart kind "pie3d"/ },
  { name: 'chart id not in the file', res: json(file([item(0)])), chart: 'nope', expect: /no chart "nope" in the data file \(it has: c\)/ },
  { name: 'src answers 404', res: { status: 404, contentType: 'text/plain', body: 'not found' }, expect: /\(file\): the data file \/t\/data\/.* could not be loaded \(HTTP 404\)/ },
  { name: 'src answers 500', res: { status: 500, contentType: 'text/plain', body: 'oops' }, expect: /could not be loaded \(HTTP 500\)/ },
  { name: 'src answers HTML', res: { status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Home</title><p>Welcome' }, expect: /is an HTML page, not a JSON data file/ },
  { name: 'src answers an empty body', res: json(''), expect: /\(file\): the data file .* is empty/ },
  { name: 'src answers 20 MB (with its length)', remote: '/huge', expect: /is too large \(20971520 bytes; at most 5242880\)/ },
  { name: 'src answers 20 MB (streamed, no length)', remote: '/huge-chunked', expect: /is too large \(more than 5242880 bytes\)/ },
  { name: 'src never answers', remote: '/never', expect: /the data file http:\/\/127\.0\.0\.1:\d+\/never did not answer within 0\.8 s/ },
  // The reader recurses per level; the deepest file it takes must fit the wasm's stack (256 KiB).
  { name: 'nested as deep as the reader takes (128 levels)', res: json(file([item(0)], { top: { deep: 0 } }).replace('"deep":0', `"deep":${nest(127)}`)), expect: /deep: unknown field \(allowed:/ },
  { name: 'nested 10,000 levels deep', res: json(`{"schema": 1, "deep": ${nest(9999)}}`), expect: /\(file\): not valid JSON at line 1, column \d+: nested too deeply/ },
];

/**
 * A loopback server of its own for what a route cannot fake: a 20 MB body
 * sent with or without its length, and an answer that never comes.
 */
async function hostileServer() {
  const sockets = new Set();
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    const mb = Buffer.alloc(1024 * 1024, 0x20);
    if (req.url === '/huge' || req.url === '/huge-chunked') {
      res.writeHead(200, req.url === '/huge' ? { ...cors, 'content-length': String(20 * mb.length) } : cors);
      let sent = 0;
      const more = () => {
        while (sent < 20) {
          sent += 1;
          if (!res.write(mb)) { res.once('drain', more); return; }
        }
        res.end();
      };
      res.on('error', () => {});
      more();
    }
    // '/never': the request is read and never answered.
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => { for (const s of sockets) s.destroy(); return new Promise((r) => server.close(r)); },
  };
}

/** A page: the bad chart (from `src`) above a good built-in one. */
function twoCharts(src, chart) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bad input</title>
<script type="module">import { settings } from '/lvdong.js'; settings.fetchTimeout = 800;</script>
</head><body><main style="max-width:640px">
<lvdong-chart id="bad" lang="en" src="${src}"${chart ? ` chart="${chart}"` : ''}></lvdong-chart>
<lvdong-chart id="good" lang="en" chart="energy-mix"></lvdong-chart>
</main></body></html>`;
}

/** Console errors other than the browser's own network log of a failed response. */
function watch(page) {
  const errors = [];
  page.on('console', (m) => {
    if (process.env.DEBUG) console.log('console', m.type(), m.text());
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e}`));
  return errors;
}

async function settled(page, ids, timeout = 5000) {
  await page.waitForFunction((ids) => ids.every((id) => {
    const c = document.getElementById(id);
    return c && (c.hasAttribute('data-ready') || c.hasAttribute('data-error'));
  }), ids, { timeout });
  await frames(page);
}

async function alertOf(loc) {
  return loc.evaluate((c) => {
    const a = c.shadowRoot.querySelector('[role=alert]');
    const r = a.getBoundingClientRect();
    return { hidden: a.hidden, visible: !a.hidden && r.width > 0 && r.height > 0, text: a.textContent };
  });
}

test('the bad-input table: each bad chart says what is wrong, the good chart beside it keeps working', async (t) => {
  const context = await browser.newContext({ viewport: { width: 700, height: 1400 } });
  const rows = new Map(TABLE.map((r, i) => [`r${i}.json`, r]));
  const remote = await hostileServer();
  await context.route(`${URL_BASE}/t/data/*`, (route) => {
    const row = rows.get(route.request().url().split('/').pop());
    return row ? route.fulfill(row.res) : route.fulfill({ status: 404, body: 'no such row' });
  });
  const results = [];
  // A failed row must not leave the hostile server open (node would wait on it forever).
  t.after(() => remote.close());
  for (const [i, row] of TABLE.entries()) {
    if (process.env.ROWS && !row.name.includes(process.env.ROWS)) continue;
    const src = row.remote ? `${remote.url}${row.remote}` : `/t/data/r${i}.json`;
    const url = await fixture(context, `row${i}.html`, twoCharts(src, row.chart));
    const page = await context.newPage();
    const errors = watch(page);
    await page.goto(url);
    await settled(page, ['bad', 'good']);
    const bad = page.locator('#bad');
    const good = page.locator('#good');
    const alert = await alertOf(bad);
    const ready = await bad.evaluate((c) => c.hasAttribute('data-ready'));
    if (row.renders) {
      assert.ok(ready && alert.hidden, `${row.name}: renders (alert: ${alert.text})`);
      const { texts } = await fastSweep(bad, 8);
      assert.ok(texts.some((t) => t.includes(row.label)), `${row.name}: a tooltip shows ${row.label} (got ${texts.slice(0, 3)})`);
    } else {
      assert.ok(!ready && alert.visible, `${row.name}: a visible alert on the bad chart`);
      assert.match(alert.text, row.expect, `${row.name}: the alert names the problem`);
      assert.ok(alert.text.length < 4000, `${row.name}: the alert stays readable (${alert.text.length} chars)`);
    }
    assert.ok((await alertOf(good)).hidden, `${row.name}: the good chart shows no alert`);
    const { seen } = await fastSweep(good, 12);
    assert.ok(Object.keys(seen).length >= 2, `${row.name}: hovering the good chart shows its tooltips (${JSON.stringify(seen)})`);
    assert.deepEqual(errors, [], `${row.name}: nothing logged as an error`);
    results.push(`${row.name} → ${row.renders ? 'renders' : alert.text.replace(/^The chart cannot be shown/, '').slice(0, 160)}`);
    await page.close();
  }
  console.log(`# bad-input table:\n# ${results.join('\n# ')}`);
});

// ---- no label runs as code ----------------------------------------------------

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '"><script>window.__pwned=2;alert(2)</script>';
const hostile = JSON.stringify({
  schema: 1,
  charts: [{
    id: 'c', kind: 'donut',
    title: { zh: IMG, en: SCRIPT }, subtitle: { zh: SCRIPT, en: IMG },
    source: { zh: SCRIPT, en: IMG, url: 'javascript:window.__pwned=3' },
    datasets: [
      { id: 'd', label: { zh: IMG, en: SCRIPT }, unit: 'kW', items: [
        { id: 'a', label: { zh: IMG, en: IMG }, value: 5, note: { zh: SCRIPT, en: SCRIPT } },
        { id: 'b', label: { zh: SCRIPT, en: SCRIPT }, value: 3 },
      ] },
      { id: 'e', label: { zh: SCRIPT, en: IMG }, unit: 'kW', items: [{ id: 'a', label: { zh: IMG, en: IMG }, value: 1 }] },
    ],
  }],
});

test('no label runs as code: payloads are literal text in tooltip, table, aria-label, tabs and source', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  await context.route(`${URL_BASE}/t/data/hostile.json`, (r) => r.fulfill(json(hostile)));
  const url = await fixture(context, 'hostile.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/lvdong.js"></script></head><body><main style="max-width:640px">
<lvdong-chart id="x" lang="en" src="/t/data/hostile.json"></lvdong-chart></main></body></html>`);
  const page = await context.newPage();
  const errors = watch(page);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(url);
  await settled(page, ['x']);
  const x = page.locator('#x');
  await x.evaluate((c) => c.shadowRoot.querySelector('canvas').focus());
  await page.keyboard.press('ArrowRight');
  await frames(page);
  const dom = await x.evaluate((c) => {
    const r = c.shadowRoot;
    const tip = r.querySelector('.tip[data-shown]');
    return {
      ready: c.hasAttribute('data-ready'),
      tip: tip ? tip.textContent : null,
      table: r.querySelector('table.data').textContent,
      aria: r.querySelector('canvas').getAttribute('aria-label'),
      title: r.querySelector('.title').textContent,
      subtitle: r.querySelector('.subtitle').textContent,
      tabs: [...r.querySelectorAll('[role=tab]')].map((t) => t.textContent),
      source: r.querySelector('.source').textContent,
      links: r.querySelectorAll('.source a').length,
      elements: r.querySelectorAll('img, script, iframe').length + document.querySelectorAll('img, script:not([type=module])').length,
      live: r.querySelector('[aria-live]').textContent,
    };
  });
  assert.ok(dom.ready, 'the chart draws');
  assert.ok(dom.tip?.includes(IMG) && dom.tip.includes(SCRIPT), `tooltip shows label and note literally: ${dom.tip}`);
  assert.ok(dom.table.includes(IMG) && dom.table.includes(SCRIPT), 'table cells are literal');
  assert.ok(dom.aria.includes(IMG) || dom.aria.includes(SCRIPT), `aria-label is literal: ${dom.aria}`);
  assert.ok(dom.live.includes(IMG), 'the announcement is literal');
  assert.equal(dom.title, SCRIPT);
  assert.equal(dom.subtitle, IMG);
  assert.deepEqual(dom.tabs, [SCRIPT, IMG]);
  assert.ok(dom.source.includes(IMG), 'the source is text');
  assert.equal(dom.links, 0, 'a javascript: source is not a link');
  assert.equal(dom.elements, 0, 'no element was created from a label');
  // Give an injected handler every chance to run.
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload set its global');
  assert.deepEqual(errors, []);
});

// ---- long-lived pages do not grow ------------------------------------------------

test('long-lived page: 1,000 dataset switches, 1,000 attribute changes and 200 mounts do not grow heap or wasm memory', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const url = await fixture(context, 'memory.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/lvdong.js"></script></head><body><main style="max-width:640px">
<lvdong-chart id="m" chart="energy-mix"></lvdong-chart><div id="box"></div></main></body></html>`);
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(url);
  await settled(page, ['m']);
  const result = await page.evaluate(async () => {
    const { mount, engine: charts } = await import('/lvdong.js');
    const engine = await charts();
    const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
    const measure = async () => {
      for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 0)); }
      return { heap: performance.memory.usedJSHeapSize, wasm: engine.memory.buffer.byteLength };
    };
    const m = document.getElementById('m');
    const h = m.handle;
    const ids = ['shandong', 'yantai'];
    const runs = {
      switches: async (i) => { h.setDataset(ids[i % 2]); if (i % 20 === 0) await nextFrame(); },
      attributes: async (i) => {
        const names = ['lang', 'theme', 'dataset', 'lang'];
        const values = { lang: ['en', 'zh'], theme: ['dark', 'light'], dataset: ids };
        const n = names[i % 4];
        m.setAttribute(n, values[n][Math.floor(i / 4) % 2]);
        if (i % 20 === 0) await nextFrame();
      },
      mounts: async () => {
        const c = await mount(document.getElementById('box'), { chart: 'investment', lang: 'en' });
        await nextFrame();
        c.destroy();
      },
    };
    const counts = { switches: 1000, attributes: 1000, mounts: 200 };
    const out = {};
    for (const [name, run] of Object.entries(runs)) {
      for (let i = 0; i < 50; i++) await run(i);
      const base = await measure();
      for (let i = 50; i < counts[name]; i++) await run(i);
      const end = await measure();
      out[name] = { base, end };
    }
    out.left = document.getElementById('box').childElementCount;
    return out;
  });
  const MiB = 1024 * 1024;
  for (const [name, { base, end }] of Object.entries(result)) {
    if (name === 'left') continue;
    for (const k of ['heap', 'wasm']) {
      assert.ok(end[k] <= base[k] * 1.1 + MiB,
        `${name}: ${k} ${(end[k] / MiB).toFixed(2)} MiB after all cycles vs ${(base[k] / MiB).toFixed(2)} MiB after 50`);
    }
  }
  assert.equal(result.left, 0, 'every mounted chart is gone');
  assert.ok(await page.locator('#m').evaluate((c) => c.hasAttribute('data-ready')), 'the long-lived chart still works');
  assert.deepEqual(errors, []);
  console.log(`# memory (MiB, after 50 → after all): ${Object.entries(result).filter(([k]) => k !== 'left').map(([k, { base, end }]) => `${k} heap ${(base.heap / MiB).toFixed(2)}→${(end.heap / MiB).toFixed(2)}, wasm ${(base.wasm / MiB).toFixed(2)}→${(end.wasm / MiB).toFixed(2)}`).join('; ')}`);
});

/** Counts non-transparent pixels of a chart's canvas and reports its size. */
async function inked(loc) {
  return loc.evaluate((c) => {
    const cv = c.shadowRoot.querySelector('canvas');
    if (!cv.width || !cv.height) return { w: cv.width, h: cv.height, ink: 0, css: 0 };
    const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    const bg = [px[0], px[1], px[2]];
    let ink = 0;
    for (let i = 0; i < px.length; i += 16) {
      if (Math.abs(px[i] - bg[0]) + Math.abs(px[i + 1] - bg[1]) + Math.abs(px[i + 2] - bg[2]) > 60) ink++;
    }
    return { w: cv.width, h: cv.height, ink, css: cv.getBoundingClientRect().width };
  });
}

test('a resize storm and a zero-size container neither throw nor leave a blank chart', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const url = await fixture(context, 'resize.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/lvdong.js"></script></head><body>
<div id="storm" style="width:600px"><lvdong-chart id="s" chart="energy-mix"></lvdong-chart></div>
<div id="zero" style="width:0;height:0;overflow:hidden"><lvdong-chart id="z" chart="investment"></lvdong-chart></div>
</body></html>`);
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(url);
  await settled(page, ['s', 'z']);
  const before = await inked(page.locator('#s'));
  const t0 = Date.now();
  await page.evaluate(() => new Promise((done) => {
    const box = document.getElementById('storm');
    let n = 0;
    const timer = setInterval(() => {
      box.style.width = `${200 + ((n * 37) % 600)}px`;
      if (++n === 500) { clearInterval(timer); box.style.width = '600px'; done(); }
    }, 10);
  }));
  const stormMs = Date.now() - t0;
  await frames(page);
  await frames(page);
  const s = await inked(page.locator('#s'));
  // 500 timer ticks take 5 s at the least; a chart that redrew synchronously on
  // every resize would take far longer. The margin is for a loaded 2-core machine.
  assert.ok(stormMs < 10000, `500 resizes took ${stormMs} ms`);
  assert.ok(s.css === before.css && s.w === before.w && s.h === before.h && s.ink > 200,
    `after the storm the chart is back to its size and drawn: ${JSON.stringify({ before, s })}`);
  assert.ok(Math.abs(s.ink - before.ink) < before.ink * 0.05, `and looks as before (${before.ink} → ${s.ink} inked samples)`);

  const z0 = await inked(page.locator('#z'));
  assert.equal(z0.ink, 0, 'nothing drawn in a 0×0 box');
  await page.evaluate(() => { const z = document.getElementById('zero'); z.style.width = '500px'; z.style.height = 'auto'; });
  await page.waitForFunction(() => document.getElementById('z').shadowRoot.querySelector('canvas').getBoundingClientRect().width > 400);
  await frames(page);
  const z1 = await inked(page.locator('#z'));
  assert.ok(z1.ink > 200, `grown from 0×0, the chart is drawn: ${JSON.stringify(z1)}`);
  const alerts = await page.evaluate(() => ['s', 'z'].map((id) => document.getElementById(id).shadowRoot.querySelector('[role=alert]').hidden));
  assert.deepEqual(alerts, [true, true]);
  assert.deepEqual(errors, []);
});

// ---- network and lifecycle edges ------------------------------------------------

const titled = (t) => JSON.stringify({
  schema: 1,
  charts: [{
    id: 'c', kind: 'bar', title: { zh: t, en: t }, source: { zh: 's', en: 's' },
    datasets: [{ id: 'd', label: { zh: 'l', en: 'l' }, unit: 'kW', items: [item(0), item(1)] }],
  }],
});

test('network edges: removed while loading, one fetch for a shared src, the last src wins', async () => {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const hits = {};
  const delays = { 'slow.json': 600, 'shared.json': 200, 'first.json': 700, 'last.json': 50, 'gone.json': 400 };
  await context.route(`${URL_BASE}/t/net/*`, async (route) => {
    const name = route.request().url().split('/').pop();
    hits[name] = (hits[name] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, delays[name] ?? 0));
    await route.fulfill(json(titled(name))).catch(() => {});
  });
  const url = await fixture(context, 'net.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/lvdong.js"></script></head><body><main id="main" style="max-width:640px">
<lvdong-chart id="a" src="/t/net/shared.json"></lvdong-chart>
<lvdong-chart id="b" src="/t/net/shared.json"></lvdong-chart>
</main></body></html>`);
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(url);
  await settled(page, ['a', 'b']);
  assert.equal(hits['shared.json'], 1, 'two charts with the same src fetch it once');
  for (const id of ['a', 'b']) {
    assert.equal(await page.locator(`#${id} >> css=.title`).textContent(), 'shared.json');
  }

  // Removed while its src is loading: nothing happens when the answer comes.
  await page.evaluate(() => {
    const c = document.createElement('lvdong-chart');
    c.id = 'gone';
    c.setAttribute('src', '/t/net/gone.json');
    document.getElementById('main').append(c);
    setTimeout(() => c.remove(), 100);
    globalThis.goneEl = c;
  });
  await page.waitForTimeout(700);
  const gone = await page.evaluate(() => ({
    ready: goneEl.hasAttribute('data-ready') || goneEl.hasAttribute('data-error'),
    children: goneEl.shadowRoot.childElementCount,
  }));
  assert.equal(hits['gone.json'], 1);
  assert.deepEqual(gone, { ready: false, children: 0 }, 'a removed chart does not come back to life');

  // src changed while loading: only the last one shows, even when the first answers later.
  await page.evaluate(() => {
    const c = document.createElement('lvdong-chart');
    c.id = 'switch';
    c.setAttribute('src', '/t/net/first.json');
    document.getElementById('main').append(c);
    setTimeout(() => c.setAttribute('src', '/t/net/last.json'), 50);
  });
  await page.waitForFunction(() => document.getElementById('switch').hasAttribute('data-ready'));
  assert.equal(await page.locator('#switch >> css=.title').textContent(), 'last.json');
  await page.waitForTimeout(900);
  assert.equal(hits['first.json'], 1);
  assert.equal(await page.locator('#switch >> css=.title').textContent(), 'last.json', 'the slower first file does not replace the last');
  assert.deepEqual(errors, []);
});
