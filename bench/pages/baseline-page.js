// The raw Canvas2D baseline: hand-written drawing of the same marks and text,
// and hover with the simplest correct code (scan every mark, redraw everything,
// a DOM tooltip). The floor any canvas library sits on.

import { chartId, many, forceDrawn, loadJson, probe, clientBox, publish, unitDots, itemValue, total, shares, sourceLine, valueScale, drawCentreTotal, FONT, PALETTE, WIDTH, HEIGHT, DATA_URL, ARTICLE_URL } from './common.js';

const t0 = performance.now();
// The scene's layout in CSS px: the title above, the source line below, the plot between.
const TITLE_Y = 20, PLOT_TOP = 44, PLOT_BOTTOM = HEIGHT - 28, SOURCE_Y = HEIGHT - 10;

/** Marks of one dataset in CSS px: {kind, item, geometry}. */
function marks(spec, ds) {
  const items = ds.items;
  if (spec.kind === 'units') {
    return unitDots(items, WIDTH, PLOT_BOTTOM, PLOT_TOP + 28).dots.map((d) => ({ type: 'dot', item: d.cat, ...d }));
  }
  if (spec.kind === 'donut') {
    const sum = total(items) || 1;
    let a = -Math.PI / 2;
    const cy = (PLOT_TOP + PLOT_BOTTOM) / 2;
    return items.map((it, i) => {
      const sweep = (it.value / sum) * 2 * Math.PI;
      const m = { type: 'sector', item: i, cx: 240, cy, r0: 110, r1: 190, a0: a, a1: a + sweep };
      a += sweep;
      return m;
    });
  }
  const { max } = axis(items, ds.unit);
  const band = (PLOT_BOTTOM - 24 - PLOT_TOP) / items.length;
  return items.map((it, i) => ({ type: 'bar', item: i, x: 110, y: PLOT_TOP + i * band + band * 0.2, w: ((WIDTH - 210) * it.value) / max, h: band * 0.6 }));
}

/** The bar chart's value axis: its unit (see `valueScale`), a 1-2-5 tick step in that unit, the tick count and the maximum. */
function axis(items, unit) {
  const { top, scale, word } = valueScale(items, unit);
  const rough = top / scale / 8;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((x) => x >= rough);
  const ticks = Math.max(1, Math.ceil(top / scale / step));
  return { scale, word, step, ticks, max: ticks * step * scale };
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

/** One legend row: swatch, label, share (grey) and value (bold), right-aligned at `right`. */
function legendRow(ctx, x, y, right, color, it, share, unit) {
  ctx.fillStyle = color;
  ctx.fillRect(x, y - 7, 14, 14);
  ctx.fillStyle = '#222';
  ctx.font = `13px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.fillText(it.label.zh, x + 20, y);
  ctx.textAlign = 'right';
  ctx.font = `bold 13px ${FONT}`;
  const value = itemValue(it, unit);
  ctx.fillText(value, right, y);
  const w = ctx.measureText(value).width;
  ctx.font = `12px ${FONT}`;
  ctx.fillStyle = '#666';
  ctx.fillText(share, right - w - 8, y);
}

function draw(ctx, spec, ds, ms, highlight) {
  const dpr = devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const color = (i) => PALETTE[i % PALETTE.length];
  if (spec.kind === 'bar') {
    const { word, step, ticks } = axis(ds.items, ds.unit);
    const x0 = ms[0].x, w = WIDTH - 210, y1 = PLOT_BOTTOM - 24;
    ctx.strokeStyle = '#ddd';
    ctx.lineWidth = 1;
    ctx.fillStyle = '#666';
    ctx.font = `12px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let k = 0; k <= ticks; k++) {
      const x = x0 + (w * k) / ticks;
      ctx.beginPath();
      ctx.moveTo(x, PLOT_TOP);
      ctx.lineTo(x, y1);
      ctx.stroke();
      ctx.fillText(String(+(k * step).toFixed(6)), x, y1 + 4);
    }
    ctx.textAlign = 'right';
    ctx.fillText(word, x0 + w, y1 + 18);
  }
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
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = '#222';
  ctx.font = `bold 18px ${FONT}`;
  ctx.fillText(spec.title.zh, 0, TITLE_Y);
  ctx.fillStyle = '#666';
  ctx.font = `12px ${FONT}`;
  ctx.fillText(sourceLine(spec), 0, SOURCE_Y);
  const share = shares(ds.items);
  ds.items.forEach((it, i) => {
    if (spec.kind === 'bar') {
      const m = ms[i];
      ctx.fillStyle = '#222';
      ctx.font = `13px ${FONT}`;
      ctx.textAlign = 'right';
      ctx.fillText(it.label.zh, m.x - 8, m.y + m.h / 2);
      ctx.font = `bold 13px ${FONT}`;
      ctx.textAlign = 'left';
      ctx.fillText(itemValue(it, ds.unit), m.x + m.w + 6, m.y + m.h / 2);
    } else if (spec.kind === 'units') {
      legendRow(ctx, i * 225, PLOT_TOP + 8, i * 225 + 215, color(i), it, share[i], ds.unit);
    } else {
      legendRow(ctx, 480, PLOT_TOP + 150 + i * 28, WIDTH - 10, color(i), it, share[i], ds.unit);
    }
  });
  if (spec.kind === 'donut') {
    const { cx, cy, r0 } = ms[0];
    drawCentreTotal(ctx, cx, cy, r0, ds);
  }
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
        tip.textContent = `${it.label.zh}: ${itemValue(it, c.ds.unit)}`;
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
