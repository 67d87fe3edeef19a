// Cumulative layout shift of a host page while lvdong loads, in Chromium (the
// engine with the Layout Instability API): the sum of `layout-shift` entries
// without recent input, from navigation until every chart is drawn and the
// page has been scrolled through to the end and back (charts below the fold
// must not shift either). Used by the e2e guard and the benchmark.

export const CLS_BUDGET = 0.01;

/** The page's layout-shift total so far, and what moved. */
function readShifts() {
  return { cls: window.__cls.total, shifts: window.__cls.shifts };
}

const OBSERVE = () => {
  window.__cls = { total: 0, shifts: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls.total += e.value;
      window.__cls.shifts.push({
        value: e.value,
        at: Math.round(e.startTime),
        nodes: (e.sources ?? []).map((s) => {
          const n = s.node;
          const name = n ? (n.nodeType === 1 ? `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.getAttribute?.('chart') ? `[chart=${n.getAttribute('chart')}]` : ''}` : n.nodeName) : '?';
          return `${name} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`;
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

/**
 * Opens `url` at `width` CSS px in a fresh context of `browser` (a
 * playwright-core Chromium), `setup(context)` first (routes), and returns
 * `{cls, shifts}` once every chart is drawn and the page scrolled through.
 * `inView`: scrolled to the first chart as soon as the document is parsed.
 */
export async function measureCls(browser, url, width, setup = async () => {}, { inView = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  try {
    await setup(context);
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: inView ? 'domcontentloaded' : 'load' });
    // A reader who is already at the first chart when its data arrives.
    if (inView) await page.evaluate(() => document.querySelector('lvdong-chart')?.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(() => {
      const cs = [...document.querySelectorAll('lvdong-chart')];
      const frames = [...document.querySelectorAll('iframe')];
      return cs.every((c) => c.hasAttribute('data-ready') || c.hasAttribute('data-error'))
        && frames.every((f) => f.contentDocument?.querySelector('lvdong-chart')?.hasAttribute('data-ready') ?? true);
    }, null, { timeout: 30000 });
    await page.waitForTimeout(300);
    // Scrolled through in viewport steps, without input (a script scroll): a
    // card that changes height as it comes into view would count.
    await page.evaluate(async () => {
      const wait = () => new Promise((r) => setTimeout(r, 60));
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight * 0.8) {
        scrollTo(0, y);
        await wait();
      }
      scrollTo(0, 0);
      await wait();
    });
    await page.waitForTimeout(200);
    return await page.evaluate(readShifts);
  } finally {
    await context.close();
  }
}

/**
 * The pages the budget covers: the article, the embed page, and the article
 * again with every built-in chart's data file (`src`) answering after 2 s,
 * as a newsroom's slow data server would: each card shows its fallback image
 * meanwhile, which must take the card's place without a jump, both for a
 * reader at the top and for one already at the first chart when its data
 * arrives (the case where any difference between the fallback's box and the
 * card moves the paragraph being read).
 */
export function clsPages(base) {
  const slow = {
    url: `${base}/t/slow.html`,
    async setup(context) {
      await context.route(`${base}/t/slow.html`, async (r) => {
        const res = await r.fetch({ url: `${base}/` });
        const html = (await res.text())
          .replace('<head>', `<head><base href="${base}/">`)
          .replace(/<lvdong-chart (?![^>]*\bsrc=)/g, '<lvdong-chart src="t/slow/article.json" ');
        await r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      });
      await context.route(`${base}/t/slow/article.json`, async (r) => {
        const res = await r.fetch({ url: `${base}/data/article.json` });
        await new Promise((ok) => setTimeout(ok, 2000));
        await r.fulfill({ response: res });
      });
    },
  };
  return [
    { name: 'article', url: `${base}/` },
    { name: 'embed', url: `${base}/embed.html?chart=energy-mix` },
    { name: 'article, src after 2 s', ...slow },
    { name: 'article, src after 2 s, reader at chart', ...slow, inView: true },
  ];
}

export const CLS_WIDTHS = [360, 1280];
