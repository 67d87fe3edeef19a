// The raw Canvas2D baseline: hand-written drawing of the same marks and text,
// and hover with the simplest correct code (scan every mark, redraw everything,
// a DOM tooltip). The floor any canvas library sits on.

import { chartId, many, forceDrawn, loadJson, probe, clientBox, publish, unitDots, PALETTE, WIDTH, HEIGHT, DATA_URL, ARTICLE_URL } from './common.js';

const t0 = performance.now();
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const fmt = (v) => (Math.abs(v) >= 1e8 ? `${(v / 1e8).toFixed(1)}亿` : Math.abs(v) >= 1e4 ? `${(v / 1e4).toFixed(1)}万` : `${+v.toFixed(1)}`);

/** Marks of one dataset in CSS px: {kind, item, geometry}. */
function marks(spec, ds) {
  const items = ds.items;
  if (spec.kind === 'units') {
    return unitDots(items, WIDTH, HEIGHT).dots.map((d) => ({ type: 'dot', item: d.cat, ...d }));
  }
  if (spec.kind === 'donut') {
    const total = items.reduce((s, it) => s + it.value, 0) || 1;
    let a = -Math.PI / 2;
    return items.map((it, i) => {
      const sweep = (it.value / total) * 2 * Math.PI;
      const m = { type: 'sector', item: i, cx: 300, cy: HEIGHT / 2, r0: 110, r1: 200, a0: a, a1: a + sweep };
      a += sweep;
      return m;
    });
  }
  const max = Math.max(...items.map((it) => it.value), 1);
  const band = HEIGHT / items.length;
  return items.map((it, i) => ({ type: 'bar', item: i, x: 260, y: i * band + band * 0.2, w: ((WIDTH - 360) * it.value) / max, h: band * 0.6 }));
}

function hit(ms, x, y) {
  for (const m of ms) {
    if (m.type === 'dot' && Math.hypot(x - m.x, y - m.y) <= m.r) return m.item;
    if (m.type === 'bar' && x >= m.x && x <= m.x + m.w && y >= m.y && y <= m.y + m.h) return m.item;
    if (m.type === 'sector') {
      const d = Math.hypot(x - m.cx, y - m.cy);
      let a = Math.atan2(y - m.cy, x - m.cx);
      if (a < -Math.PI / 2) a += 2 * Math.PI;
      if (d >= m.r0 && d <= m.r1 && a >= m.a0 && a < m.a1) return m.item;
    }
  }
  return null;
}

function draw(ctx, spec, ds, ms, highlight) {
  const dpr = devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const color = (i) => PALETTE[i % PALETTE.length];
  for (const m of ms) {
    ctx.globalAlpha = highlight == null || highlight === m.item ? 1 : 0.45;
    ctx.fillStyle = color(m.item);
    ctx.beginPath();
    if (m.type === 'dot') ctx.arc(m.x, m.y, m.r, 0, 2 * Math.PI);
    else if (m.type === 'bar') ctx.rect(m.x, m.y, m.w, m.h);
    else {
      ctx.arc(m.cx, m.cy, m.r1, m.a0, m.a1);
      ctx.arc(m.cx, m.cy, m.r0, m.a1, m.a0, true);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#222';
  ctx.font = `13px ${FONT}`;
  ctx.textBaseline = 'middle';
  ds.items.forEach((it, i) => {
    const text = `${it.label.zh} ${fmt(it.value)}`;
    if (spec.kind === 'bar') {
      const m = ms[i];
      ctx.textAlign = 'right';
      ctx.fillText(it.label.zh, m.x - 8, m.y + m.h / 2);
      ctx.textAlign = 'left';
      ctx.fillText(fmt(it.value), m.x + m.w + 6, m.y + m.h / 2);
    } else if (spec.kind === 'units') {
      ctx.textAlign = 'left';
      ctx.fillStyle = color(i);
      ctx.fillRect(i * 200, 6, 12, 12);
      ctx.fillStyle = '#222';
      ctx.fillText(text, i * 200 + 18, 12);
    } else {
      ctx.textAlign = 'left';
      ctx.fillStyle = color(i);
      ctx.fillRect(560, 40 + i * 28, 14, 14);
      ctx.fillStyle = '#222';
      ctx.fillText(text, 582, 47 + i * 28);
    }
  });
}

function chartBox(host) {
  const box = document.createElement('div');
  box.className = 'box';
  const canvas = document.createElement('canvas');
  const dpr = devicePixelRatio || 1;
  canvas.width = WIDTH * dpr;
  canvas.height = HEIGHT * dpr;
  canvas.style.width = `${WIDTH}px`;
  canvas.style.height = `${HEIGHT}px`;
  const tip = document.createElement('div');
  tip.className = 'tip';
  tip.hidden = true;
  box.append(canvas, tip);
  host.append(box);
  return { canvas, tip };
}

/** One chart: draws, and handles hover by scanning marks and redrawing. */
function bind(host, spec) {
  const { canvas, tip } = chartBox(host);
  const ctx = canvas.getContext('2d');
  const c = { spec, canvas, ds: spec.datasets[0], highlight: null };
  c.setDataset = (ds) => {
    c.ds = ds;
    c.ms = marks(spec, ds);
    c.highlight = null;
    tip.hidden = true;
    draw(ctx, spec, ds, c.ms, null);
  };
  c.setDataset(c.ds);
  canvas.addEventListener('pointermove', (e) => {
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    const h = hit(c.ms, x, y);
    if (h !== c.highlight) {
      c.highlight = h;
      window.bench.hoverChanges++;
      draw(ctx, spec, c.ds, c.ms, h);
      if (h == null) tip.hidden = true;
      else {
        const it = c.ds.items[h];
        tip.textContent = `${it.label.zh}: ${fmt(it.value)}`;
        tip.hidden = false;
      }
    }
    if (h != null) tip.style.transform = `translate(${x + 14}px, ${y + 14}px)`;
  });
  return c;
}

publish(async () => {
  const file = await loadJson(many ? ARTICLE_URL : DATA_URL);
  const host = document.getElementById('charts');
  const specs = many ? file.charts : file.charts.filter((c) => c.id === chartId);
  if (!specs.length) throw new Error(`no chart ${chartId}`);
  const charts = specs.map((spec) => bind(host, spec));
  for (const c of charts) forceDrawn(c.canvas);
  const first = performance.now() - t0;
  const c = charts[0];
  return {
    first,
    box: () => clientBox(c.canvas),
    points() {
      const box = clientBox(c.canvas);
      return probe(box, (x, y) => hit(c.ms, x - box.x, y - box.y), 3);
    },
    async switchTo(id) {
      const s = performance.now();
      c.setDataset(c.spec.datasets.find((d) => d.id === id));
      forceDrawn(c.canvas);
      return performance.now() - s;
    },
  };
});
