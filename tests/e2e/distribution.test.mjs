// Distribution (issue 17) against the built dist/: content-hashed names a CDN
// may cache forever (and an old hash 404s), the gallery's Subresource
// Integrity for lvdong.js under the strict CSP, `version` and two copies on
// one page, and PNG images that look like their SVG as Chromium draws it.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, chartsReady, fixture, URL_BASE, CSP_URL } from './helpers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

const get = async (path) => {
  const res = await fetch(`${URL_BASE}/${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
};

test('the demo loads its wasm and data by content hash; the hashes are the content; old names 404', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const loaded = [];
  const errors = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${URL_BASE}/`);
  await chartsReady(page);
  const wasm = loaded.find((p) => /^\/lvdong\.[0-9a-f]{8}\.wasm$/.test(p));
  const data = loaded.find((p) => /^\/data\/article\.[0-9a-f]{8}\.json$/.test(p));
  assert.ok(wasm, `the page loads a hashed wasm: ${loaded.join(' ')}`);
  assert.ok(data, `the page loads hashed built-in data: ${loaded.join(' ')}`);
  const story = loaded.find((p) => /^\/lvdong-story\.[0-9a-f]{8}\.js$/.test(p));
  assert.ok(story, `the article's story mode loads by hash: ${loaded.join(' ')}`);
  assert.ok(!loaded.some((p) => /lvdong_bg|\/pkg\/|lvdong-story\.js/.test(p)), 'no unhashed file is requested');
  for (const path of [wasm, data, story]) {
    const r = await get(path.slice(1));
    assert.equal(r.status, 200, path);
    const hash = createHash('sha256').update(r.body).digest('hex').slice(0, 8);
    assert.ok(path.includes(`.${hash}.`), `${path} is named by its content (sha256 ${hash})`);
  }
  assert.match((await get(wasm.slice(1))).type, /application\/wasm/);
  // A CDN keeps old names forever; the server must not answer them with the new file.
  const stale = wasm.replace(/\.([0-9a-f]{8})\./, (_, h) => `.${(parseInt(h, 16) ^ 1).toString(16).padStart(8, '0')}.`);
  for (const old of [stale.slice(1), 'pkg/lvdong_bg.wasm', 'lvdong.00000000.wasm', 'lvdong-story.js']) {
    assert.equal((await get(old)).status, 404, `${old} is gone`);
  }
  // _headers: the hashed files are immutable, lvdong.js is revalidated.
  const headers = (await get('_headers')).body.toString();
  assert.match(headers, new RegExp(`${wasm.replace(/\./g, '\\.')}\\n\\s+Cache-Control: [^\\n]*immutable`));
  assert.match(headers, /\/lvdong\.js\n\s+Cache-Control: [^\n]*max-age=300/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the gallery pins lvdong.js with its SRI hash, loads under the strict CSP, and refuses a changed file', async () => {
  const js = (await get('lvdong.js')).body;
  const sri = `sha384-${createHash('sha384').update(js).digest('base64')}`;
  const html = (await get('gallery.html')).body.toString();
  const head = html.match(/<script type="module" src="lvdong\.js" integrity="([^"]+)"><\/script>/);
  assert.ok(head, 'the gallery loads lvdong.js with an integrity attribute');
  assert.equal(head[1], sri, 'the integrity is the file’s sha384');
  const snippets = [...html.matchAll(/&lt;script type=&quot;module&quot; src=&quot;lvdong\.js&quot; integrity=&quot;([^&]+)&quot;&gt;/g)];
  assert.ok(snippets.length >= 5, `every copy-paste snippet carries it (${snippets.length})`);
  for (const s of snippets) assert.equal(s[1], sri);

  const { context, page, errors } = await openPage(browser, `${CSP_URL}/gallery.html`);
  await chartsReady(page);
  const states = await page.$$eval('lvdong-chart', (cs) => cs.map((c) => c.hasAttribute('data-ready')));
  assert.ok(states.length >= 5 && states.every(Boolean), `every gallery chart draws under the CSP: ${states}`);
  assert.deepEqual(errors, []);
  await context.close();

  // One changed byte and the browser must refuse the file: the charts never start.
  const tampered = await browser.newContext();
  await tampered.route(`${URL_BASE}/lvdong.js`, async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace('lvdong-hover', 'lvdong-hovex');
    await route.fulfill({ response: res, body });
  });
  const p2 = await tampered.newPage();
  const blocked = [];
  p2.on('console', (m) => { if (m.type() === 'error') blocked.push(m.text()); });
  await p2.goto(`${URL_BASE}/gallery.html`);
  await p2.waitForTimeout(1500);
  assert.equal(await p2.evaluate(() => !!customElements.get('lvdong-chart')), false, 'a tampered lvdong.js does not run');
  assert.ok(blocked.some((m) => /integrity/i.test(m)), `the console names the integrity failure: ${blocked}`);
  await tampered.close();
});

test('lvdong.js exports its version; a second copy of another version warns once and breaks nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  // The same file under another URL is another module instance: a second copy.
  await context.route(/\/lvdong\.js\?copy=/, async (route) => {
    const res = await route.fetch({ url: `${URL_BASE}/lvdong.js` });
    const other = route.request().url().endsWith('copy=other');
    const body = (await res.text()).replaceAll(`"${VERSION}"`, other ? '"99.0.0"' : `"${VERSION}"`);
    await route.fulfill({ response: res, body });
  });
  const url = await fixture(context, 'two-copies.html', `<!doctype html><html><head><meta charset="utf-8">
<script type="module" src="/lvdong.js"></script></head><body style="max-width:640px">
<lvdong-chart chart="energy-mix"></lvdong-chart></body></html>`);
  const page = await context.newPage();
  const warnings = [];
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await chartsReady(page);
  const versions = await page.evaluate(async () => {
    const first = await import('/lvdong.js');
    const same = await import('/lvdong.js?copy=same');
    const other = await import('/lvdong.js?copy=other');
    const el = document.createElement('lvdong-chart');
    el.setAttribute('chart', 'investment');
    document.body.append(el);
    const h = await other.mount(document.body, { chart: 'energy-mix', lang: 'en' });
    return { first: first.version, same: same.version, other: other.version, mounted: h.element.hasAttribute('data-ready') };
  });
  await chartsReady(page);
  assert.equal(versions.first, VERSION, 'version is the crate’s');
  assert.equal(versions.same, VERSION);
  assert.equal(versions.other, '99.0.0');
  assert.ok(versions.mounted, 'mount() from the second copy draws with the first copy’s element');
  const twoVersions = warnings.filter((w) => w.includes('99.0.0'));
  assert.equal(twoVersions.length, 1, `one warning for the other version: ${warnings}`);
  assert.match(twoVersions[0], new RegExp(`already ${VERSION.replace(/\./g, '\\.')}`));
  assert.ok(!warnings.some((w) => /already/.test(w) && !w.includes('99.0.0')), 'the same version twice is not a warning');
  const ready = await page.$$eval('lvdong-chart', (cs) => cs.map((c) => c.hasAttribute('data-ready')));
  assert.deepEqual(ready, [true, true, true]);
  assert.deepEqual(errors, []);
  await context.close();
});

// PNGs that `cargo xtask test` rendered natively (resvg) beside their SVG.
const PNG_DIR = process.env.LVDONG_PNG_DIR;

test('a PNG has ink where its SVG has marks and its CJK text renders (against Chromium drawing the SVG)', { skip: !PNG_DIR && 'LVDONG_PNG_DIR not set (cargo xtask test sets it)' }, async () => {
  const names = readdirSync(PNG_DIR).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4));
  assert.ok(names.length >= 2, `pairs to compare: ${names}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  for (const name of names) {
    assert.ok(existsSync(join(PNG_DIR, `${name}.svg`)), `${name}.svg beside the PNG`);
    const svg = readFileSync(join(PNG_DIR, `${name}.svg`)).toString('base64');
    const png = readFileSync(join(PNG_DIR, `${name}.png`)).toString('base64');
    const r = await page.evaluate(async ({ svg, png }) => {
      const load = (src) => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
      const [a, b] = [await load(`data:image/svg+xml;base64,${svg}`), await load(`data:image/png;base64,${png}`)];
      const w = b.naturalWidth, h = b.naturalHeight;
      const pixels = (img) => {
        const c = new OffscreenCanvas(w, h);
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0, w, h);
        return g.getImageData(0, 0, w, h).data;
      };
      const [s, p] = [pixels(a), pixels(b)];
      const bg = [s[0], s[1], s[2]];
      const inked = (d, i) => Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 60;
      let both = 0, either = 0, diff = 0, titleSvg = 0, titlePng = 0;
      const titleRows = Math.round(h * 0.1);
      for (let i = 0; i < s.length; i += 4) {
        const x = inked(s, i), y = inked(p, i);
        if (x && y) both++;
        if (x || y) either++;
        diff += Math.abs(s[i] - p[i]) + Math.abs(s[i + 1] - p[i + 1]) + Math.abs(s[i + 2] - p[i + 2]);
        if (i / 4 < titleRows * w) { titleSvg += x; titlePng += y; }
      }
      return { w, h, sw: a.naturalWidth, sh: a.naturalHeight, overlap: both / either, meanDiff: diff / (s.length / 4) / 3, titleSvg, titlePng };
    }, { svg, png });
    assert.equal(r.w, r.sw, `${name}: same width`);
    assert.equal(r.h, r.sh, `${name}: same height`);
    // Glyph outlines and anti-aliasing differ a little between rasterizers;
    // a missing mark, a shifted layout or empty boxes for text do not pass.
    assert.ok(r.overlap > 0.8, `${name}: inked pixels agree (${r.overlap.toFixed(3)})`);
    assert.ok(r.meanDiff < 8, `${name}: mean difference per channel ${r.meanDiff.toFixed(2)}`);
    assert.ok(r.titlePng > 0.8 * r.titleSvg && r.titlePng < 1.25 * r.titleSvg && r.titleSvg > 500,
      `${name}: the title's glyphs are drawn (${r.titlePng} vs ${r.titleSvg} inked pixels)`);
  }
  await context.close();
});
