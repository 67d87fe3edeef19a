// lvdong (绿动) — the page side of the chart: the <lvdong-chart> custom element
// and mount(). It only does DOM work: builds the card, sizes the canvas, places
// the tooltip, forwards events. Layout, drawing, hit-testing and every word
// about the data come from the wasm module (see src/web.rs).

// `cargo xtask build` bundles this file with wasm-bindgen's glue and our
// stylesheet (as text) into dist/lvdong.js: a page makes one request for the
// code, then the wasm, instead of waiting on three files before the card can
// show. (So this source runs only through the build.)
// Named imports, not `import * as`: esbuild then leaves out what the glue
// exports and we never call (`initSync`, `start`).
import init, { Data, View, takePanic, langCode, themeName } from './pkg/lvdong.js';
import CSS_TEXT from './lvdong.css';

const WASM_URL = new URL('./pkg/lvdong_bg.wasm', import.meta.url);
// The built-in data: the article's figures, shipped beside this file rather
// than inside the wasm, so pages that bring their own `src` never load them.
const ARTICLE_URL = new URL('./data/article.json', import.meta.url);
// The canvas font (src/theme.rs FONT_FAMILY; a native test keeps them equal).
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
// Words of the card's own controls (not about the data), by the language
// the engine resolved from the `lang` attribute. Only when the engine itself
// cannot load is there nothing to ask, so that message is in both languages.
const TEXT = {
  zh: { chart: '图表', table: '表格', view: '显示方式', loading: '正在加载图表…', error: '图表无法显示', datasets: '数据集' },
  en: { chart: 'Chart', table: 'Table', view: 'Show as', loading: 'Loading chart…', error: 'The chart cannot be shown', datasets: 'Datasets' },
};
const NO_ENGINE = '图表无法显示 · The chart cannot be shown';

// Story mode (steps in the host page's text switch charts as it scrolls)
// is a module of its own, fetched only by pages that have steps.
const STORY_URL = new URL('./lvdong-story.js', import.meta.url);
let story = null;
/** Loads story mode when the page has steps or a <lvdong-story>, and watches new steps. */
function storyMode() {
  if (!story && !document.querySelector('lvdong-story,[data-lvdong-step]')) return;
  story ??= import(STORY_URL.href);
  story.then((m) => m.scan(), (e) => console.warn('lvdong: story mode could not be loaded', e));
}

/** What went wrong, in words: an error's message, else the thrown value itself. */
const why = (e) => e?.message || e;

let wasmReady = null;
let wasmLoaded = false;
/** The one wasm instance every chart on the page shares, fetched once; resolves to its exports. */
function wasm() {
  wasmReady ??= fetch(WASM_URL).then((response) => init({ module_or_path: response })).then((exports) => {
    wasmLoaded = true;
    return exports;
  }, (e) => {
    wasmReady = null;
    const err = new Error(`the chart engine could not be loaded (${why(e)})`);
    err.wasm = true;
    throw err;
  });
  return wasmReady;
}

/**
 * The page's chart engine once loaded: `View`, `Data` and the wasm's
 * `memory`. Charts never need it; it is for tools that look inside the one
 * instance the charts share (the benchmark's memory figure, leak tests).
 */
export async function engine() {
  const { memory } = await wasm();
  return { View, Data, memory };
}

let sheet = null;
/** Our stylesheet, adopted into each shadow root (a constructed sheet, not inline styles: strict CSP). */
function stylesheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
  }
  return sheet;
}

const dataCache = new Map();
/** Data files by URL (the built-in data under ''): parsed once per page. */
function loadData(src) {
  const key = src || '';
  let p = dataCache.get(key);
  if (!p) {
    p = fetchData(src || ARTICLE_URL.href);
    dataCache.set(key, p);
    p.catch(() => dataCache.delete(key));
  }
  return p;
}

/**
 * Page-wide limits for data files. A page (or a test) may lower
 * `fetchTimeout` (ms) before its charts load; a file that has not answered
 * by then fails its chart with a message instead of "loading" forever.
 */
export const settings = { fetchTimeout: 15000, maxBytes: 5 * 1024 * 1024 };

async function fetchData(src) {
  // The engine loads while the file downloads.
  const engine = wasm();
  engine.catch(() => {});
  const ctrl = new AbortController();
  const { fetchTimeout, maxBytes } = settings;
  const timer = setTimeout(() => ctrl.abort(), fetchTimeout);
  let text;
  try {
    const res = await fetch(src, { signal: ctrl.signal });
    if (!res.ok) throw [`(file): the data file ${src} could not be loaded (HTTP ${res.status})`];
    const len = Number(res.headers.get('content-length') || 0);
    if (len > maxBytes) {
      ctrl.abort();
      throw [`(file): the data file ${src} is too large (${len} bytes; at most ${maxBytes})`];
    }
    text = await readText(res, ctrl, src, maxBytes);
    if (!text.trim()) throw [`(file): the data file ${src} is empty`];
    // A wrong address often answers with the site's HTML page, not an error.
    if (/^\s*</.test(text) || /html/i.test(res.headers.get('content-type') || '')) {
      throw [`(file): ${src} is an HTML page, not a JSON data file (check the address)`];
    }
  } catch (e) {
    if (Array.isArray(e)) throw e;
    if (e && e.name === 'AbortError') throw [`(file): the data file ${src} did not answer within ${fetchTimeout / 1000} s`];
    throw [`(file): the data file ${src} could not be loaded (${why(e)})`];
  } finally {
    clearTimeout(timer);
  }
  await engine;
  const data = Data.fromText(text);
  for (const w of data.warnings()) console.warn(`lvdong: ${src}: ${w}`);
  return data;
}

/** The body as text, giving up (and cancelling the download) past `maxBytes`. */
async function readText(res, ctrl, src, maxBytes) {
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > maxBytes) {
      reader.cancel().catch(() => {});
      ctrl.abort();
      throw [`(file): the data file ${src} is too large (more than ${maxBytes} bytes)`];
    }
    chunks.push(value);
  }
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== false && v != null) e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children);
  return e;
}

let fontsWarm = false;
/**
 * While the engine and data download, a canvas resolves the charts' faces:
 * the first use of a CJK face costs milliseconds (regular and bold each),
 * which the first layout's measurements would otherwise pay. Faces are
 * resolved for the whole page, so the first chart does it for all.
 */
function warmFonts(canvas) {
  if (fontsWarm) return;
  fontsWarm = true;
  const c = canvas.getContext('2d');
  for (const weight of ['normal ', 'bold ']) {
    c.font = `${weight}${13 * (devicePixelRatio || 1)}px ${FONT}`;
    c.measureText('图');
  }
}

let viewportSize = null;
addEventListener('resize', () => { viewportSize = null; });
/** The viewport without scrollbars, read once per window size (reading it forces a layout). */
function viewport() {
  viewportSize ??= { w: document.documentElement.clientWidth || innerWidth, h: innerHeight };
  return viewportSize;
}

const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
const darkQuery = matchMedia('(prefers-color-scheme: dark)');

/** One chart: the card around a canvas, bound to one wasm View. */
class Controller {
  // Private: only the element and story mode call in (see LvdongChart);
  // esbuild shortens `#` names, ~0.2 KB gzip of the payload.
  #host; #root; #title; #subtitle; #tabs; #chartBtn; #tableBtn; #toggle; #tips; #live; #table; #tableWrap; #stage; #panel; #note; #source; #alert; #fallback; #status; #card; #wrap; #sized;
  #generation = 0;
  #disposers = [];
  #pointer = null;
  #data = null;
  // Tooltips, one per item shown so far (see tipPage); `#tip` is the shown
  // one or null. The canvas's aria-describedby names the shown one.
  #tip = null;
  #tipPages = new Map();
  #tipSeq = 0;
  view = null;
  info = null;
  frame = 0;
  draws = 0;
  prefetch = null;

  constructor(host, root) {
    this.#host = host;
    this.#root = root;
    this.#build();
  }

  #build() {
    this.#title = el('h2', { class: 'title', part: 'title' });
    this.#subtitle = el('p', { class: 'subtitle' });
    this.#tabs = el('div', { class: 'tabs', role: 'tablist' });
    this.#chartBtn = el('button', { type: 'button', class: 'seg', 'aria-pressed': 'true' });
    this.#tableBtn = el('button', { type: 'button', class: 'seg', 'aria-pressed': 'false' });
    this.#toggle = el('div', { class: 'toggle', role: 'group' }, this.#chartBtn, this.#tableBtn);
    this.canvas = el('canvas', { role: 'img', tabindex: '0' });
    // The tooltips' layer (see tipPage).
    this.#tips = el('div', { class: 'tips', 'aria-hidden': 'true' });
    this.#live = el('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.#table = el('table', { class: 'data' });
    this.#tableWrap = el('div', { class: 'table-wrap sr-only' }, this.#table);
    this.#stage = el('div', { class: 'stage' }, this.canvas, this.#tips);
    this.#panel = el('div', { class: 'panel', id: 'panel' }, this.#stage, this.#tableWrap);
    // The dataset's note (scope, caveats), under the chart and the table.
    this.#note = el('p', { class: 'note', part: 'note' });
    this.#source = el('p', { class: 'source' });
    this.#alert = el('div', { class: 'alert', role: 'alert', hidden: true });
    // The light-DOM fallback image is slotted only when the engine cannot run.
    this.#fallback = el('slot', { class: 'fallback' });
    this.#status = el('p', { class: 'status' });
    this.#card = el('figure', { class: 'card' },
      el('div', { class: 'head' }, this.#title, this.#subtitle),
      el('div', { class: 'bar' }, this.#tabs, this.#toggle),
      this.#panel, this.#note, this.#live, this.#source, this.#alert, this.#status);
    this.#card.hidden = true;
    // Until the chart draws, the page's static image (if any) holds its place.
    this.#fallback.classList.add('show');
    this.#wrap = el('div', { class: 'wrap' }, this.#fallback, this.#card);
    this.#root.append(this.#wrap);

    // A failure inside one chart's handler fails that chart only.
    const on = (target, type, fn, opts) => {
      const guarded = (e) => this.#safely(() => fn(e));
      target.addEventListener(type, guarded, opts);
      this.#disposers.push(() => target.removeEventListener(type, guarded, opts));
    };
    on(this.canvas, 'pointermove', (e) => { if (e.pointerType !== 'touch') this.#onPointer(e); });
    on(this.canvas, 'pointerdown', (e) => this.#onPointer(e));
    on(this.canvas, 'pointerleave', (e) => { if (e.pointerType !== 'touch') this.#clear(); });
    on(this.canvas, 'keydown', (e) => this.#onKey(e));
    on(this.canvas, 'blur', () => this.#clear());
    on(this.#chartBtn, 'click', () => this.#setTableView(false));
    on(this.#tableBtn, 'click', () => this.#setTableView(true));
    on(this.#tabs, 'click', (e) => {
      const tab = e.target.closest('[role=tab]');
      if (tab) this.setDataset(tab.dataset.id, 'tab');
    });
    on(this.#tabs, 'keydown', (e) => this.#onTabKey(e));
    // A tap (or click) anywhere outside this chart hides its tooltip.
    on(document, 'pointerdown', (e) => { if (!e.composedPath().includes(this.#host)) this.#clear(); });
    on(darkQuery, 'change', () => this.applyTheme());
    on(motionQuery, 'change', () => this.view?.setMotion(!motionQuery.matches));
    this.#watchDpr();
    // Only a new width (or zoom) needs a new layout; our own height change does not.
    const resizer = new ResizeObserver(() => this.#safely(() => {
      if (Math.floor(this.#panel.clientWidth) !== this.#sized?.w || (devicePixelRatio || 1) !== this.#sized?.dpr) this.resize();
    }));
    // Observed for its width only: an empty block whose height never changes,
    // so a new canvas height cannot re-notify the observer within the frame
    // (the "ResizeObserver loop completed" error the panel itself raised).
    const sizer = el('div', { 'aria-hidden': 'true' });
    this.#panel.prepend(sizer);
    resizer.observe(sizer);
    this.#disposers.push(() => resizer.disconnect());
  }

  /** Re-lays out when devicePixelRatio changes (zoom, moving between screens). */
  #watchDpr() {
    let mq = null;
    const fn = () => { this.#safely(() => this.resize()); arm(); };
    const arm = () => {
      mq?.removeEventListener('change', fn);
      mq = matchMedia(`(resolution: ${devicePixelRatio || 1}dppx)`);
      mq.addEventListener('change', fn);
    };
    arm();
    this.#disposers.push(() => mq?.removeEventListener('change', fn));
  }

  #safely(fn) {
    try {
      fn();
    } catch (e) {
      this.fail(e);
    }
  }

  /** The `lang` attribute as written; the engine resolves it. */
  #lang() {
    return this.#host.getAttribute('lang') ?? '';
  }

  /** The card's own words: the view's, or (no chart yet) the engine's for our `lang`. */
  #words() {
    const lang = this.info?.lang ?? (wasmLoaded ? langCode(this.#lang()) : null);
    return lang ? TEXT[lang] : null;
  }

  /** (Re)loads data and binds the view; the last call wins. */
  async load(data) {
    const gen = ++this.#generation;
    try {
      await wasm();
      if (gen !== this.#generation) return;
      this.#status.textContent = this.#words().loading;
      if (data) this.#data = data;
      // loadData fetches the file while the wasm loads; it awaits both.
      const src = this.#host.getAttribute('src');
      // The first load takes the download the element started on connection.
      const pre = this.prefetch;
      this.prefetch = null;
      const d = this.#data ?? (await (pre && pre.src === src ? pre.data : loadData(src)));
      if (gen !== this.#generation) return;
      if (this.view && data) {
        this.view.setData(d);
      } else {
        const view = new View(d, this.#host.getAttribute('chart') || '', this.canvas);
        this.view?.free();
        this.view = view;
        const warning = view.setLang(this.#lang());
        if (warning) console.warn(`lvdong: ${warning}`);
        view.setMotion(!motionQuery.matches);
        this.applyTheme();
        const ds = this.#host.getAttribute('dataset');
        if (ds) this.#trySetDataset(view, ds);
      }
      this.#alert.hidden = true;
      this.#fallback.classList.remove('show');
      // Printing uses the page's static image when it has one.
      this.#wrap.classList.toggle('has-fallback', !!this.#host.querySelector(':scope > img'));
      this.#card.hidden = false;
      this.#panel.hidden = false;
      this.#host.toggleAttribute('data-error', false);
      this.#host.toggleAttribute('data-ready', true);
      // The picture first, drawn now rather than a frame later: the width is
      // read while the card is still empty (a cheap forced layout), and the
      // words around the chart are laid out with the frame that shows both.
      this.resize();
      this.#drawNow();
      this.#refresh();
    } catch (e) {
      if (gen !== this.#generation) return;
      this.fail(e);
    } finally {
      if (gen === this.#generation) this.#status.textContent = '';
    }
  }

  fail(e) {
    // A trap in the engine is a bug; its panic message says where.
    const panic = e instanceof WebAssembly.RuntimeError ? takePanic() : null;
    const list = Array.isArray(e) ? e : [panic ?? String(why(e))];
    try {
      this.view?.free();
    } catch {
      // A view whose call trapped may not free cleanly; it is dropped either way.
    }
    this.view = null;
    this.info = null;
    this.#card.hidden = false;
    this.#host.toggleAttribute('data-ready', false);
    this.#host.toggleAttribute('data-error', true);
    for (const n of [this.#title, this.#subtitle, this.#tabs, this.#panel, this.#note, this.#source, this.#toggle]) n.hidden = true;
    this.#dropTips();
    this.#alert.replaceChildren(
      el('strong', {}, this.#words()?.error ?? NO_ENGINE),
      el('ul', {}, ...list.slice(0, 20).map((m) => el('li', {}, String(m)))),
    );
    this.#alert.hidden = false;
    // Without the engine the page's own static image still carries the numbers.
    this.#fallback.classList.toggle('show', !!(e && e.wasm));
    console.warn('lvdong:', ...list);
  }

  resize() {
    if (!this.view) return;
    const w = Math.floor(this.#panel.clientWidth);
    const dpr = devicePixelRatio || 1;
    const h = this.view.resize(w, dpr);
    // No height: nothing to lay out at this width (a hidden or 0×0 box).
    if (h === undefined) return;
    this.#sized = { w, dpr };
    this.#dropTips();
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.#schedule();
  }

  /** Coalesces redraws to one per animation frame. */
  #schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame((now) => {
      this.frame = 0;
      this.draw(now);
    });
  }

  /** Draws at once (first picture, dataset switch) instead of in the next frame. */
  #drawNow() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw(performance.now());
  }

  /** Draws the frame at `now`; a transition under way asks for the next. */
  draw(now) {
    if (!this.view) return;
    try {
      if (this.view.render(now)) this.#schedule();
      this.draws += 1;
    } catch (e) {
      this.fail(e);
    }
  }

  /** Updates the DOM around the canvas from the view's info. */
  #refresh() {
    this.#dropTips();
    const info = JSON.parse(this.view.info());
    this.info = info;
    const t = TEXT[info.lang];
    for (const n of [this.#title, this.#panel, this.#source, this.#toggle]) n.hidden = false;
    this.#title.textContent = info.title;
    this.#subtitle.textContent = info.subtitle ?? '';
    this.#subtitle.hidden = !info.subtitle;
    this.#note.textContent = info.note ?? '';
    this.#note.hidden = !info.note;
    this.canvas.setAttribute('aria-label', info.ariaLabel);
    this.#card.setAttribute('lang', info.htmlLang);
    this.#card.dataset.theme = info.theme;
    this.#tabs.setAttribute('aria-label', t.datasets);
    const tabbed = info.tabs.length > 0;
    this.#tabs.hidden = !tabbed;
    this.#tabs.replaceChildren(...info.tabs.map((d, i) => {
      const selected = d.id === info.dataset;
      return el('button', {
        role: 'tab', type: 'button', id: `tab-${i}`, 'aria-selected': String(selected), 'aria-controls': 'panel',
        tabindex: selected ? '0' : '-1', 'data-id': d.id,
      }, d.label);
    }));
    if (tabbed) {
      const sel = info.tabs.findIndex((d) => d.id === info.dataset);
      this.#panel.setAttribute('role', 'tabpanel');
      this.#panel.setAttribute('aria-labelledby', `tab-${Math.max(sel, 0)}`);
    } else {
      this.#panel.removeAttribute('role');
      this.#panel.removeAttribute('aria-labelledby');
    }
    this.#toggle.setAttribute('aria-label', t.view);
    this.#chartBtn.textContent = t.chart;
    this.#tableBtn.textContent = t.table;
    this.#renderTable(info.table);
    this.#source.replaceChildren();
    // The engine keeps only http(s) links.
    if (info.sourceUrl) {
      this.#source.append(el('a', { href: info.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, info.source));
    } else {
      this.#source.textContent = info.source;
    }
    this.#updateTip();
  }

  #renderTable(t) {
    const head = el('tr', {}, ...t.head.map((h) => el('th', { scope: 'col' }, h)));
    const rows = t.rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))));
    this.#table.replaceChildren(el('caption', {}, t.caption), el('thead', {}, head), el('tbody', {}, ...rows));
  }

  /** Chart or table for sighted readers; both stay in the accessibility tree. */
  #setTableView(on) {
    this.#chartBtn.setAttribute('aria-pressed', String(!on));
    this.#tableBtn.setAttribute('aria-pressed', String(on));
    this.#tableWrap.classList.toggle('sr-only', !on);
    this.#stage.classList.toggle('sr-only', on);
    if (on) this.#clear();
    else this.resize();
  }

  /** Asks the view to switch; a dataset it does not have is logged, not thrown. */
  #trySetDataset(view, id) {
    try {
      return view.setDataset(id) ? 'changed' : 'same';
    } catch (e) {
      console.warn(`lvdong: ${why(e)}`);
      return null;
    }
  }

  /** Switches dataset; `cause` ('tab', 'story', 'api') goes into the event. */
  setDataset(id, cause = 'api') {
    if (!this.view) return false;
    const did = this.#trySetDataset(this.view, id);
    if (did !== 'changed') return did === 'same';
    this.#switched(cause);
    return true;
  }

  /** The card, size and picture after the view switched dataset (it animates the marks). */
  #switched(cause) {
    this.#refresh();
    this.resize();
    this.#drawNow();
    // The resize dropped the tooltips (widths change); the highlight keeps its tooltip.
    this.#updateTip();
    if (cause === 'tab') this.#tabs.querySelector('[aria-selected="true"]')?.focus();
    this.#host.dispatchEvent(new CustomEvent('lvdong-datasetchange', { bubbles: true, composed: true, detail: { chart: this.info.id, dataset: this.info.dataset, cause } }));
  }

  /**
   * A story step: dataset `id`, item `item` highlighted (none: no highlight).
   * Returns false when the chart has no such dataset (the story warns).
   */
  storyStep(id, item) {
    if (!this.view) return true;
    let changed;
    try {
      changed = this.view.setDataset(id);
    } catch {
      return false;
    }
    const lit = this.view.highlightItem(item ?? undefined);
    if (changed) {
      this.#switched('story');
      this.#live.textContent = this.view.showing();
    } else if (lit) {
      this.#highlightChanged(false);
    }
    return true;
  }

  #onTabKey(e) {
    const tabs = [...this.#tabs.querySelectorAll('[role=tab]')];
    const i = tabs.indexOf(this.#root.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    this.setDataset(t.dataset.id, 'tab');
  }

  #onPointer(e) {
    if (!this.view) return;
    // The canvas sits at the stage's origin: one rect serves the hit test and
    // the tooltip, read while layout is still clean from the last frame.
    const r = this.#stage.getBoundingClientRect();
    this.#pointer = { x: e.clientX - r.left, y: e.clientY - r.top, touch: e.pointerType === 'touch' };
    // The view re-lays out only when the hovered item changes; so do we.
    if (this.view.pointer(this.#pointer.x, this.#pointer.y)) this.#highlightChanged(false, r);
    else if (this.#tip) this.#placeTip(this.#pointer, r);
  }

  #onKey(e) {
    if (!this.view || e.altKey || e.ctrlKey || e.metaKey) return;
    if (this.view.key(e.key)) {
      e.preventDefault();
      this.#pointer = null;
      this.#highlightChanged(true);
    }
  }

  #clear() {
    if (this.view?.clear()) this.#highlightChanged(false);
  }

  #highlightChanged(fromKeyboard, stageRect) {
    this.#schedule();
    const tip = this.#updateTip(stageRect);
    if (fromKeyboard) this.#live.textContent = this.view.announcement();
    const detail = tip
      ? { chart: this.info.id, dataset: tip.dataset, id: tip.id, label: tip.label, value: tip.raw, text: tip.value }
      : null;
    this.#host.dispatchEvent(new CustomEvent('lvdong-hover', { bubbles: true, composed: true, detail }));
  }

  /**
   * One tooltip element per item, built the first time the item shows and
   * then kept, laid out, off to the side: a hover only moves one tooltip out
   * and another in (a transform each), with no style or layout work for
   * their text. Dropped on refresh and resize (words and widths change).
   */
  #tipPage(tip) {
    const key = `${this.info.lang} ${tip.dataset} ${tip.id}`;
    let page = this.#tipPages.get(key);
    if (page) return page;
    page = el('div', { class: 'tip', role: 'tooltip', id: `tip-${this.#tipSeq++}` },
      el('div', { class: 'tip-label' }, tip.label),
      el('div', { class: 'tip-value' }, tip.value),
      ...tip.lines.map(([k, v]) => el('div', { class: 'tip-line' }, el('span', {}, k), el('span', {}, v))),
      ...['note', 'derived'].filter((k) => tip[k]).map((k) => el('div', { class: `tip-${k}` }, tip[k])));
    // A chart with very many items keeps the most recent ones.
    if (this.#tipPages.size >= 64) this.#dropTips();
    this.#tipPages.set(key, page);
    this.#tips.append(page);
    page.size = { w: page.offsetWidth, h: page.offsetHeight };
    return page;
  }

  /** Shows `page` (null: none); the shown one carries `data-shown`. */
  #showTip(page) {
    if (page === this.#tip) return;
    if (this.#tip) {
      this.#tip.style.transform = '';
      this.#tip.removeAttribute('data-shown');
    }
    this.#tip = page;
    if (page) {
      page.setAttribute('data-shown', '');
      this.canvas.setAttribute('aria-describedby', page.id);
    } else {
      this.canvas.removeAttribute('aria-describedby');
    }
  }

  #dropTips() {
    this.#showTip(null);
    for (const page of this.#tipPages.values()) page.remove();
    this.#tipPages.clear();
  }

  #updateTip(stageRect) {
    const text = this.view?.tooltip();
    const tip = text === undefined ? null : JSON.parse(text);
    if (!tip) {
      this.#showTip(null);
      return null;
    }
    this.#showTip(this.#tipPage(tip));
    this.#placeTip(this.#pointer ?? { x: tip.x, y: tip.y }, stageRect);
    return tip;
  }

  /** Beside the point, flipped and clamped so it stays inside the viewport. */
  #placeTip(p, stageRect) {
    const gap = 14;
    const stage = stageRect ?? this.#stage.getBoundingClientRect();
    // Measured once, when the item's tooltip was built.
    const { w: tw, h: th } = this.#tip.size;
    const { w: vw, h: vh } = viewport();
    let x = stage.left + p.x + gap, y = stage.top + p.y + gap;
    if (x + tw > vw - 4) x = stage.left + p.x - gap - tw;
    // A finger covers what is below it: a tapped tooltip goes above when it fits.
    if (p.touch && stage.top + p.y - 2 * gap - th >= 4) y = stage.top + p.y - 2 * gap - th;
    else if (y + th > vh - 4) y = stage.top + p.y - gap - th;
    x = Math.max(4, Math.min(x, vw - tw - 4));
    y = Math.max(4, Math.min(y, vh - th - 4));
    this.#tip.style.transform = `translate(${Math.round(x - stage.left)}px, ${Math.round(y - stage.top)}px)`;
  }

  /** Passes the `theme` attribute and the system's preference to the engine. */
  applyTheme() {
    const attr = this.#host.getAttribute('theme') ?? '';
    if (this.view?.setTheme(attr, darkQuery.matches)) this.#schedule();
    // The view resolves the attribute as themeName does (one export fewer).
    if (wasmLoaded) this.#card.dataset.theme = themeName(attr, darkQuery.matches);
  }

  attributeChanged(name) {
    if (name === 'src') this.#data = null;
    if (name === 'src' || name === 'chart') return this.load();
    if (name === 'theme') return this.applyTheme();
    if (!this.view) {
      // A failed chart re-words its message; a loading one picks it up on load.
      if (name === 'lang' && this.#host.hasAttribute('data-error')) this.load();
      return;
    }
    if (name === 'lang') {
      const warning = this.view.setLang(this.#lang());
      if (warning) console.warn(`lvdong: ${warning}`);
      this.#refresh();
      this.resize();
    } else if (name === 'dataset') {
      const id = this.#host.getAttribute('dataset');
      if (id) this.setDataset(id);
    }
  }

  destroy() {
    this.#generation++;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const d of this.#disposers.splice(0)) d();
    this.view?.free();
    this.view = null;
    this.#root.replaceChildren();
    this.#host.removeAttribute('data-ready');
  }
}

/** `<lvdong-chart chart="…" dataset="…" src="…" lang="zh|en" theme="light|dark|auto">` */
export class LvdongChart extends HTMLElement {
  static observedAttributes = ['chart', 'dataset', 'src', 'lang', 'theme'];

  connectedCallback() {
    if (this.ctl) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.replaceChildren();
    const ctl = new Controller(this, root);
    this.ctl = ctl;
    ctl.applyTheme();
    // Stylesheet, engine and data file download side by side, not one after
    // another; from a microtask, so a page's module that imports us can still
    // change `settings` first.
    queueMicrotask(() => {
      if (this.ctl !== ctl) return;
      const src = this.getAttribute('src');
      ctl.prefetch = { src, data: loadData(src) };
      ctl.prefetch.data.catch(() => {});
      // A task of its own: the downloads' responses (the wasm compiles as it
      // streams in) need not wait behind the ~8 ms the faces take.
      setTimeout(() => warmFonts(ctl.canvas));
      storyMode();
    });
    // A constructed sheet (allowed by a strict CSP); an engine without them
    // (Safari before 16.4) gets a <style> element, which such a CSP blocks.
    if ('adoptedStyleSheets' in ShadowRoot.prototype) root.adoptedStyleSheets = [stylesheet()];
    else root.prepend(el('style', {}, CSS_TEXT));
    // After the microtask above, which starts the downloads load() awaits.
    this.ready = Promise.resolve()
      .then(() => (this.ctl === ctl ? ctl.load() : null))
      .then(() => this.handle);
  }

  disconnectedCallback() {
    this.ctl?.destroy();
    this.ctl = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old !== value && this.ctl) this.ctl.attributeChanged(name);
  }

  /** The script API of this element (see `mount`). */
  get handle() {
    const self = this;
    return {
      element: self,
      setDataset: (id) => self.ctl?.setDataset(id) ?? false,
      setData: async (obj) => {
        await wasm();
        let d;
        try {
          d = Data.fromObject(obj);
        } catch (e) {
          self.ctl?.fail(e);
          throw e;
        }
        return self.ctl?.load(d);
      },
      resize: () => self.ctl?.resize(),
      destroy: () => self.remove(),
    };
  }
}

/** This copy's version (the crate's; `cargo xtask build` sets it). */
export const version = LVDONG_VERSION;
LvdongChart.version = version;

// A page may load two copies (a CMS widget and a bundle, say). The element
// name is taken once: the first copy's element draws every chart, and a
// copy of another version says so once instead of throwing.
const taken = customElements.get('lvdong-chart');
if (!taken) {
  customElements.define('lvdong-chart', LvdongChart);
  // A page imports this module to show charts: the engine starts downloading
  // now, not a task later when the first chart connects.
  wasm().catch(() => {});
} else if (taken.version !== version) {
  console.warn(`lvdong ${version}: <lvdong-chart> is already ${taken.version}`);
}

/**
 * Mounts a chart into `element` (appends a <lvdong-chart>). Options: chart,
 * dataset, src, lang, theme, data (an object instead of src).
 * Resolves to { setDataset(id), setData(obj), resize(), destroy() }.
 */
export async function mount(element, options = {}) {
  const c = document.createElement('lvdong-chart');
  for (const k of ['chart', 'dataset', 'src', 'lang', 'theme']) if (options[k] != null) c.setAttribute(k, options[k]);
  element.append(c);
  await c.ready;
  const h = c.handle;
  if (options.data) await h.setData(options.data);
  return h;
}
