// Story mode and transitions in the browser: the demo article's section C
// steps the investment and energy-mix charts as the reader scrolls, both
// ways; a switch animates (a bar mid-way), not under reduced motion; hover
// mid-transition finds the moving mark; a step is announced once; steps
// naming nothing warn once; the event says what caused a switch.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, chartsReady, tooltipText, fixture, URL_BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

async function openArticle(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${URL_BASE}/`);
  await chartsReady(page);
  await page.evaluate(() => {
    window.changes = [];
    document.addEventListener('lvdong-datasetchange', (e) => window.changes.push({ ...e.detail, target: e.target.id }));
  });
  return { context, page, errors, warnings };
}

/** Scrolls so that the top of `selector`'s element sits `offset` px below the viewport's middle (negative: above). */
async function stepTo(page, selector, offset = -20) {
  await page.evaluate(({ selector, offset }) => {
    const el = document.querySelector(selector);
    const top = el.getBoundingClientRect().top + scrollY;
    scrollTo(0, top - innerHeight / 2 - offset);
  }, { selector, offset });
  // IntersectionObserver reports after the next frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
}

const shown = (page, id) => page.evaluate((id) => document.getElementById(id).ctl.info.dataset, id);
const selectedTab = (page, id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[role=tab][aria-selected=true]')?.dataset.id, id);
const pixels = (page, id) => page.evaluate((id) => {
  const cv = document.getElementById(id).shadowRoot.querySelector('canvas');
  const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 16) h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) >>> 0;
  return h;
}, id);
const settle = (page) => page.waitForTimeout(450);

const step = (attr) => `[data-lvdong-step="${attr}"]`;

test('scrolling the demo story switches the charts at their steps, and back again', async () => {
  const { context, page, errors } = await openArticle();
  // Before the first step, the charts show what the page asked for.
  await stepTo(page, step('story-investment:amount:conference'), 200);
  assert.equal(await shown(page, 'story-investment'), 'amount');
  const amounts = await pixels(page, 'story-investment');

  await stepTo(page, step('story-investment:projects:library'));
  await settle(page);
  assert.equal(await shown(page, 'story-investment'), 'projects', 'the projects step switches the investment chart');
  assert.equal(await selectedTab(page, 'story-investment'), 'projects');
  assert.notEqual(await pixels(page, 'story-investment'), amounts, 'and redraws it');

  await stepTo(page, step('story-energy:shandong:renewable'));
  await settle(page);
  assert.equal(await shown(page, 'story-energy'), 'shandong');
  const shandong = await pixels(page, 'story-energy');
  await stepTo(page, step('story-energy:yantai:renewable'));
  await settle(page);
  assert.equal(await shown(page, 'story-energy'), 'yantai', 'the Yantai step switches the energy mix');
  assert.notEqual(await pixels(page, 'story-energy'), shandong);
  // The step's item is highlighted: its tooltip shows.
  assert.match(await tooltipText(page.locator('#story-energy')), /54\.3%/);

  // Scrolling back up restores the step before, then the page's own state.
  await stepTo(page, step('story-energy:yantai:renewable'), 150);
  await settle(page);
  assert.equal(await shown(page, 'story-energy'), 'shandong', 'back above the Yantai step: Shandong again');
  await stepTo(page, step('story-investment:projects:library'), 150);
  await settle(page);
  assert.equal(await shown(page, 'story-investment'), 'amount', 'back above the projects step: amounts again');

  const changes = await page.evaluate(() => window.changes);
  assert.ok(changes.length >= 4 && changes.every((c) => c.cause === 'story'), JSON.stringify(changes));
  assert.deepEqual(errors, []);
  await context.close();
});

/** The length in CSS px of the bar row's coloured run at height `y` of the investment chart's canvas. */
function barLength(page, y) {
  return page.evaluate((y) => {
    const cv = document.getElementById('story-investment').shadowRoot.querySelector('canvas');
    const dpr = cv.width / cv.getBoundingClientRect().width;
    const row = cv.getContext('2d').getImageData(0, Math.round(y * dpr), cv.width, 1).data;
    let n = 0;
    for (let x = 0; x < cv.width; x++) {
      const [r, g, b] = [row[4 * x], row[4 * x + 1], row[4 * x + 2]];
      // The money blues: blue well above red.
      if (b > r + 60 && b > 120) n++;
    }
    return n / dpr;
  }, y);
}

/** The y (CSS px) of the middle of the conference bar, from the view's own tooltip anchor. */
async function conferenceRow(page) {
  return page.evaluate(() => {
    const el = document.getElementById('story-investment');
    const v = el.ctl.view;
    v.highlightItem('conference');
    const tip = JSON.parse(v.tooltip());
    v.highlightItem(undefined);
    return tip;
  });
}

test('a switch animates: the canvas mid-transition shows a bar between its old and new length; reduced motion jumps', async () => {
  for (const motion of ['no-preference', 'reduce']) {
    const { context, page, errors } = await openArticle({ reducedMotion: motion });
    await stepTo(page, '#story-investment', 100);
    const { y } = await conferenceRow(page);
    const start = await barLength(page, y);
    // Sample the bar while the switch runs.
    const samples = await page.evaluate(async (y) => {
      const el = document.getElementById('story-investment');
      const cv = el.shadowRoot.querySelector('canvas');
      const dpr = cv.width / cv.getBoundingClientRect().width;
      const ctx = cv.getContext('2d');
      const length = () => {
        const row = ctx.getImageData(0, Math.round(y * dpr), cv.width, 1).data;
        let n = 0;
        for (let x = 0; x < cv.width; x++) if (row[4 * x + 2] > row[4 * x] + 60 && row[4 * x + 2] > 120) n++;
        return n / dpr;
      };
      el.handle.setDataset('projects');
      const out = [];
      const t0 = performance.now();
      while (performance.now() - t0 < 700) {
        await new Promise((r) => requestAnimationFrame(r));
        out.push(length());
      }
      return out;
    }, y);
    const end = samples[samples.length - 1];
    assert.ok(Math.abs(start - end) > 10, `${motion}: the conference bar changes length (${start} → ${end})`);
    const lo = Math.min(start, end) + 3;
    const hi = Math.max(start, end) - 3;
    const between = samples.filter((s) => s > lo && s < hi);
    if (motion === 'reduce') {
      assert.deepEqual(between, [], `reduced motion: no intermediate frame (${samples.join(', ')})`);
    } else {
      assert.ok(between.length >= 2, `frames between ${start} and ${end}: ${samples.join(', ')}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('hovering a bar during a transition shows the tooltip of the bar under the pointer', async () => {
  const { context, page, errors } = await openArticle();
  await stepTo(page, '#story-investment', 100);
  const anchor = await conferenceRow(page);
  const box = await page.evaluate(() => {
    const r = document.getElementById('story-investment').shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  const label = await page.evaluate(() => document.getElementById('story-investment').ctl.info.table.rows[0][0]);
  await page.evaluate(() => document.getElementById('story-investment').handle.setDataset('projects'));
  await page.waitForTimeout(60);
  const animating = await page.evaluate(() => document.getElementById('story-investment').ctl.frame !== 0);
  // The middle of the amounts' bar: inside the bar at every frame (the
  // projects' bar is longer than half of it).
  await page.mouse.move(box.x + anchor.x, box.y + anchor.y);
  const tip = await tooltipText(page.locator('#story-investment'));
  assert.ok(animating, 'the transition was still running');
  assert.ok(tip && tip.includes(label), `the tooltip names the bar under the pointer: ${tip} (want ${label})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a step is announced once in the live region; tabs override the story until the next step', async () => {
  const { context, page } = await openArticle();
  await stepTo(page, step('story-energy:shandong:renewable'));
  await settle(page);
  await page.evaluate(() => {
    const live = document.getElementById('story-energy').shadowRoot.querySelector('[aria-live]');
    window.said = [];
    new MutationObserver(() => window.said.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
  });
  await stepTo(page, step('story-energy:yantai:renewable'));
  await settle(page);
  // Small scrolls within the step change nothing.
  await page.mouse.wheel(0, 20);
  await settle(page);
  const said = await page.evaluate(() => window.said);
  assert.deepEqual(said, ['显示：烟台'], 'announced once');
  // The reader takes over with a tab; the story leaves it until a step crosses the line.
  await page.evaluate(() => document.getElementById('story-energy').shadowRoot.querySelector('[role=tab][data-id=shandong]').click());
  await page.mouse.wheel(0, 20);
  await settle(page);
  assert.equal(await shown(page, 'story-energy'), 'shandong', 'the tab wins while no new step crosses');
  const causes = await page.evaluate(() => window.changes.map((c) => c.cause));
  assert.deepEqual(causes.slice(-2), ['story', 'tab']);
  await context.close();
});

test('steps naming an unknown chart or dataset warn once each and are ignored; steps work in any number of charts and pages', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  const url = await fixture(context, 'story.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>story</title>
<script type="module" src="/lvdong.js"></script></head><body><main style="max-width:800px">
<p style="height:100vh">Above the story.</p>
<lvdong-story>
  <lvdong-chart slot="chart" id="mix" chart="energy-mix" lang="en"></lvdong-chart>
  <p data-lvdong-step="nochart:x">A step for a chart that is not here.</p>
  <p data-lvdong-step="mix:atlantis">A dataset the chart does not have.</p>
  <p data-lvdong-step="energy-mix:yantai">By chart id: every energy-mix chart on the page.</p>
</lvdong-story>
<lvdong-chart id="other" chart="energy-mix" lang="en"></lvdong-chart>
</main></body></html>`);
  const page = await context.newPage();
  const warnings = [];
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await chartsReady(page);
  for (let pass = 0; pass < 2; pass++) {
    for (const attr of ['nochart:x', 'mix:atlantis', 'energy-mix:yantai']) {
      await stepTo(page, step(attr));
    }
    await stepTo(page, step('nochart:x'), 300);
  }
  await stepTo(page, step('energy-mix:yantai'));
  await settle(page);
  assert.equal(warnings.filter((w) => w.includes('"nochart:x"')).length, 1, warnings.join('\n'));
  assert.equal(warnings.filter((w) => w.includes('"mix:atlantis"') && w.includes('atlantis')).length, 1, warnings.join('\n'));
  assert.equal(await shown(page, 'mix'), 'yantai');
  assert.equal(await shown(page, 'other'), 'yantai', 'a chart id reaches every chart showing it');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a step the page edits is read again: the chart at that step follows its new dataset', async () => {
  const { context, page, errors } = await openArticle();
  await stepTo(page, step('story-energy:yantai:renewable'));
  await settle(page);
  assert.equal(await shown(page, 'story-energy'), 'yantai');
  // The reader stays put; the page rewrites the step they are at.
  await page.evaluate(() => document.querySelector('[data-lvdong-step="story-energy:yantai:renewable"]')
    .setAttribute('data-lvdong-step', 'story-energy:shandong'));
  await settle(page);
  assert.equal(await shown(page, 'story-energy'), 'shandong');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the story layout pins the chart beside the steps on wide screens and above them on phones', async () => {
  for (const [width, beside] of [[1100, true], [360, false]]) {
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${URL_BASE}/`);
    await chartsReady(page);
    await stepTo(page, step('story-energy:yantai:renewable'));
    const geo = await page.evaluate(() => {
      const chart = document.getElementById('story-energy');
      const graphic = chart.closest('lvdong-story').shadowRoot.querySelector('.graphic').getBoundingClientRect();
      const box = chart.getBoundingClientRect();
      const p = document.querySelector('[data-lvdong-step="story-energy:yantai:renewable"]').getBoundingClientRect();
      return { chartLeft: box.left, chartRight: box.right, chartTop: graphic.top, stepLeft: p.left };
    });
    if (beside) {
      assert.ok(geo.stepLeft >= geo.chartRight, `${width}px: the step is right of the chart ${JSON.stringify(geo)}`);
      assert.ok(geo.chartTop >= 0 && geo.chartTop < 100, `${width}px: the chart is pinned near the top ${JSON.stringify(geo)}`);
    } else {
      assert.ok(Math.abs(geo.chartTop) < 4, `${width}px: the chart is pinned at the top ${JSON.stringify(geo)}`);
    }
    await context.close();
  }
});

test('steps inside an embedded iframe page drive its chart as the iframe scrolls', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const inner = await fixture(context, 'inner-story.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>inner</title>
<script type="module" src="/lvdong.js"></script></head><body>
<p style="height:90vh">Intro.</p>
<lvdong-story>
  <lvdong-chart slot="chart" id="mix" chart="energy-mix" dataset="shandong" lang="en"></lvdong-chart>
  <p data-lvdong-step="mix:shandong">Shandong.</p>
  <p data-lvdong-step="mix:yantai">Yantai.</p>
</lvdong-story>
</body></html>`);
  const outer = await fixture(context, 'outer.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>outer</title></head>
<body><iframe id="f" title="story" src="${inner}" style="width:800px;height:600px;border:0"></iframe></body></html>`);
  const page = await context.newPage();
  await page.goto(outer);
  const frame = page.frameLocator('#f');
  const f = page.frames().find((x) => x.url() === inner) ?? (await (await page.$('#f')).contentFrame());
  await f.waitForFunction(() => document.getElementById('mix')?.hasAttribute('data-ready'));
  const shownIn = () => f.evaluate(() => document.getElementById('mix').ctl.info.dataset);
  await f.evaluate(() => {
    const el = document.querySelector('[data-lvdong-step="mix:yantai"]');
    scrollTo(0, el.getBoundingClientRect().top + scrollY - innerHeight / 2 + 20);
  });
  await f.waitForFunction(() => document.getElementById('mix').ctl.info.dataset === 'yantai', null, { timeout: 3000 });
  assert.equal(await shownIn(), 'yantai');
  assert.ok(frame, 'the iframe is there');
  await context.close();
});
