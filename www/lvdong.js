// lvdong (绿动) — the page side of the chart: the <lvdong-chart> custom element
// and mount(). It only does DOM work: builds the card, sizes the canvas, places
// the tooltip, forwards events. Layout, drawing, hit-testing and every word
// shown come from the wasm module (see src/web.rs).

import init, { Data, View } from './pkg/lvdong.js';

const WASM_URL = new URL('./pkg/lvdong_bg.wasm', import.meta.url);
const CSS_URL = new URL('./lvdong.css', import.meta.url);
const TEXT = {
  zh: { chart: '图表', table: '表格', view: '切换图表或表格视图', loading: '正在加载图表…', error: '图表无法显示', datasets: '数据集' },
  en: { chart: 'Chart', table: 'Table', view: 'Switch between chart and table', loading: 'Loading chart…', error: 'The chart cannot be shown', datasets: 'Datasets' },
};

let wasmReady = null;
/** The one wasm instance every chart on the page shares, fetched once. */
function wasm() {
  wasmReady ??= init({ module_or_path: WASM_URL });
  return wasmReady;
}

let sheet = null;
/** Our stylesheet, adopted into each shadow root (no inline styles: strict CSP). */
async function stylesheet() {
  sheet ??= fetch(CSS_URL).then((r) => r.text()).then((css) => {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  });
  return sheet;
}

const dataCache = new Map();
/** Data files by URL: two charts with the same src fetch it once. */
function loadData(src, signal) {
  if (!src) return wasm().then(() => Data.builtin());
  let p = dataCache.get(src);
  if (!p) {
    p = fetchData(src);
    dataCache.set(src, p);
    p.catch(() => dataCache.delete(src));
  }
  return p;
}

const FETCH_TIMEOUT_MS = 15000;
const MAX_BYTES = 5 * 1024 * 1024;

async function fetchData(src) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
  let text;
  try {
    const res = await fetch(src, { signal: ctrl.signal });
    if (!res.ok) throw [`(file): the data file ${src} could not be loaded (HTTP ${res.status})`];
    const len = Number(res.headers.get('content-length') || 0);
    if (len > MAX_BYTES) throw [`(file): the data file is too large (${len} bytes; at most ${MAX_BYTES})`];
    text = await res.text();
    if (text.length > MAX_BYTES) throw [`(file): the data file is too large (${text.length} bytes; at most ${MAX_BYTES})`];
  } catch (e) {
    if (Array.isArray(e)) throw e;
    if (e && e.name === 'AbortError') throw [`(file): the data file ${src} did not answer within ${FETCH_TIMEOUT_MS / 1000} s`];
    throw [`(file): the data file ${src} could not be loaded (${e && e.message ? e.message : e})`];
  } finally {
    clearTimeout(timer);
  }
  await wasm();
  return Data.fromText(text);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (v !== false && v != null) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) e.append(c);
  return e;
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** One chart: the card around a canvas, bound to one wasm View. */
class Controller {
  constructor(host, root) {
    this.host = host;
    this.root = root;
    this.view = null;
    this.info = null;
    this.frame = 0;
    this.generation = 0;
    this.disposers = [];
    this.showTable = false;
    this.build();
  }

  build() {
    const r = this.root;
    this.title = el('h2', { class: 'title', part: 'title' });
    this.subtitle = el('p', { class: 'subtitle' });
    this.tabs = el('div', { class: 'tabs', role: 'tablist' });
    this.toggle = el('button', { class: 'toggle', type: 'button', 'aria-pressed': 'false' });
    this.canvas = el('canvas', { role: 'img', tabindex: '0' });
    this.tip = el('div', { class: 'tip', role: 'tooltip', id: 'tip', hidden: true });
    this.live = el('div', { class: 'sr-only', 'aria-live': 'polite' });
    this.table = el('table', { class: 'data' });
    this.tableWrap = el('div', { class: 'table-wrap sr-only' }, this.table);
    this.stage = el('div', { class: 'stage' }, this.canvas, this.tip);
    this.source = el('p', { class: 'source' });
    this.alert = el('div', { class: 'alert', role: 'alert', hidden: true });
    this.status = el('p', { class: 'status' });
    this.card = el('figure', { class: 'card' },
      el('div', { class: 'head' }, this.title, this.subtitle),
      el('div', { class: 'bar' }, this.tabs, this.toggle),
      this.stage, this.tableWrap, this.live, this.source, this.alert, this.status);
    this.card.hidden = true;
    r.append(this.card);

    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      this.disposers.push(() => target.removeEventListener(type, fn, opts));
    };
    on(this.canvas, 'pointermove', (e) => this.onPointer(e));
    on(this.canvas, 'pointerdown', (e) => this.onPointer(e));
    on(this.canvas, 'pointerleave', (e) => { if (e.pointerType === 'mouse') this.clear(); });
    on(this.canvas, 'keydown', (e) => this.onKey(e));
    on(this.canvas, 'blur', () => this.clear());
    on(this.toggle, 'click', () => this.setTableView(!this.showTable));
    on(this.tabs, 'keydown', (e) => this.onTabKey(e));
    // A tap elsewhere on the page hides a tapped tooltip.
    on(document, 'pointerdown', (e) => { if (!e.composedPath().includes(this.host)) this.clear(); });
    const dark = matchMedia('(prefers-color-scheme: dark)');
    on(dark, 'change', () => this.applyTheme());
    // Only a new width (or zoom) needs a new layout; our own height change does not.
    this.resizer = new ResizeObserver(() => {
      if (this.stage.clientWidth !== this.sized?.w || (devicePixelRatio || 1) !== this.sized?.dpr) this.resize();
    });
    this.resizer.observe(this.stage);
    this.disposers.push(() => this.resizer.disconnect());
  }

  lang() {
    return this.host.getAttribute('lang') === 'en' ? 'en' : 'zh';
  }

  theme() {
    const t = this.host.getAttribute('theme');
    if (t === 'dark' || t === 'light') return t;
    if (t === 'auto') return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    return 'light';
  }

  /** (Re)loads data and binds the view; the last call wins. */
  async load(data) {
    const gen = ++this.generation;
    const t = TEXT[this.lang()];
    this.status.textContent = t.loading;
    try {
      // loadData fetches the file while the wasm loads; it awaits both.
      const d = data ?? (await loadData(this.host.getAttribute('src')));
      if (gen !== this.generation) return;
      const chart = this.host.getAttribute('chart') || d.chartIds()[0];
      const view = new View(d, chart, this.canvas);
      this.view?.free();
      this.view = view;
      view.setLang(this.lang());
      view.setTheme(this.theme());
      const ds = this.host.getAttribute('dataset');
      if (ds && !view.setDataset(ds)) console.warn(`lvdong: chart "${chart}" has no dataset "${ds}"; showing the first`);
      this.alert.hidden = true;
      this.card.hidden = false;
      this.host.toggleAttribute('data-ready', true);
      this.resize();
      this.refresh();
      // The first picture is drawn now, not a frame later.
      this.drawNow();
    } catch (e) {
      if (gen !== this.generation) return;
      this.fail(e);
    } finally {
      if (gen === this.generation) this.status.textContent = '';
    }
  }

  fail(e) {
    const list = Array.isArray(e) ? e : [e && e.message ? e.message : String(e)];
    this.view?.free();
    this.view = null;
    this.card.hidden = false;
    this.host.toggleAttribute('data-ready', false);
    this.host.toggleAttribute('data-error', true);
    for (const n of [this.title, this.subtitle, this.tabs, this.stage, this.tableWrap, this.source, this.toggle]) n.hidden = true;
    this.alert.replaceChildren(
      el('strong', {}, TEXT[this.lang()].error),
      el('ul', {}, ...list.slice(0, 20).map((m) => el('li', {}, String(m)))),
    );
    this.alert.hidden = false;
    console.warn('lvdong:', ...list);
  }

  resize() {
    if (!this.view) return;
    const w = this.stage.clientWidth;
    if (w <= 0) return;
    this.sized = { w, dpr: devicePixelRatio || 1 };
    const h = this.view.resize(w, this.sized.dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.schedule();
  }

  /** Coalesces redraws to one per animation frame. */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws at once (first picture, dataset switch) instead of in the next frame. */
  drawNow() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
  }

  draw() {
    if (!this.view) return;
    try {
      this.view.render();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Updates the DOM around the canvas from the view's info. */
  refresh() {
    const info = this.view.info();
    this.info = info;
    const t = TEXT[info.lang];
    for (const n of [this.title, this.stage, this.source, this.toggle]) n.hidden = false;
    this.title.textContent = info.title;
    this.subtitle.textContent = info.subtitle ?? '';
    this.subtitle.hidden = !info.subtitle;
    this.canvas.setAttribute('aria-label', info.ariaLabel);
    this.card.setAttribute('lang', info.lang === 'zh' ? 'zh-CN' : 'en');
    this.tabs.setAttribute('aria-label', t.datasets);
    this.tabs.hidden = info.datasets.length < 2;
    this.tabs.replaceChildren(...info.datasets.map((d) => {
      const selected = d.id === info.dataset;
      const b = el('button', { role: 'tab', type: 'button', 'aria-selected': String(selected), tabindex: selected ? '0' : '-1', 'data-id': d.id }, d.label);
      b.addEventListener('click', () => this.setDataset(d.id, true));
      return b;
    }));
    this.toggle.textContent = this.showTable ? t.chart : t.table;
    this.toggle.setAttribute('aria-label', t.view);
    this.renderTable(info.table);
    this.source.replaceChildren();
    if (info.sourceUrl && /^https?:\/\//i.test(info.sourceUrl)) {
      this.source.append(el('a', { href: info.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, info.source));
    } else {
      this.source.textContent = info.source;
    }
    this.updateTip();
  }

  renderTable(t) {
    const head = el('tr', {}, ...t.head.map((h) => el('th', { scope: 'col' }, h)));
    const rows = t.rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))));
    this.table.replaceChildren(el('caption', {}, t.caption), el('thead', {}, head), el('tbody', {}, ...rows));
  }

  setTableView(on) {
    this.showTable = on;
    this.toggle.setAttribute('aria-pressed', String(on));
    this.tableWrap.classList.toggle('sr-only', !on);
    this.stage.classList.toggle('sr-only', on);
    if (this.info) this.toggle.textContent = on ? TEXT[this.info.lang].chart : TEXT[this.info.lang].table;
  }

  setDataset(id, fromUser = false) {
    if (!this.view || !this.view.setDataset(id)) return false;
    this.refresh();
    this.drawNow();
    if (!reducedMotion()) this.canvas.animate([{ opacity: 0.35 }, { opacity: 1 }], { duration: 200, easing: 'ease-out' });
    if (fromUser) this.tabs.querySelector('[aria-selected="true"]')?.focus();
    this.host.dispatchEvent(new CustomEvent('lvdong-datasetchange', { bubbles: true, composed: true, detail: { chart: this.info.id, dataset: id } }));
    return true;
  }

  onTabKey(e) {
    const tabs = [...this.tabs.querySelectorAll('[role=tab]')];
    const i = tabs.indexOf(this.root.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    this.setDataset(t.dataset.id, true);
  }

  onPointer(e) {
    if (!this.view) return;
    const r = this.canvas.getBoundingClientRect();
    const changed = this.view.pointer(e.clientX - r.left, e.clientY - r.top);
    this.pointer = { x: e.clientX - r.left, y: e.clientY - r.top };
    if (changed) this.highlightChanged(false);
    else if (!this.tip.hidden) this.placeTip(this.pointer);
  }

  onKey(e) {
    if (!this.view || e.altKey || e.ctrlKey || e.metaKey) return;
    if (this.view.key(e.key)) {
      e.preventDefault();
      this.pointer = null;
      this.highlightChanged(true);
    }
  }

  clear() {
    if (this.view && this.view.leave()) this.highlightChanged(false);
    this.view && this.view.key('Escape') && this.highlightChanged(false);
  }

  highlightChanged(fromKeyboard) {
    this.schedule();
    const tip = this.updateTip();
    if (fromKeyboard) this.live.textContent = this.view.announcement();
    const detail = tip
      ? { chart: this.info.id, dataset: tip.dataset, id: tip.id, label: tip.label, value: tip.raw }
      : null;
    this.host.dispatchEvent(new CustomEvent('lvdong-hover', { bubbles: true, composed: true, detail }));
  }

  updateTip() {
    const tip = this.view?.tooltip();
    if (!tip) {
      this.tip.hidden = true;
      this.canvas.removeAttribute('aria-describedby');
      return null;
    }
    const rows = [el('div', { class: 'tip-label' }, tip.label), el('div', { class: 'tip-value' }, tip.value)];
    if (tip.share) rows.push(el('div', { class: 'tip-line' }, el('span', {}, TEXT[this.info.lang] === TEXT.zh ? '占比' : 'Share'), el('span', {}, tip.share)));
    for (const [k, v] of tip.lines) rows.push(el('div', { class: 'tip-line' }, el('span', {}, k), el('span', {}, v)));
    if (tip.note) rows.push(el('div', { class: 'tip-note' }, tip.note));
    if (tip.derived) rows.push(el('div', { class: 'tip-derived' }, tip.derived));
    this.tip.replaceChildren(...rows);
    this.tip.hidden = false;
    this.canvas.setAttribute('aria-describedby', 'tip');
    this.placeTip(this.pointer ?? { x: tip.x, y: tip.y });
    return tip;
  }

  /** Beside the point, flipped and clamped so it stays inside the viewport. */
  placeTip(p) {
    const gap = 14;
    const stage = this.stage.getBoundingClientRect();
    const tw = this.tip.offsetWidth, th = this.tip.offsetHeight;
    let x = stage.left + p.x + gap, y = stage.top + p.y + gap;
    if (x + tw > innerWidth - 4) x = stage.left + p.x - gap - tw;
    if (y + th > innerHeight - 4) y = stage.top + p.y - gap - th;
    x = Math.max(4, Math.min(x, innerWidth - tw - 4));
    y = Math.max(4, Math.min(y, innerHeight - th - 4));
    this.tip.style.transform = `translate(${Math.round(x - stage.left)}px, ${Math.round(y - stage.top)}px)`;
  }

  applyTheme() {
    const theme = this.theme();
    this.card.dataset.theme = theme;
    if (this.view && this.view.setTheme(theme)) this.schedule();
  }

  attributeChanged(name) {
    if (name === 'src' || name === 'chart') return this.load();
    if (!this.view) return;
    if (name === 'lang') {
      if (this.view.setLang(this.lang())) { this.resize(); this.refresh(); }
    } else if (name === 'theme') {
      this.applyTheme();
    } else if (name === 'dataset') {
      const id = this.host.getAttribute('dataset');
      if (id && id !== this.info?.dataset) this.setDataset(id);
    }
  }

  destroy() {
    this.generation++;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const d of this.disposers.splice(0)) d();
    this.view?.free();
    this.view = null;
    this.root.replaceChildren();
  }
}

/** `<lvdong-chart chart="…" dataset="…" src="…" lang="zh|en" theme="light|dark|auto">` */
export class LvdongChart extends HTMLElement {
  static observedAttributes = ['chart', 'dataset', 'src', 'lang', 'theme'];

  connectedCallback() {
    if (this.ctl) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.replaceChildren(el('slot', { name: 'fallback-hidden' }));
    this.ctl = new Controller(this, root);
    this.ctl.applyTheme();
    stylesheet().then((s) => { root.adoptedStyleSheets = [s]; }).catch(() => {});
    this.ready = this.ctl.load().then(() => this.handle);
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

if (!customElements.get('lvdong-chart')) customElements.define('lvdong-chart', LvdongChart);

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
