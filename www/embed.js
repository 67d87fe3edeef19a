// embed.html?chart=…&dataset=…&lang=…&theme=…[&src=…]: one chart alone in the
// page, which tells its parent its height (postMessage) so the iframe can fit it.

import './lvdong.js';

const params = new URLSearchParams(location.search);
const chart = document.createElement('lvdong-chart');
for (const k of ['chart', 'dataset', 'lang', 'theme']) {
  const v = params.get(k);
  if (v) chart.setAttribute(k, v);
}
// A data file from this site only: the embed must not become a proxy for any URL.
const src = params.get('src');
if (src) {
  const url = new URL(src, location.href);
  if (url.origin === location.origin) chart.setAttribute('src', url.pathname + url.search);
}
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
document.documentElement.dataset.theme = ['dark', 'auto'].includes(params.get('theme')) ? params.get('theme') : 'light';
document.getElementById('chart').replaceChildren(chart);

let last = 0;
function post() {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  window.parent.postMessage({ type: 'lvdong:height', chart: params.get('chart'), height }, '*');
}
new ResizeObserver(post).observe(document.body);

chart.ready?.then(() => {
  const title = chart.shadowRoot?.querySelector('.title')?.textContent;
  if (title) {
    document.title = title;
    document.getElementById('page-title').textContent = title;
  }
  post();
});
