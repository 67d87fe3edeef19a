// Every chart of the demo article, as a reader meets it: every item by mouse
// and keyboard with the value its table states, tabs, the table view, no-JS
// and print fallbacks, the iframe embed, axe, and screenshots for a person.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import {
  launch, openPage, chartsReady, tooltipText, canvasPixels, tableRows, fastSweep, frames, artifact, URL_BASE,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
// A failed assertion must not leave its context (and its pages) open for the next test.
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

// The charts the article places at the paragraphs whose figures they show.
const ARTICLE_CHARTS = ['investment', 'energy-mix', 'project-status', 'shandong-h1', 'plan-progress', 'yantai-2025',
  'conference', 'henkel-yantai', 'yantai-2022', 'action-plan'];

const charts = (page) => page.locator('lvdong-chart');
const tabsOf = (loc) => loc.evaluate((c) => [...c.shadowRoot.querySelectorAll('[role=tab]')].map((t) => t.dataset.id));
const selectedTab = (loc) => loc.evaluate((c) => c.shadowRoot.querySelector('[role=tab][aria-selected=true]')?.dataset.id ?? null);
const name = async (loc) => `${await loc.getAttribute('chart')}/${await loc.getAttribute('dataset') ?? ''}`;

test('the article carries every chart, each drawn by the wasm engine', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`);
  await chartsReady(page);
  const ids = await charts(page).evaluateAll((cs) => cs.map((c) => c.getAttribute('chart')));
  for (const id of ARTICLE_CHARTS) assert.ok(ids.includes(id), `the article shows ${id}`);
  const failed = await charts(page).evaluateAll((cs) => cs.filter((c) => !c.hasAttribute('data-ready'))
    .map((c) => `${c.getAttribute('chart')}: ${c.shadowRoot.querySelector('[role=alert]')?.textContent}`));
  assert.deepEqual(failed, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('sweeping the pointer over every chart and dataset surfaces every item with its table value', async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, errors } = await openPage(browser, `${URL_BASE}/?lang=${lang}`, { viewport: { width: 1000, height: 900 } });
    await chartsReady(page);
    const all = [];
    for (const loc of await charts(page).all()) {
      if (!(await loc.getAttribute('data-ready') === '')) continue;
      const tabs = await tabsOf(loc);
      for (const ds of tabs.length ? tabs : [null]) {
        if (ds) await loc.evaluate((c, ds) => c.shadowRoot.querySelector(`[role=tab][data-id="${ds}"]`).click(), ds);
        await loc.scrollIntoViewIfNeeded();
        await frames(page);
        const rows = await tableRows(loc);
        const { seen, texts } = await fastSweep(loc, 5);
        for (const r of rows) {
          assert.equal(seen[r.label], r.value, `${await name(loc)} ${ds ?? ''} (${lang}): hovering "${r.label}" shows ${r.value}`);
        }
        all.push(...texts, ...rows.map((r) => r.value));
      }
    }
    const text = all.join('\n');
    if (lang === 'zh') {
      for (const fact of ['8382万千瓦', '41.8%', '6248.1亿元', '1.72万亿元', '54.3%', '7622.5亿元', '55.7%']) {
        assert.ok(text.includes(fact), `a reader can reach ${fact}`);
      }
    } else {
      for (const fact of ['83.82 GW', '41.8%', '624.81 billion yuan', '1.72 trillion yuan']) {
        assert.ok(text.includes(fact), `a reader can reach ${fact}`);
      }
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('tabs switch datasets: aria-selected moves, the canvas redraws, the event fires', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`);
  await chartsReady(page);
  let tabbed = 0;
  for (const loc of await charts(page).all()) {
    const tabs = await tabsOf(loc);
    if (tabs.length < 2) continue;
    tabbed += 1;
    await loc.scrollIntoViewIfNeeded();
    const first = await selectedTab(loc);
    const other = tabs.find((t) => t !== first);
    const before = await canvasPixels(loc);
    await loc.evaluate((c) => { c.lastChange = null; c.addEventListener('lvdong-datasetchange', (e) => { c.lastChange = e.detail; }); });
    const tab = await loc.evaluateHandle((c, id) => c.shadowRoot.querySelector(`[role=tab][data-id="${id}"]`), other);
    await tab.asElement().click();
    await frames(page);
    assert.equal(await selectedTab(loc), other);
    assert.notEqual(await canvasPixels(loc), before, `${await name(loc)}: the canvas changes`);
    assert.deepEqual(await loc.evaluate((c) => c.lastChange), { chart: await loc.getAttribute('chart'), dataset: other, cause: 'tab' });
    // Arrow keys move between tabs (roving focus).
    await page.keyboard.press('ArrowLeft');
    await frames(page);
    assert.notEqual(await selectedTab(loc), other);
  }
  assert.ok(tabbed >= 1, 'some chart has dataset tabs');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the keyboard reaches every item, announces it, and Esc clears; focus is visible', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`);
  await chartsReady(page);
  for (const loc of await charts(page).all()) {
    if (!(await loc.getAttribute('data-ready') === '')) continue;
    await loc.scrollIntoViewIfNeeded();
    const rows = await tableRows(loc);
    // Tab into the canvas from the last control before it.
    await loc.evaluate((c) => c.shadowRoot.querySelector('.toggle button:last-child').focus());
    await page.keyboard.press('Tab');
    const focus = await loc.evaluate((c) => {
      const a = c.shadowRoot.activeElement;
      return { tag: a?.tagName, outline: a && getComputedStyle(a).outlineStyle };
    });
    assert.deepEqual(focus, { tag: 'CANVAS', outline: 'solid' }, `${await name(loc)}: the canvas takes visible focus`);
    const labels = [];
    await page.keyboard.press('Home');
    for (let i = 0; i < rows.length; i++) {
      labels.push(await loc.evaluate((c) => c.shadowRoot.querySelector('.tip[data-shown] .tip-label')?.textContent));
      const live = await loc.evaluate((c) => c.shadowRoot.querySelector('[aria-live]').textContent);
      assert.ok(live.includes(labels[i]), `the live region announces ${labels[i]}`);
      await page.keyboard.press('ArrowRight');
    }
    assert.deepEqual(labels, rows.map((r) => r.label), `${await name(loc)}: arrows reach every item in order`);
    await page.keyboard.press('End');
    assert.equal(await loc.evaluate((c) => c.shadowRoot.querySelector('.tip[data-shown] .tip-label')?.textContent), rows.at(-1).label);
    await page.keyboard.press('ArrowUp');
    if (rows.length > 1) assert.equal(await loc.evaluate((c) => c.shadowRoot.querySelector('.tip[data-shown] .tip-label')?.textContent), rows.at(-2).label);
    await page.keyboard.press('Escape');
    assert.equal(await tooltipText(loc), null);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the data table is always there for screen readers and shown by the 图表/表格 toggle; targets are at least 24 px', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`, { viewport: { width: 360, height: 800 } });
  await chartsReady(page);
  for (const loc of await charts(page).all()) {
    if (!(await loc.getAttribute('data-ready') === '')) continue;
    const state = () => loc.evaluate((c) => {
      const t = c.shadowRoot.querySelector('table.data');
      const r = t.parentElement.getBoundingClientRect();
      return { display: getComputedStyle(t).display, rows: t.tBodies[0].rows.length, w: r.width, h: r.height };
    });
    const hidden = await state();
    assert.equal(hidden.display, 'table', 'not display:none, so screen readers find it');
    assert.ok(hidden.rows > 0);
    assert.ok(hidden.w <= 1 && hidden.h <= 1, 'visually hidden in chart view');
    const small = await loc.evaluate((c) => [...c.shadowRoot.querySelectorAll('button, a')].map((b) => b.getBoundingClientRect())
      .filter((r) => r.width < 24 || r.height < 24).length);
    assert.equal(small, 0, `${await name(loc)}: every control is at least 24×24 CSS px`);
    const toggle = await loc.evaluateHandle((c) => c.shadowRoot.querySelector('.toggle button:last-child'));
    await loc.scrollIntoViewIfNeeded();
    await toggle.asElement().click();
    const shown = await state();
    assert.ok(shown.w > 200 && shown.h > 40, `${await name(loc)}: the table shows on demand`);
    assert.equal(await toggle.asElement().getAttribute('aria-pressed'), 'true');
    await loc.evaluate((c) => c.shadowRoot.querySelector('.toggle button:first-child').click());
    assert.ok((await state()).w <= 1);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('no card subtitle leaves a single character on a line of its own at phone width', async () => {
  const { context, page } = await openPage(browser, `${URL_BASE}/`, { viewport: { width: 360, height: 800 } });
  await chartsReady(page);
  // Characters per rendered line, from each character's own box.
  const lines = await charts(page).evaluateAll((cs) => cs.map((c) => {
    const p = c.shadowRoot.querySelector('.subtitle');
    const text = p.firstChild;
    if (p.hidden || !text) return null;
    const range = document.createRange();
    const tops = new Map();
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      tops.set(top, (tops.get(top) ?? '') + text.data[i]);
    }
    return { chart: c.getAttribute('chart'), lines: [...tops.values()] };
  }).filter(Boolean));
  assert.ok(lines.some((l) => l.chart === 'investment' && l.lines.length > 1), 'the long subtitle wraps at 360 px');
  const stray = lines.filter((l) => l.lines.some((line) => line.trim().length < 2));
  assert.deepEqual(stray, [], 'subtitles with a lone character on a line');
  await context.close();
});

test('a dataset note is visible under the chart on the card and stays in the table view, in both languages', async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, errors } = await openPage(browser, `${URL_BASE}/?lang=${lang}`, { viewport: { width: 800, height: 900 } });
    await chartsReady(page);
    const loc = page.locator('lvdong-chart[chart="investment"]').first();
    await loc.scrollIntoViewIfNeeded();
    const want = lang === 'zh' ? '可能相互重叠，不可相加' : 'may overlap: do not add them up';
    const note = () => loc.evaluate((c) => {
      const n = c.shadowRoot.querySelector('.note');
      const r = n.getBoundingClientRect();
      const canvas = c.shadowRoot.querySelector('canvas').getBoundingClientRect();
      return { text: n.textContent, shown: !n.hidden && r.width > 100 && r.height > 10, below: r.top >= canvas.bottom - 1 };
    });
    const chart = await note();
    assert.ok(chart.text.includes(want), `the card says "${want}": ${chart.text}`);
    assert.ok(chart.shown && chart.below, `the note is visible under the chart: ${JSON.stringify(chart)}`);
    // In the table view the note stays, under the table.
    await loc.evaluate((c) => c.shadowRoot.querySelector('.toggle button:last-child').click());
    const table = await loc.evaluate((c) => {
      const t = c.shadowRoot.querySelector('table.data').getBoundingClientRect();
      const n = c.shadowRoot.querySelector('.note');
      const r = n.getBoundingClientRect();
      return { text: n.textContent, table: t.width > 200 && t.height > 40, note: r.width > 100 && r.height > 10 && r.top >= t.bottom - 1 };
    });
    assert.ok(table.table && table.note && table.text.includes(want), `in the table view the note is visible under the table: ${JSON.stringify(table)}`);
    // A dataset without a note shows none.
    const h1 = page.locator('lvdong-chart[chart="shandong-h1"]').first();
    assert.equal(await h1.evaluate((c) => c.shadowRoot.querySelector('.note').hidden), true);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the other-sources page shows the five supplementary charts, each with its source, date and note', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/other-sources.html`, { viewport: { width: 900, height: 900 } });
  await chartsReady(page);
  const cards = await page.locator('lvdong-chart').evaluateAll((cs) => cs.map((c) => ({
    id: c.getAttribute('chart'),
    ready: c.hasAttribute('data-ready'),
    source: c.shadowRoot.querySelector('.source')?.textContent ?? '',
    note: c.shadowRoot.querySelector('.note')?.textContent ?? '',
  })));
  assert.deepEqual(cards.map((c) => c.id), ['shandong-capacity-may-2023', 'shandong-renewables-official', 'haiyang-nuclear', 'signed-on-site', 'yantai-clean-2023']);
  for (const c of cards) {
    assert.ok(c.ready, `${c.id} draws`);
    assert.ok(/20\d\d/.test(c.source) && !c.source.includes('烟台日报'), `${c.id}: its own source and date: ${c.source}`);
    assert.ok(c.note.includes('文章'), `${c.id}: a note relating it to the article: ${c.note}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('with JavaScript disabled every chart is a visible image with a real alt text', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${URL_BASE}/`);
  const imgs = await charts(page).evaluateAll((cs) => cs.map((c) => {
    const img = c.querySelector(':scope > img');
    return img && { chart: c.getAttribute('chart'), alt: img.alt, src: img.getAttribute('src') };
  }));
  assert.ok(imgs.length >= ARTICLE_CHARTS.length);
  for (const [i, img] of imgs.entries()) {
    assert.ok(img, `chart #${i} has a fallback image`);
    assert.match(img.src, /^fallback\/.+\.svg$/);
    assert.ok(img.alt.length > 20, `${img.chart}: alt text "${img.alt}"`);
    const loc = charts(page).nth(i).locator(':scope > img');
    await loc.scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll('lvdong-chart > img')[n].complete, i);
    const box = await loc.boundingBox();
    assert.ok(box && box.height > 100, `${img.chart}: the image is visible`);
    assert.ok(await loc.evaluate((e) => e.naturalWidth > 0), `${img.chart}: the image loads`);
  }
  const sd = imgs.find((i) => i.chart === 'energy-mix' && i.src.includes('shandong'));
  assert.match(sd.alt, /8382万千瓦/);
  await page.screenshot({ path: artifact('article-nojs.png') });
  await context.close();
});

test('printing shows the static image instead of the interactive card', async () => {
  const { context, page } = await openPage(browser, `${URL_BASE}/`);
  await chartsReady(page);
  await page.emulateMedia({ media: 'print' });
  const loc = page.locator('lvdong-chart[chart="energy-mix"]').first();
  const r = await loc.evaluate((c) => ({
    img: c.querySelector(':scope > img').getBoundingClientRect().height,
    panel: c.shadowRoot.querySelector('.panel').getBoundingClientRect().height,
    tabs: getComputedStyle(c.shadowRoot.querySelector('.bar')).display,
  }));
  assert.ok(r.img > 100, 'the fallback image prints');
  assert.equal(r.panel, 0);
  assert.equal(r.tabs, 'none');
  await context.close();
});

test('the iframe embed reports its height and its frame needs no scrollbar', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/gallery.html`, { viewport: { width: 800, height: 900 } });
  const frameEl = page.locator('#iframe-height iframe');
  await frameEl.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#iframe-height iframe').style.height !== '');
  const frame = await (await frameEl.elementHandle()).contentFrame();
  await frame.waitForFunction(() => document.querySelector('lvdong-chart')?.hasAttribute('data-ready'));
  await page.waitForTimeout(200);
  const m = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,
    body: document.body.getBoundingClientRect().height, title: document.title,
  }));
  const outer = await frameEl.evaluate((f) => parseFloat(f.style.height));
  assert.ok(Math.abs(outer - m.body) <= 1, `the iframe is as tall as its chart (${outer} vs ${m.body})`);
  assert.ok(m.scroll <= m.client, `nothing to scroll inside the frame (${m.scroll} > ${m.client})`);
  assert.ok(m.body > 200);
  assert.notEqual(m.title, '绿动图表 · lvdong chart', 'the embed takes the chart title');
  // The frame follows a width change (the chart re-lays out and reports again).
  await page.setViewportSize({ width: 380, height: 900 });
  await page.waitForFunction((h) => parseFloat(document.querySelector('#iframe-height iframe').style.height) !== h, outer);
  await frameEl.screenshot({ path: artifact('iframe-embed-380.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the embed page shows the requested chart, dataset, language and theme', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/embed.html?chart=energy-mix&dataset=yantai&lang=en&theme=dark`, { viewport: { width: 600, height: 700 } });
  await chartsReady(page);
  const c = page.locator('lvdong-chart');
  assert.equal(await selectedTab(c), 'yantai');
  assert.equal(await c.evaluate((e) => e.shadowRoot.querySelector('.card').dataset.theme), 'dark');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await c.screenshot({ path: artifact('embed-en-dark.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe finds no violations on the article, the embed page, the gallery and the other-sources page in both languages and themes', async () => {
  const pages = ['/', '/embed.html?chart=energy-mix', '/gallery.html', '/other-sources.html'];
  const failures = [];
  for (const path of pages) {
    for (const [lang, theme] of [['zh', 'light'], ['en', 'dark'], ['zh', 'dark'], ['en', 'light']]) {
      const sep = path.includes('?') ? '&' : '?';
      const { context, page } = await openPage(browser, `${URL_BASE}${path}${sep}lang=${lang}&theme=${theme}`);
      await chartsReady(page);
      const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      for (const v of res.violations) {
        failures.push(`${path} ${lang}/${theme}: ${v.id} — ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      await context.close();
    }
  }
  assert.deepEqual(failures, []);
});

test('screenshots at 360 px and desktop, DPR 1 and 2, both languages and themes (for a person to look at)', async () => {
  const combos = [
    { w: 360, dpr: 2, lang: 'zh', theme: 'light' }, { w: 360, dpr: 2, lang: 'en', theme: 'dark' },
    { w: 360, dpr: 1, lang: 'en', theme: 'light' }, { w: 360, dpr: 1, lang: 'zh', theme: 'dark' },
    { w: 1280, dpr: 1, lang: 'zh', theme: 'light' }, { w: 1280, dpr: 1, lang: 'en', theme: 'dark' },
    { w: 1280, dpr: 2, lang: 'en', theme: 'light' }, { w: 1280, dpr: 2, lang: 'zh', theme: 'dark' },
  ];
  for (const c of combos) {
    const { context, page, errors } = await openPage(browser, `${URL_BASE}/?lang=${c.lang}&theme=${c.theme}`, { viewport: { width: c.w, height: 900 }, deviceScaleFactor: c.dpr });
    await chartsReady(page);
    const tag = `${c.w}-dpr${c.dpr}-${c.lang}-${c.theme}`;
    await page.screenshot({ path: artifact(`article-top-${tag}.png`) });
    let i = 0;
    for (const loc of await charts(page).all()) {
      await loc.scrollIntoViewIfNeeded();
      await frames(page);
      const cv = await loc.evaluate((e) => {
        const cv = e.shadowRoot.querySelector('canvas');
        return cv ? { w: cv.width, css: cv.getBoundingClientRect().width } : null;
      });
      if (cv && cv.css > 0) assert.equal(cv.w, Math.round(cv.css * c.dpr), 'the backing store is CSS size × DPR');
      const overflow = await loc.evaluate((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth);
      assert.equal(overflow, false, `${await name(loc)} fits ${c.w} px`);
      await loc.screenshot({ path: artifact(`chart-${i++}-${(await loc.getAttribute('chart'))}-${tag}.png`) });
    }
    const hscroll = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(hscroll, false, `${tag}: no horizontal scrolling`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the gallery\'s snippets, pasted into a blank page next to lvdong.js, give working charts and iframes', async () => {
  const { context, page } = await openPage(browser, `${URL_BASE}/gallery.html`);
  const snippets = await page.locator('.entry pre code').allTextContents();
  const elements = snippets.filter((s) => s.includes('<lvdong-chart'));
  const iframes = snippets.filter((s) => s.startsWith('<iframe'));
  const listener = snippets.find((s) => s.includes('lvdong:height'));
  assert.equal(elements.length, iframes.length);
  assert.ok(elements.length >= ARTICLE_CHARTS.length);
  assert.ok(listener, 'the parent-side listener is documented');
  const blank = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head><body>
${elements.join('\n')}
${iframes[0]}
<script>${listener}</script></body></html>`;
  await context.route(`${URL_BASE}/pasted.html`, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: blank }));
  const p2 = await context.newPage();
  const errors = [];
  p2.on('pageerror', (e) => errors.push(String(e)));
  await p2.goto(`${URL_BASE}/pasted.html`);
  await chartsReady(p2);
  const states = await p2.locator('lvdong-chart').evaluateAll((cs) => cs.map((c) => c.hasAttribute('data-ready')));
  assert.deepEqual(states, elements.map(() => true));
  const f = p2.locator('iframe');
  await f.scrollIntoViewIfNeeded();
  await p2.waitForFunction(() => document.querySelector('iframe').style.height !== '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('units: a hover veils the other items over the cached dots, and leaving restores the exact picture', async () => {
  const { context, page, errors } = await openPage(browser, `${URL_BASE}/`, { viewport: { width: 1000, height: 900 } });
  await chartsReady(page);
  const loc = page.locator('lvdong-chart[chart="project-status"]').first();
  await loc.scrollIntoViewIfNeeded();
  await frames(page);
  const r = await loc.evaluate((c) => {
    const ctl = c.ctl;
    const cv = c.shadowRoot.querySelector('canvas');
    const ctx = cv.getContext('2d');
    const dpr = cv.width / cv.getBoundingClientRect().width;
    const all = () => Array.from(ctx.getImageData(0, 0, cv.width, cv.height).data);
    const px = (p) => Array.from(ctx.getImageData(Math.round(p.x * dpr), Math.round(p.y * dpr), 1, 1).data);
    ctl.draw();
    const before = all();
    // Two dots of different items, by the view's own hit test (CSS px).
    const found = {};
    for (let y = 2; y < cv.height / dpr && Object.keys(found).length < 2; y += 3) {
      for (let x = 2; x < cv.width / dpr && Object.keys(found).length < 2; x += 3) {
        ctl.view.pointer(x, y);
        const text = ctl.view.tooltip();
        const t = text === undefined ? null : JSON.parse(text);
        if (t && !found[t.id]) found[t.id] = { x: t.x, y: t.y };
      }
    }
    ctl.view.clear();
    const [a, b] = Object.values(found);
    const base = { a: px(a), b: px(b) };
    ctl.view.pointer(a.x, a.y);
    ctl.draw();
    const lit = { a: px(a), b: px(b) };
    ctl.view.pointer(b.x, b.y);
    ctl.draw();
    const swapped = { a: px(a), b: px(b) };
    ctl.view.clear();
    ctl.draw();
    const after = all();
    const same = before.length === after.length && before.every((v, i) => v === after[i]);
    return { base, lit, swapped, same, bg: Array.from(ctx.getImageData(1, 1, 1, 1).data) };
  });
  const dimmed = (c) => c.slice(0, 3).map((v, i) => v * 0.45 + r.bg[i] * 0.55);
  const near = (got, want, what) => got.slice(0, 3).forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 3, `${what}: ${got} vs ${want}`));
  near(r.lit.a, r.base.a, 'the highlighted item keeps its colour');
  near(r.lit.b, dimmed(r.base.b), 'another item is dimmed toward the background');
  near(r.swapped.b, r.base.b, 'moving to the other item restores its colour');
  near(r.swapped.a, dimmed(r.base.a), 'and dims the first');
  assert.ok(r.same, 'leaving the chart restores the exact first picture');
  assert.deepEqual(errors, []);
  await context.close();
});
