// A front-end developer's app: `npm install lvdong`, import it, nothing else.
// `cargo xtask test` type-checks this file (tsc --noEmit --strict) against the
// packed package and builds it with Vite; tests/e2e/package.test.mjs opens it.
// It uses every type the package declares.

import { engine, mount, settings, version, LvdongChart } from 'lvdong';
import type {
  Chart,
  ChartHandle,
  Dataset,
  DataFile,
  DatasetChangeDetail,
  Engine,
  HoverDetail,
  Item,
  LvdongChartAttributes,
  MountOptions,
  Settings,
  Text,
} from 'lvdong';
import article from 'lvdong/data/article.json';

const limits: Settings = settings;
limits.fetchTimeout = 20_000;

// The data file's types come from the schema.
const builtIn = article as unknown as DataFile;
const first: Chart = builtIn.charts[0];
const ds: Dataset = first.datasets[0];
const item: Item = ds.items[0];
const label: Text = item.label;
const own: DataFile = {
  schema: 1,
  charts: [
    {
      id: 'budget',
      kind: 'bar',
      title: { zh: '预算', en: 'Budget' },
      source: { zh: '本报', en: 'Our reporting' },
      datasets: [
        {
          id: 'y2024',
          label: { zh: '2024年', en: '2024' },
          unit: 'CNY',
          items: [
            { id: 'roads', label: { zh: '道路', en: 'Roads' }, value: 120_000_000 },
            { id: 'parks', label: { zh: '公园', en: 'Parks' }, value: 45_000_000 },
          ],
        },
      ],
    },
  ],
};
// @ts-expect-error `pie` is not a chart kind
const wrongKind: DataFile = { schema: 1, charts: [{ ...own.charts[0], kind: 'pie' }] };
// @ts-expect-error `theme` takes light, dark or auto
const wrongTheme: LvdongChartAttributes = { chart: 'energy-mix', theme: 'blue' };

// The element, typed through HTMLElementTagNameMap.
const attrs: LvdongChartAttributes = { chart: 'energy-mix', dataset: 'yantai', lang: 'en', theme: 'light' };
const el: LvdongChart = document.createElement('lvdong-chart');
for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
const hovers: string[] = [];
const switches: DatasetChangeDetail[] = [];
el.addEventListener('lvdong-hover', (e) => {
  const d: HoverDetail | null = e.detail;
  if (d) hovers.push(`${d.chart}/${d.dataset}/${d.id} ${d.label} ${d.value.toFixed(0)} ${d.text}`);
});
el.addEventListener('lvdong-datasetchange', (e) => {
  const d: DatasetChangeDetail = e.detail;
  switches.push(d);
});
document.querySelector('#element')?.append(el);

const options: MountOptions = { chart: 'budget', lang: 'en', data: own };
const host = document.querySelector('#mounted');
if (host) {
  const handle: ChartHandle = await mount(host, options);
  handle.resize();
  const switched: boolean = handle.setDataset('y2024');
  const e: Engine = await engine();
  await el.ready;
  const viaElement: ChartHandle = el.handle;
  viaElement.setDataset('shandong');
  Object.assign(window, {
    lvdongCheck: {
      version,
      defined: customElements.get('lvdong-chart') === LvdongChart,
      memory: e.memory.buffer.byteLength > 0,
      switched,
      switches,
      hovers,
      label: typeof label === 'string' ? label : label.en,
      wrong: [wrongKind, wrongTheme].length,
    },
  });
}
