// Chart.js 4.6.1 (its minified UMD file, as a newsroom would load it) drawing
// the same scenes: donut → doughnut, bar → horizontal bar, units → a scatter of
// one circle per counted item. Animations off, fixed 900×480 CSS px canvas.

import { chartId, many, forceDrawn, loadJson, probe, clientBox, publish, unitDots, PALETTE, WIDTH, HEIGHT, DATA_URL, ARTICLE_URL } from './common.js';

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

function config(chart, ds) {
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
        plugins: { legend: { position: 'top' } },
      },
    };
  }
  const data = {
    labels: ds.items.map(label),
    datasets: [{ label: ds.label.zh, data: ds.items.map((it) => it.value), backgroundColor: ds.items.map((_, i) => PALETTE[i % PALETTE.length]) }],
  };
  if (chart.kind === 'donut') {
    return { type: 'doughnut', data, options: { ...common, cutout: '55%', plugins: { legend: { position: 'right' } } } };
  }
  return { type: 'bar', data, options: { ...common, indexAxis: 'y', plugins: { legend: { display: false } } } };
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
  const host = document.getElementById('charts');
  const specs = many ? file.charts : file.charts.filter((c) => c.id === chartId);
  if (!specs.length) throw new Error(`no chart ${chartId}`);
  const charts = specs.map((spec) => {
    const canvas = canvasBox(host);
    return { spec, canvas, chart: new window.Chart(canvas, config(spec, spec.datasets[0])) };
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
      chart.update('none');
      forceDrawn(canvas);
      return performance.now() - s;
    },
  };
});
