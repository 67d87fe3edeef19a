// lvdong story mode: paragraphs of the host page switch charts as the reader
// scrolls. Loaded by lvdong.js only on pages that have steps
// (`data-lvdong-step="CHART:DATASET[:ITEM]"`) or a <lvdong-story>, so other
// pages never download it. The page work only: which step crossed the
// trigger line, and which chart it names; the chart's view does the rest.

const STYLE = `:host{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 2rem;align-items:start}
.graphic{position:sticky;top:var(--lvdong-story-top,1rem)}
.steps{display:flow-root}
::slotted([data-lvdong-step]){margin:0 0 50vh}
@media (max-width:600px){:host{display:block}.graphic{top:0;z-index:1;background:var(--lvdong-story-background,Canvas);padding-bottom:.5rem}}`;

let sheet = null;

/**
 * `<lvdong-story>`: the chart (slot="chart") pinned beside its steps on wide
 * screens, above them on phones (≤ 600 px); the steps are its other children.
 */
class LvdongStory extends HTMLElement {
  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
      }
      root.adoptedStyleSheets = [sheet];
      const graphic = document.createElement('div');
      graphic.className = 'graphic';
      graphic.setAttribute('part', 'graphic');
      const chart = document.createElement('slot');
      chart.name = 'chart';
      graphic.append(chart);
      const steps = document.createElement('div');
      steps.className = 'steps';
      steps.setAttribute('part', 'steps');
      steps.append(document.createElement('slot'));
      root.append(graphic, steps);
    }
    scan();
  }
}


const observers = new Map();
const watched = new WeakSet();
const warned = new Set();
/** The step each chart shows now, and the dataset it showed before any step. */
const current = new Map();
const initial = new Map();
let pending = 0;

/** Where the trigger line sits, as a share of the viewport's height from the top. */
function line(step) {
  const t = parseFloat(step.closest('[data-lvdong-trigger]')?.getAttribute('data-lvdong-trigger'));
  return t >= 0 && t <= 1 ? t : 0.5;
}

/**
 * Observers only say that something moved: a step crossed a trigger line
 * (a band 1% tall at the line) or entered or left the viewport (a jump, as
 * with Home or a link, crosses no line while it is on screen). Which step
 * each chart shows is then worked out from scratch, once per frame.
 */
function observer(t) {
  let o = observers.get(t);
  if (!o) {
    const top = Math.round(t * 100);
    o = new IntersectionObserver(later, { rootMargin: `-${top}% 0px -${Math.max(99 - top, 0)}% 0px` });
    observers.set(t, o);
  }
  return o;
}
const viewport = new IntersectionObserver(later);

function later() {
  pending ||= requestAnimationFrame(() => {
    pending = 0;
    update();
  });
}

/** Watches every step on the page not yet watched. */
export function scan() {
  for (const step of document.querySelectorAll('[data-lvdong-step]')) {
    if (watched.has(step)) continue;
    watched.add(step);
    observer(parsed(step).line).observe(step);
    viewport.observe(step);
  }
}

/**
 * A step's attribute and trigger line, read once rather than on every
 * scroll frame; again only when the page changes them (`changed`).
 */
const steps = new WeakMap();
function parsed(step) {
  let p = steps.get(step);
  if (!p) {
    const [target = '', dataset = '', item = ''] = step.getAttribute('data-lvdong-step').split(':');
    p = { target, dataset, item, line: line(step) };
    steps.set(step, p);
  }
  return p;
}

/** A page that edits a step (or a trigger around steps) gets them read again. */
function changed(records) {
  for (const r of records) {
    const inside = r.target.matches('[data-lvdong-step]') ? [r.target] : r.target.querySelectorAll('[data-lvdong-step]');
    for (const step of inside) {
      const was = steps.get(step);
      steps.delete(step);
      // A chart showing this step shows it again, as it now reads.
      for (const [chart, shown] of current) if (shown === step) current.delete(chart);
      if (was && watched.has(step) && was.line !== parsed(step).line) {
        observer(was.line).unobserve(step);
        observer(parsed(step).line).observe(step);
      }
    }
  }
  scan();
  later();
}
new MutationObserver(changed).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-lvdong-step', 'data-lvdong-trigger'] });

/** The charts a step names: the element with that id, or every chart showing that chart id. */
function charts(target) {
  const byId = document.getElementById(target);
  if (byId && byId.localName === 'lvdong-chart') return [byId];
  return [...document.querySelectorAll('lvdong-chart')].filter((c) => c.getAttribute('chart') === target);
}

function warnOnce(step, message) {
  if (warned.has(step)) return;
  warned.add(step);
  console.warn(`lvdong: story step "${step.getAttribute('data-lvdong-step')}": ${message}; ignored`);
}

/**
 * Each chart shows the last step whose top has crossed its trigger line; a
 * chart no step has reached yet (scrolled back above them all) shows what
 * the page opened with.
 */
function update() {
  const latest = new Map();
  for (const step of document.querySelectorAll('[data-lvdong-step]')) {
    const { target, line: at } = parsed(step);
    if (step.getBoundingClientRect().top > innerHeight * at) continue;
    const list = charts(target);
    if (!list.length) warnOnce(step, `no chart "${target}" on this page`);
    for (const chart of list) latest.set(chart, step);
  }
  for (const chart of new Set([...current.keys(), ...latest.keys()])) {
    const step = latest.get(chart);
    if (step === current.get(chart)) continue;
    if (step) current.set(chart, step);
    else current.delete(chart);
    show(chart, step);
  }
}

function show(chart, step) {
  Promise.resolve(chart.ready).then(() => {
    const ctl = chart.ctl;
    if (!ctl || !ctl.info || current.get(chart) !== step) return;
    if (!initial.has(chart)) initial.set(chart, ctl.info.dataset);
    if (!step) {
      ctl.storyStep(initial.get(chart), null);
      return;
    }
    const { target, dataset, item } = parsed(step);
    if (!ctl.storyStep(dataset, item || null)) warnOnce(step, `chart "${target}" has no dataset "${dataset}"`);
  });
}

// Last: defining the element upgrades the page's <lvdong-story>s at once, and
// their connectedCallback needs everything above.
if (!customElements.get('lvdong-story')) customElements.define('lvdong-story', LvdongStory);
