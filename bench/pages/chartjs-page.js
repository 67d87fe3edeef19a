// Chart.js 4.6.1 (its minified UMD file, as a newsroom would load it) drawing
// the same scenes: donut → doughnut, bar → horizontal bar, units → a scatter of
// one circle per counted item, each with lvdong's words (see `centreTotal`).
// Animations off, fixed 900×480 CSS px canvas.

import { transitionFrames, chartId, many, forceDrawn, loadJson, probe, clientBox, publish, unitDots, itemValue, shares, sourceLine, valueScale, drawCentreTotal, FONT, PALETTE, WIDTH, HEIGHT, DATA_URL, ARTICLE_URL } from './common.js';

const t0 = performance.now();

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

const label = (it) => it.label.zh;

// What lvdong's scene shows beyond Chart.js's defaults, done the way a
// newsroom developer would with Chart.js: title and source through its title
// and subtitle plugins, share and value in the legend's labels, and two small
// inline plugins for the donut's centre total and the bars' value labels. The
// dataset a canvas shows is `shown.get(canvas)`, set before Chart.js draws.
const shown = new WeakMap();
const centreTotal = {
  id: 'centreTotal',
  afterDraw(chart) {
    const arc = chart.getDatasetMeta(0).data[0];
    if (chart.config.type !== 'doughnut' || !arc) return;
    chart.ctx.save();
    drawCentreTotal(chart.ctx, arc.x, arc.y, arc.innerRadius, shown.get(chart.canvas));
    chart.ctx.restore();
  },
};
const barValues = {
  id: 'barValues',
  afterDatasetsDraw(chart) {
    if (chart.config.options.indexAxis !== 'y') return;
    const ds = shown.get(chart.canvas);
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = `bold 13px ${FONT}`;
    ctx.fillStyle = '#222';
    ctx.textBaseline = 'middle';
    chart.getDatasetMeta(0).data.forEach((bar, i) => ctx.fillText(itemValue(ds.items[i], ds.unit), bar.x + 6, bar.y));
    ctx.restore();
  },
};

/** Legend entries with each item's share and value, as lvdong's legend shows them. */
function legendLabels(chart) {
  const ds = shown.get(chart.canvas);
  const base = window.Chart.defaults.plugins.legend.labels.generateLabels;
  const entries = chart.config.type === 'doughnut' ? window.Chart.overrides.doughnut.plugins.legend.labels.generateLabels(chart) : base(chart);
  const share = shares(ds.items);
  return entries.map((e, i) => ({ ...e, text: `${e.text}  ${share[i]}  ${itemValue(ds.items[i], ds.unit)}` }));
}

function config(chart, ds) {
  const words = {
    title: { display: true, text: chart.title.zh, align: 'start', color: '#222', font: { size: 18, weight: 'bold' } },
    subtitle: { display: true, text: sourceLine(chart), position: 'bottom', align: 'start', color: '#666', font: { size: 12 } },
  };
  const common = { animation: false, responsive: false, events: ['mousemove', 'mouseout'] };
  if (chart.kind === 'units') {
    const { dots, r } = unitDots(ds.items, WIDTH, HEIGHT);
    return {
      type: 'scatter',
      data: {
        datasets: ds.items.map((it, i) => ({
          label: label(it),
          data: dots.filter((d) => d.cat === i).map((d) => ({ x: d.x, y: d.y })),
          backgroundColor: PALETTE[i % PALETTE.length],
          pointRadius: r,
          pointHoverRadius: r + 1,
        })),
      },
      options: {
        ...common,
        scales: { x: { display: false, min: 0, max: WIDTH }, y: { display: false, reverse: true, min: 0, max: HEIGHT } },
        plugins: { ...words, legend: { position: 'top', labels: { generateLabels: legendLabels } } },
      },
    };
  }
  const data = {
    labels: ds.items.map(label),
    datasets: [{ label: ds.label.zh, data: ds.items.map((it) => it.value), backgroundColor: ds.items.map((_, i) => PALETTE[i % PALETTE.length]) }],
  };
  if (chart.kind === 'donut') {
    return { type: 'doughnut', data, options: { ...common, cutout: '55%', plugins: { ...words, legend: { position: 'right', labels: { generateLabels: legendLabels } } } } };
  }
  // The value axis in the unit of the largest value ("万亿元"), vertical grid lines only.
  return {
    type: 'bar',
    data,
    options: {
      ...common,
      indexAxis: 'y',
      layout: { padding: { right: 90 } },
      scales: {
        x: {
          ticks: { callback(v) { const d = shown.get(this.chart.canvas); return `${+(v / valueScale(d.items, d.unit).scale).toFixed(2)}`; } },
          title: { display: true, text: valueScale(ds.items, ds.unit).word, align: 'end' },
        },
        y: { grid: { display: false } },
      },
      plugins: { ...words, legend: { display: false } },
    },
  };
}

/** A chart of `spec` showing `ds`. */
function makeChart(canvas, spec, ds) {
  shown.set(canvas, ds);
  return new window.Chart(canvas, { ...config(spec, ds), plugins: [centreTotal, barValues] });
}

function canvasBox(host) {
  const box = document.createElement('div');
  box.className = 'box';
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  box.append(canvas);
  host.append(box);
  return canvas;
}

publish(async () => {
  const [, file] = await Promise.all([
    loadScript('/chartjs/chart.umd.min.js'),
    loadJson(many ? ARTICLE_URL : DATA_URL),
  ]);
  window.Chart.defaults.font.family = FONT;
  const host = document.getElementById('charts');
  const specs = many ? file.charts : file.charts.filter((c) => c.id === chartId);
  if (!specs.length) throw new Error(`no chart ${chartId}`);
  const charts = specs.map((spec) => {
    const canvas = canvasBox(host);
    return { spec, canvas, chart: makeChart(canvas, spec, spec.datasets[0]) };
  });
  for (const c of charts) forceDrawn(c.canvas);
  const first = performance.now() - t0;

  const { spec, canvas, chart } = charts[0];
  let last = null;
  chart.options.onHover = (_e, active) => {
    const id = active.length ? `${active[0].datasetIndex}:${active[0].index}` : null;
    if (id !== last) window.bench.hoverChanges++;
    last = id;
  };
  return {
    first,
    box: () => clientBox(canvas),
    points() {
      const box = clientBox(canvas);
      const hitAt = (x, y) => {
        const ev = { type: 'mousemove', native: null, x: x - box.x, y: y - box.y };
        const els = chart.getElementsAtEventForMode(ev, 'nearest', { intersect: true }, false);
        return els.length ? `${els[0].datasetIndex}:${els[0].index}` : null;
      };
      return probe(box, hitAt, 3);
    },
    async switchTo(id) {
      const s = performance.now();
      const ds = spec.datasets.find((d) => d.id === id);
      const next = config(spec, ds).data;
      chart.data.labels = next.labels;
      chart.data.datasets = next.datasets;
      shown.set(canvas, ds);
      if (spec.kind === 'bar') chart.options.scales.x.title.text = valueScale(ds.items, ds.unit).word;
      chart.update('none');
      forceDrawn(canvas);
      return performance.now() - s;
    },
    /** The same switch with Chart.js's default update animation (1 s, easeOutQuart). */
    transition(id) {
      const ds = spec.datasets.find((d) => d.id === id);
      const next = config(spec, ds).data;
      chart.data.labels = next.labels;
      chart.data.datasets = next.datasets;
      shown.set(canvas, ds);
      if (spec.kind === 'bar') chart.options.scales.x.title.text = valueScale(ds.items, ds.unit).word;
      chart.options.animation = { duration: 1000, easing: 'easeOutQuart' };
      return transitionFrames(() => chart.update(), (ms) => ms > 1100);
    },
  };
});
