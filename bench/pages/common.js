// What every bench page shares: the scene from the URL, the data file, frame
// waits, the forced pixel read that proves a chart is drawn, and the probe that
// finds two marks (and two points on one mark) through the page's own hit test.

export const params = new URLSearchParams(location.search);
/** Chart id of the scene (S1 energy-mix, S2/S3 investment, S4 units); absent in the many-charts page. */
export const chartId = params.get('chart');
export const many = params.has('many');
export const WIDTH = 900;
export const HEIGHT = 480;

export const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

/** Reads one pixel: the browser must finish drawing the canvas first. */
export function forceDrawn(canvas) {
  canvas.getContext('2d').getImageData(0, 0, 1, 1);
}

/** The bench scenes' data file, or the demo article's for the many-charts page. */
export async function loadJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

export const DATA_URL = '/bench/data.json';
export const ARTICLE_URL = '/data/article.json';

/** lvdong's canvas font (src/theme.rs FONT_FAMILY): Chart.js and the baseline draw their text in it too. */
export const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

// The words every contender draws, so all three show the same scene: the
// title, the source line, a donut's centre total, each item's share and value
// (lvdong prints them the same way: 万/亿/万亿 scales and the unit).
const UNIT = { kW: '千瓦', CNY: '元', count: '个', percent: '%' };
const trim = (x, d) => String(+x.toFixed(d));
/** A value with its scale and unit: "8382万千瓦", "1.72万亿元", "54.3%". */
function fmtValue(v, unit) {
  const u = UNIT[unit] ?? '';
  if (unit === 'percent') return `${trim(v, 1)}%`;
  for (const [scale, name] of [[1e12, '万亿'], [1e8, '亿'], [1e4, '万']]) {
    if (Math.abs(v) >= scale) return `${trim(v / scale, 4)}${name}${u}`;
  }
  return `${trim(v, 1)}${u}`;
}
export const total = (items) => items.reduce((s, it) => s + it.value, 0);
/** An item's value as lvdong prints it: "≈" marks a value derived from the article's figures. */
export const itemValue = (it, unit) => `${it.derived ? '≈' : ''}${fmtValue(it.value, unit)}`;
/** The donut's centre total, "≈" when any part of it is derived. */
const totalValue = (items, unit) => `${items.some((it) => it.derived) ? '≈' : ''}${fmtValue(total(items), unit)}`;
/** Each item's share of the dataset, "41.8%" (the data file's own share where it gives one). */
export function shares(items) {
  const sum = total(items) || 1;
  return items.map((it) => `${(it.share ?? (it.value / sum) * 100).toFixed(1)}%`);
}
/** A bar axis's unit: the largest value, its scale (1e12) and the scale's word ("万亿元"). */
export function valueScale(items, unit) {
  const top = Math.max(...items.map((it) => it.value), 1);
  const scale = [1e12, 1e8, 1e4].find((s) => top >= s) ?? 1;
  return { top, scale, word: fmtValue(scale, unit).replace(/^1/, '') };
}
/**
 * The donut's centre total of `ds` at (x, y), bold at the biggest size (up
 * to 28 px) that fits a hole of radius `r`, from one measurement; its
 * caption below. Leaves the context's font, fill and alignment changed.
 */
export function drawCentreTotal(ctx, x, y, r, ds) {
  const text = totalValue(ds.items, ds.unit);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#222';
  ctx.font = `bold 20px ${FONT}`;
  const size = Math.min(28, Math.floor((20 * r * 1.6) / ctx.measureText(text).width));
  ctx.font = `bold ${size}px ${FONT}`;
  ctx.fillText(text, x, y - 8);
  ctx.font = `12px ${FONT}`;
  ctx.fillStyle = '#555';
  ctx.fillText('合计', x, y + size / 2 + 6);
}
export const sourceLine = (spec) => `来源：${spec.source.zh}${spec.source.date ? `，${spec.source.date}` : ''}`;

/** Colours shared by Chart.js and the baseline (lvdong uses its own theme). */
export const PALETTE = ['#1b7f4c', '#9a948a', '#2f6db5', '#d08a1e', '#7a4fa0', '#3aa5a0', '#c0504d'];

/** Waffle positions for a units chart: one dot per counted item, row-major below the `top` px of words. */
export function unitDots(items, w, h, top = 28) {
  const n = items.reduce((s, it) => s + Math.max(0, Math.round(it.value)), 0);
  const cols = Math.max(1, Math.ceil(Math.sqrt((n * w) / (h - top))));
  const rows = Math.ceil(n / cols);
  const cell = Math.min(w / cols, (h - top) / rows);
  const r = Math.max(1, cell * 0.38);
  const dots = [];
  let k = 0;
  items.forEach((it, cat) => {
    for (let j = 0; j < Math.round(it.value); j++, k++) {
      const c = k % cols, row = Math.floor(k / cols);
      dots.push({ x: c * cell + cell / 2, y: top + row * cell + cell / 2, r, cat });
    }
  });
  return { dots, cell, r };
}

/**
 * Finds, on a grid over `box` (client px), points well inside marks according
 * to `hitAt(x, y) -> id | null`: `a` and `b` on two different marks and `a2`
 * another point on `a`'s mark. "Well inside" means the neighbours 1 px away
 * hit the same mark, so a mouse landing there is unambiguous.
 */
export function probe(box, hitAt, step) {
  const inside = (x, y) => {
    const id = hitAt(x, y);
    if (id == null) return null;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) if (hitAt(x + dx, y + dy) !== id) return null;
    return id;
  };
  let a = null, b = null, a2 = null;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  // Scan outwards from the centre row so the chosen marks are typical ones.
  for (let ring = 0; ring < box.height / 2 && !(a && b && a2); ring += step) {
    for (const y of ring === 0 ? [cy] : [cy - ring, cy + ring]) {
      for (let x = box.x + step / 2; x < box.x + box.width && !(a && b && a2); x += step) {
        const id = inside(x, y);
        if (id == null) continue;
        if (!a) a = { x, y, id };
        else if (id === a.id && !a2 && Math.hypot(x - a.x, y - a.y) >= 2) a2 = { x, y, id };
        else if (id !== a.id && !b) b = { x, y, id };
      }
    }
  }
  return { a, b, a2 };
}

export function clientBox(canvas) {
  const r = canvas.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** Publishes the page's bench surface and reports a failure instead of hanging. */
/**
 * A dataset switch that animates, frame by frame: `start()` begins it and
 * the main-thread time of every animation-frame callback is recorded (the
 * bench wraps requestAnimationFrame before the page loads, see run.mjs)
 * until `done()` or 2 s. Our own waits use the unwrapped function.
 */
export async function transitionFrames(start, done) {
  const raf = window.__rafOriginal ?? requestAnimationFrame;
  const next = () => new Promise((r) => raf(() => r()));
  const times = [];
  window.__frameTimes = times;
  const t0 = performance.now();
  start();
  await next();
  while (!done(performance.now() - t0) && performance.now() - t0 < 2000) await next();
  window.__frameTimes = null;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    frames: times.length,
    longest: sorted.length ? sorted[sorted.length - 1] : 0,
    p95: sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] : 0,
  };
}

export function publish(start) {
  window.bench = { hoverChanges: 0 };
  window.benchReady = start().then(
    (r) => Object.assign(window.bench, r) && { first: r.first, wasm: r.wasm ?? null },
    (e) => ({ error: String(e && e.stack ? e.stack : e) }),
  );
}
