// lvdong as a newsroom embeds it: the <lvdong-chart> element from dist/, fed the
// bench data file through `src` (the many-charts page uses the built-in data).

import { transitionFrames, chartId, many, frame, forceDrawn, loadJson, probe, clientBox, publish, DATA_URL, ARTICLE_URL } from './common.js';

const t0 = performance.now();
let wasmMs = 0;
// Times fetch + compile + instantiate of the module, whichever entry point the glue uses.
for (const name of ['instantiateStreaming', 'instantiate']) {
  const orig = WebAssembly[name];
  WebAssembly[name] = async function (...args) {
    const s = performance.now();
    try {
      return await orig.apply(WebAssembly, args);
    } finally {
      wasmMs += performance.now() - s;
    }
  };
}

publish(async () => {
  const { mount, engine } = await import('/lvdong.js');
  const host = document.getElementById('charts');
  const ids = many ? (await loadJson(ARTICLE_URL)).charts.map((c) => c.id) : [chartId];
  const handles = await Promise.all(ids.map((id) => {
    const box = document.createElement('div');
    box.className = 'box';
    host.append(box);
    return mount(box, many ? { chart: id } : { chart: id, src: DATA_URL });
  }));
  // A draw the element deferred to its animation frame (requested before ours) must land first.
  const drawn = () => (handles.some((h) => h.element.ctl?.frame) ? frame() : null);
  await drawn();
  const canvases = handles.map((h) => h.element.shadowRoot.querySelector('canvas'));
  for (const c of canvases) forceDrawn(c);
  const first = performance.now() - t0;

  const handle = handles[0];
  const canvas = canvases[0];
  handle.element.addEventListener('lvdong-hover', () => { window.bench.hoverChanges++; });
  const view = () => handle.element.ctl.view;
  return {
    first,
    wasm: wasmMs,
    box: () => clientBox(canvas),
    points() {
      const box = clientBox(canvas);
      const hitAt = (x, y) => {
        const v = view();
        v.pointer(x - box.x, y - box.y);
        // The engine answers in JSON text.
        const tip = v.tooltip();
        v.clear();
        return tip === undefined ? null : JSON.parse(tip).id;
      };
      return probe(box, hitAt, 3);
    },
    async switchTo(id) {
      const s = performance.now();
      handle.setDataset(id);
      await drawn();
      forceDrawn(canvas);
      return performance.now() - s;
    },
    /** The same switch with lvdong's transition (the page runs without reduced motion). */
    transition(id) {
      return transitionFrames(() => handle.setDataset(id), () => !handle.element.ctl.frame);
    },
    async wasmBytes() {
      return (await engine()).memory.buffer.byteLength;
    },
  };
});
