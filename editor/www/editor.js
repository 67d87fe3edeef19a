// The editor page (dist/editor.html): a table in, a data file, images and
// snippets out. Every decision about the table (columns, kind, unit, scale,
// numbers, problems) is the Rust crate `lvdong-editor`'s, in its own wasm;
// this file only keeps the draft, builds the form and grid, and shows the
// reader's own <lvdong-chart> as the preview.

import { mount } from '../lvdong.js';
import init, { buildFile, openFile, svg, drawPng } from './pkg/lvdong_editor.js';

const KEY = 'lvdong-editor-draft';
const $ = (sel) => document.querySelector(sel);

const WORDS = {
  zh: {
    heading: '绿动 图表编辑器', switchLang: 'English', newFile: '新建', openFile: '打开表格或数据文件',
    charts: '本文件中的图表', addChart: '添加图表', up: '上移', down: '下移', remove: '删除',
    table: '1. 表格', tableHint: '从 Excel、WPS 或在线表格复制（第一行是列名），粘贴到下面；或拖入 .csv / .tsv 文件。',
    paste: '粘贴表格', addRow: '添加一行', addCol: '添加一列', mapping: '2. 列与图表类型',
    labelCol: '名称列', labelEnCol: '英文名称列', valueCols: '数值列（每列一个标签页）', kind: '图表类型',
    unit: '单位', scale: '数字的写法（数量级）', sort: '从大到小排序（表格顺序有意义时取消）',
    words: '3. 标题与来源', titleZh: '标题（中文）', titleEn: '标题（英文）', subtitleZh: '副标题（中文）',
    subtitleEn: '副标题（英文）', sourceZh: '来源（中文）', sourceEn: '来源（英文）', url: '来源网址',
    date: '日期（如 2023-08-30）', preview: '4. 预览', previewLang: '图片语言', previewTheme: '图片配色',
    previewHint: '读者看到的样子：手机（360 px）和桌面（640 px）宽度，中文和英文，浅色和深色；鼠标移到图上可以看提示。',
    zhLight: '中文 · 浅色', enDark: '英文 · 深色', zhDark: '中文 · 深色', enLight: '英文 · 浅色',
    unitZh: '单位（中文，如 吨）', unitEn: '单位（英文，如 t）', customUnit: '其他单位…',
    targetCol: '目标列（进度图：每个数值对照的目标或计划）', datasetUnit: '这一页的单位', sameUnit: '与图表相同',
    light: '浅色', dark: '深色', phone: '手机（360 px）', desktop: '桌面（640 px）', output: '5. 下载与嵌入',
    downloadJson: '下载数据文件', downloadSvg: '下载 SVG', downloadPng: '下载 PNG',
    snippetElement: '嵌入代码（元素）', snippetIframe: '嵌入代码（iframe）', copy: '复制',
    categories: '各项是不同类别（每条一种颜色；默认同一系列一种颜色，可在名称格旁勾选“强调”）', accent: '强调',
    auto: '自动', none: '无', column: '列', derived: '推算值', datasetEn: '英文标签', noteZh: '说明（中文）',
    noteEn: '说明（英文）', dataset: '标签页', chart: '图表', untitled: '（未命名）',
    blocked: (n) => `有 ${n} 处需要修改，改好之前不能下载。`, ready: '图表已更新。', copied: '已复制。',
    confirmNew: '放弃当前草稿，新建一个空文件？', restored: '已恢复上次的草稿。', opened: (f) => `已打开 ${f}。`,
    badFile: (f) => `无法打开 ${f}：`, gb: '（按 GB18030 编码读取）', cell: (r, c) => `第${r}行第${c}列`,
    kinds: { bar: '柱状图（横向）', donut: '环形图（整体的各部分）', stacked: '百分比堆积条', progress: '进度', kpi: '大数字', units: '点阵（每点一个）' },
    units: { CNY: '元（人民币）', kW: '千瓦', percent: '百分比 %', count: '个数', 'ug/m3': 'µg/m³', rank: '排名（第1、第2…）' },
  },
  en: {
    heading: 'lvdong chart editor', switchLang: '中文', newFile: 'New', openFile: 'Open a table or data file',
    charts: 'Charts in this file', addChart: 'Add a chart', up: 'Move up', down: 'Move down', remove: 'Remove',
    table: '1. Table', tableHint: 'Copy from Excel, WPS or an online sheet (first row: column names) and paste below, or drop a .csv / .tsv file.',
    paste: 'Paste a table', addRow: 'Add a row', addCol: 'Add a column', mapping: '2. Columns and chart kind',
    labelCol: 'Label column', labelEnCol: 'English label column', valueCols: 'Value columns (one tab each)', kind: 'Chart kind',
    unit: 'Unit', scale: 'Numbers are written in', sort: 'Largest first (untick when the table’s order matters)',
    words: '3. Titles and source', titleZh: 'Title (Chinese)', titleEn: 'Title (English)', subtitleZh: 'Subtitle (Chinese)',
    subtitleEn: 'Subtitle (English)', sourceZh: 'Source (Chinese)', sourceEn: 'Source (English)', url: 'Source URL',
    date: 'Date (e.g. 2023-08-30)', preview: '4. Preview', previewLang: 'Image language', previewTheme: 'Image theme',
    previewHint: 'As readers see it: phone (360 px) and desktop (640 px) widths, in Chinese and English, light and dark; hover a chart for its tooltips.',
    zhLight: 'Chinese · light', enDark: 'English · dark', zhDark: 'Chinese · dark', enLight: 'English · light',
    unitZh: 'Unit (Chinese, e.g. 吨)', unitEn: 'Unit (English, e.g. t)', customUnit: 'Another unit…',
    targetCol: 'Target column (progress: the goal or plan each value is measured against)', datasetUnit: 'This tab’s unit', sameUnit: 'As the chart',
    light: 'Light', dark: 'Dark', phone: 'Phone (360 px)', desktop: 'Desktop (640 px)', output: '5. Download and embed',
    downloadJson: 'Download the data file', downloadSvg: 'Download SVG', downloadPng: 'Download PNG',
    snippetElement: 'Embed code (element)', snippetIframe: 'Embed code (iframe)', copy: 'Copy',
    categories: 'The items are categories (one colour each; by default one series is one colour — tick “accent” beside a label to make it stand out)', accent: 'accent',
    auto: 'Automatic', none: 'None', column: 'Column', derived: 'derived', datasetEn: 'English label', noteZh: 'Note (Chinese)',
    noteEn: 'Note (English)', dataset: 'Tab', chart: 'Chart', untitled: '(untitled)',
    blocked: (n) => `${n} thing(s) to fix; downloads wait until they are fixed.`, ready: 'Chart updated.', copied: 'Copied.',
    confirmNew: 'Discard the current draft and start an empty file?', restored: 'Your last draft was restored.', opened: (f) => `Opened ${f}.`,
    badFile: (f) => `Cannot open ${f}: `, gb: ' (read as GB18030)', cell: (r, c) => `Row ${r}, column ${c}`,
    kinds: { bar: 'Bars (horizontal)', donut: 'Donut (parts of a whole)', stacked: '100% stacked bar', progress: 'Progress', kpi: 'Big numbers', units: 'Dots (one per thing)' },
    units: { CNY: 'yuan (CNY)', kW: 'kilowatts', percent: 'percent %', count: 'count', 'ug/m3': 'µg/m³', rank: 'rank (No. 1, No. 2…)' },
  },
};
const SCALES = ['', '1', '元', '万', '亿', '万亿', 'kW', '万千瓦', 'GW', 'million', 'billion'];
const UNITS = ['CNY', 'kW', 'percent', 'count', 'ug/m3', 'rank'];
const KINDS = ['bar', 'donut', 'stacked', 'progress', 'kpi', 'units'];
const TEXT_FIELDS = ['title_zh', 'title_en', 'subtitle_zh', 'subtitle_en', 'source_zh', 'source_en', 'url', 'date'];

const blank = () => ({ table: '', options: {} });
let state = { ui: 'zh', current: 0, charts: [blank()], previewLang: 'zh', previewTheme: 'light' };
let result = null;
let gridShape = '';
// The preview slots: one reader chart each, mounted when first scrolled into
// view and then only given new data (never re-created) while the editor types.
let slots = [];
let previewTimer = 0;
const PREVIEW_DELAY = 250;

function w() {
  return WORDS[state.ui];
}

function letter(c) {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...kids);
  return e;
}

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Private mode or a full quota: the draft lives in the page only.
  }
}

function say(text) {
  $('#status').textContent = text;
}

function current() {
  return state.charts[state.current];
}

/** A TSV cell: quoted when it holds a tab, newline or quote. */
function tsvCell(s) {
  return /[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function rowsToTsv(rows) {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\n') + '\n';
}

// ---- the form ----

function translate() {
  document.documentElement.lang = state.ui === 'en' ? 'en' : 'zh-CN';
  for (const n of document.querySelectorAll('[data-t]')) {
    const v = w()[n.dataset.t];
    if (typeof v === 'string') n.textContent = v;
  }
}

function options(select, list, value) {
  select.replaceChildren(...list.map(([v, label]) => el('option', { value: v, text: label })));
  select.value = value;
}

function fillForm() {
  const o = current().options;
  const s = result?.charts[state.current]?.settings;
  const header = result?.charts[state.current]?.header ?? [];
  const cols = header.map((h, i) => [String(i), `${letter(i)} · ${h}`]);
  options($('[name=label_column]'), [['', `${w().auto}${s ? ` (${letter(s.label_column)})` : ''}`], ...cols], o.label_column ?? '');
  const en = o.no_label_en ? 'none' : o.label_en_column ?? '';
  const guessEn = s?.label_en_column != null ? ` (${letter(s.label_en_column)})` : '';
  options($('[name=label_en_column]'), [['', `${w().auto}${guessEn}`], ['none', w().none], ...cols], en);
  const kinds = s?.kinds ?? KINDS;
  const kindList = KINDS.filter((k) => kinds.includes(k) || o.kind === k);
  options($('[name=kind]'), [['', `${w().auto}${s ? ` (${w().kinds[s.kind] ?? s.kind})` : ''}`], ...kindList.map((k) => [k, w().kinds[k]])], o.kind ?? '');
  const custom = o.unit === '' || (o.unit && !UNITS.includes(o.unit));
  options($('[name=unit]'), [['', `${w().auto}${s ? ` (${w().units[s.unit] ?? s.unit})` : ''}`], ...UNITS.map((u) => [u, w().units[u]]), ['custom', w().customUnit]],
    custom ? 'custom' : o.unit ?? '');
  // A custom unit (chosen, or guessed from a header like 产量（吨）) asks for its English.
  const guessedCustom = !o.unit && s && !UNITS.includes(s.unit);
  $('#custom-unit').hidden = !(custom || guessedCustom);
  for (const [name, v] of [['unit_zh', custom ? o.unit : s?.unit ?? ''], ['unit_en', o.unit_en ?? s?.unit_en ?? '']]) {
    const input = $(`[name=${name}]`);
    if (document.activeElement !== input) input.value = v ?? '';
  }
  const target = o.no_target ? 'none' : o.target_column ?? '';
  const guessTarget = s?.target_column != null ? ` (${letter(s.target_column)})` : '';
  options($('[name=target_column]'), [['', `${w().auto}${guessTarget}`], ['none', w().none], ...cols], target);
  options($('[name=scale]'), SCALES.map((x) => [x, x === '' ? w().auto : x]), o.scale ?? '');
  $('[name=sort]').checked = o.sort ?? s?.sort ?? true;
  $('[name=categories]').checked = !!o.categories;
  for (const f of TEXT_FIELDS) {
    const input = $(`[name=${f}]`);
    if (document.activeElement !== input) input.value = o[f] ?? '';
  }
  const box = $('#value-cols');
  const chosen = o.value_columns ?? s?.value_columns ?? [];
  box.replaceChildren(...header.map((h, i) => el('label', { class: 'check' },
    checkbox(`vc-${i}`, chosen.includes(i), () => {
      const set = new Set(current().options.value_columns ?? chosen);
      if (set.has(i)) set.delete(i); else set.add(i);
      current().options.value_columns = [...set].sort((a, b) => a - b);
      changed();
    }), ` ${letter(i)} · ${h}`)));
  const dsBox = $('#dataset-fields');
  dsBox.replaceChildren(...(s?.value_columns ?? []).map((c) => datasetFields(c, header[c] ?? '')));
}

function checkbox(id, checked, onChange) {
  const c = el('input', { type: 'checkbox', id });
  c.checked = checked;
  c.addEventListener('change', onChange);
  return c;
}

function datasetFields(column, head) {
  const o = current().options;
  o.datasets ??= [];
  let d = o.datasets.find((x) => x.column === column);
  const field = (key, label, lang) => {
    const input = el('input', { 'data-ds': `${column}:${key}`, lang });
    input.value = d?.[key] ?? '';
    input.addEventListener('input', () => {
      if (!d) {
        d = { column };
        o.datasets.push(d);
      }
      d[key] = input.value || null;
      changed(false);
    });
    const err = el('p', { class: 'field-err', 'data-for': `ds-${column}-${key}`, id: `err-ds-${column}-${key}`, hidden: true });
    input.setAttribute('aria-describedby', err.id);
    return el('div', {}, el('label', {}, el('span', { text: label }), ' ', input), err);
  };
  // This tab's own unit (an opened file's energy mix: kW in one tab, % in the other).
  const unit = el('select', { 'data-ds': `${column}:unit` });
  const own = d?.unit && !UNITS.includes(d.unit) ? [[d.unit, d.unit]] : [];
  options(unit, [['', w().sameUnit], ...UNITS.map((u) => [u, w().units[u]]), ...own], d?.unit ?? '');
  unit.addEventListener('change', () => {
    if (!d) {
      d = { column };
      o.datasets.push(d);
    }
    d.unit = unit.value || null;
    d.scale = null;
    changed();
  });
  return el('fieldset', { class: 'fields two' }, el('legend', { text: `${w().dataset} ${letter(column)} · ${head}` }),
    field('label_en', w().datasetEn, 'en'), el('label', {}, el('span', { text: w().datasetUnit }), ' ', unit),
    field('note_zh', w().noteZh), field('note_en', w().noteEn, 'en'));
}

// ---- the grid ----

function renderGrid(rows, valueColumns, labelColumn) {
  const shape = JSON.stringify([rows.map((r) => r.length), valueColumns, labelColumn, state.ui]);
  const grid = $('#grid');
  if (shape === gridShape && grid.querySelector('input')) {
    // Same shape: update values in place, so typing keeps its focus.
    for (const input of grid.querySelectorAll('input[data-r]')) {
      const v = rows[+input.dataset.r]?.[+input.dataset.c] ?? '';
      if (document.activeElement !== input && input.value !== v) input.value = v;
    }
    return;
  }
  gridShape = shape;
  const width = rows[0]?.length ?? 0;
  const head = el('tr', {}, el('td'), ...Array.from({ length: width }, (_, c) => el('th', { scope: 'col', text: letter(c) })));
  const body = rows.map((r, ri) => el('tr', {}, el('th', { scope: 'row', text: String(ri + 1) }),
    ...r.map((v, c) => {
      const input = el('input', { 'data-r': ri, 'data-c': c, 'aria-label': w().cell(ri + 1, letter(c)), id: `cell-${ri}-${c}` });
      input.value = v;
      input.addEventListener('input', onCell);
      const td = el('td', {}, input, el('span', { class: 'cell-err', id: `cell-err-${ri}-${c}`, hidden: true }));
      if (ri > 0 && c === labelColumn) {
        const box = checkbox(`accent-${ri}`, (current().options.accent ?? []).includes(ri), () => {
          const list = current().options.accent ?? [];
          const at = list.indexOf(ri);
          if (at >= 0) list.splice(at, 1); else list.push(ri);
          current().options.accent = list;
          changed(false);
        });
        box.classList.add('derived');
        box.setAttribute('aria-label', `${w().cell(ri + 1, letter(c))} · ${w().accent}`);
        box.title = w().accent;
        td.append(box);
      }
      if (ri > 0 && valueColumns.includes(c)) {
        const key = `${ri}:${c}`;
        const derived = (current().options.derived ?? []).some(([r2, c2]) => `${r2}:${c2}` === key);
        const box = checkbox(`derived-${ri}-${c}`, derived, () => toggleDerived(ri, c));
        box.classList.add('derived');
        box.setAttribute('aria-label', `${w().cell(ri + 1, letter(c))} · ${w().derived}`);
        box.title = w().derived;
        td.append(box);
      }
      return td;
    })));
  grid.replaceChildren(el('thead', {}, head), el('tbody', {}, ...body));
}

function gridRows() {
  const rows = [];
  for (const input of $('#grid').querySelectorAll('input[data-r]')) {
    (rows[+input.dataset.r] ??= [])[+input.dataset.c] = input.value;
  }
  return rows;
}

function onCell() {
  current().table = rowsToTsv(gridRows());
  $('#paste').value = current().table;
  changed(false);
}

function toggleDerived(r, c) {
  const o = current().options;
  const list = o.derived ?? [];
  const i = list.findIndex(([r2, c2]) => r2 === r && c2 === c);
  if (i >= 0) list.splice(i, 1); else list.push([r, c]);
  o.derived = list;
  changed(false);
}

function markProblems(conv) {
  for (const n of document.querySelectorAll('#grid [aria-invalid]')) {
    n.removeAttribute('aria-invalid');
    n.removeAttribute('aria-describedby');
    n.closest('td')?.classList.remove('bad');
  }
  for (const n of document.querySelectorAll('.cell-err')) {
    n.hidden = true;
    n.textContent = '';
  }
  for (const n of document.querySelectorAll('.field-err')) {
    n.hidden = true;
    n.textContent = '';
  }
  for (const n of document.querySelectorAll('.fields [aria-invalid]')) n.removeAttribute('aria-invalid');
  for (const p of conv?.problems ?? []) {
    const text = state.ui === 'en' ? p.en : p.zh;
    const warn = p.severity === 'warning';
    if (p.row != null && p.column != null) {
      const input = $(`#cell-${p.row}-${p.column}`);
      const msg = $(`#cell-err-${p.row}-${p.column}`);
      if (input && msg) {
        msg.textContent = `${msg.textContent ? `${msg.textContent} ` : ''}${w().cell(p.row + 1, letter(p.column))}: ${text}`;
        msg.hidden = false;
        msg.classList.toggle('warn', warn);
        if (!warn) {
          input.setAttribute('aria-invalid', 'true');
          input.closest('td').classList.add('bad');
        }
        input.setAttribute('aria-describedby', msg.id);
        continue;
      }
    }
    const field = p.field ?? (p.column != null ? 'table' : 'table');
    const slot = document.querySelector(`.field-err[data-for="${field}"]`) ?? document.querySelector('.field-err[data-for="table"]');
    slot.textContent = `${slot.textContent ? `${slot.textContent} ` : ''}${text}`;
    slot.hidden = false;
    slot.classList.toggle('warn', warn && !slot.classList.contains('error'));
    if (!warn) document.querySelector(`[name="${field}"]`)?.setAttribute('aria-invalid', 'true');
  }
}

// ---- the chart list ----

function renderList() {
  const list = $('#chart-list');
  list.replaceChildren(...state.charts.map((c, i) => {
    const b = el('button', { type: 'button', 'aria-current': i === state.current ? 'true' : false,
      text: c.options.title_zh || c.options.title_en || `${w().chart} ${i + 1} ${w().untitled}` });
    b.addEventListener('click', () => {
      state.current = i;
      gridShape = '';
      $('#paste').value = current().table;
      changed();
    });
    return el('li', {}, b);
  }));
}

// ---- build, preview, outputs ----

function blockedCount() {
  return result.charts.flatMap((c) => c.problems).filter((p) => p.severity === 'error').length;
}

async function changed(refill = true) {
  save();
  result = JSON.parse(buildFile(JSON.stringify(state.charts)));
  const conv = result.charts[state.current];
  renderGrid(conv?.rows ?? [], conv?.settings.value_columns ?? [], conv?.settings.label_column);
  if (refill) fillForm();
  renderList();
  markProblems(conv);
  const n = blockedCount();
  const blocked = $('#blocked');
  blocked.hidden = !!result.file;
  blocked.textContent = result.file ? '' : w().blocked(n);
  for (const b of ['#download-json', '#download-svg', '#download-png', '#copy-element', '#copy-iframe']) $(b).disabled = !result.file;
  snippets();
  schedulePreview();
}

/** The previews follow the typing a little behind, so each key stays quick. */
function schedulePreview() {
  clearTimeout(previewTimer);
  if (!result.file) return;
  previewTimer = setTimeout(() => preview(), slots.some((x) => x.handle) ? PREVIEW_DELAY : 0);
}

function chartId() {
  return result?.charts[state.current]?.chart?.id ?? '';
}

function snippets() {
  const id = chartId();
  $('#snippet-element').value = result.file
    ? `<script type="module" src="lvdong.js"></script>\n<lvdong-chart src="data/lvdong-data.json" chart="${id}"></lvdong-chart>`
    : '';
  $('#snippet-iframe').value = result.file
    ? `<iframe src="embed.html?src=data/lvdong-data.json&chart=${encodeURIComponent(id)}" title="${id}" width="100%" height="420" loading="lazy"></iframe>\n<script src="frame-height.js"></script>`
    : '';
}

function setupPreviews() {
  slots = [...document.querySelectorAll('#previews [data-width]')].map((box) => {
    const combo = box.closest('.combo');
    return { box, lang: combo.dataset.lang, theme: combo.dataset.theme, handle: null, mounting: null, file: null, visible: false };
  });
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const slot = slots.find((x) => x.box === e.target);
      if (!slot) continue;
      slot.visible = e.isIntersecting;
      if (e.isIntersecting && result?.file) update(slot);
    }
  }, { rootMargin: '200px' });
  for (const x of slots) seen.observe(x.box);
}

/** Brings one slot up to date: mounted once, then new data only when the file changed. */
async function update(slot) {
  const file = result.file;
  const chart = chartId();
  if (slot.mounting) await slot.mounting;
  if (!slot.handle) {
    const data = JSON.parse(file);
    slot.file = file;
    slot.mounting = mount(slot.box, { chart, lang: slot.lang, theme: slot.theme, data });
    slot.handle = await slot.mounting;
    slot.mounting = null;
    return;
  }
  if (slot.file === file && slot.handle.element.getAttribute('chart') === chart) return;
  slot.file = file;
  if (slot.handle.element.getAttribute('chart') !== chart) slot.handle.element.setAttribute('chart', chart);
  await slot.handle.setData(JSON.parse(file));
}

/** Every visible preview gets the new file; the others when they scroll into view. */
async function preview() {
  if (!result?.file) return;
  await Promise.all(slots.filter((x) => x.visible).map(update));
  say(w().ready);
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // The browser reads the blob after the click returns, later still on a
  // busy machine: a URL revoked too soon makes the download vanish silently
  // (FileSaver.js waits 40 s for the same reason).
  setTimeout(() => URL.revokeObjectURL(a.href), 40_000);
}

function datasetIndex() {
  const desk = slots.find((x) => x.box.id === 'preview-desktop')?.handle;
  const id = desk?.element.shadowRoot?.querySelector('[role=tab][aria-selected=true]')?.dataset.id;
  const ds = result.charts[state.current]?.chart?.datasets ?? [];
  return Math.max(0, ds.findIndex((d) => d.id === id));
}

// ---- files ----

async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  let gb = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Chinese Excel writes GB18030 (GBK) files.
    text = new TextDecoder('gb18030').decode(bytes);
    gb = true;
  }
  text = text.replace(/^\uFEFF/, '');
  if (/\.json$/i.test(file.name) || /^\s*\{/.test(text)) {
    const opened = JSON.parse(openFile(text));
    if (opened.errors) {
      say(w().badFile(file.name) + opened.errors.slice(0, 3).map((e) => (state.ui === 'en' ? e.en : e.zh)).join('；'));
      return;
    }
    state.charts = opened.drafts;
    state.current = 0;
  } else {
    current().table = text;
  }
  gridShape = '';
  $('#paste').value = current().table;
  say(w().opened(file.name) + (gb ? w().gb : ''));
  await changed();
}

function wire() {
  $('#paste').addEventListener('input', (e) => {
    current().table = e.target.value;
    changed();
  });
  for (const f of TEXT_FIELDS) {
    $(`[name=${f}]`).addEventListener('input', (e) => {
      current().options[f] = e.target.value || null;
      changed(false);
    });
  }
  $('[name=unit]').addEventListener('change', (e) => {
    const v = e.target.value;
    // "Another unit…": the two text fields name it; until then it is empty.
    current().options.unit = v === 'custom' ? $('[name=unit_zh]').value.trim() || '' : v || null;
    $('#custom-unit').hidden = v !== 'custom';
    changed();
  });
  $('[name=unit_zh]').addEventListener('input', (e) => {
    current().options.unit = e.target.value.trim() || '';
    changed(false);
  });
  $('[name=unit_en]').addEventListener('input', (e) => {
    current().options.unit_en = e.target.value.trim() || null;
    changed(false);
  });
  $('[name=target_column]').addEventListener('change', (e) => {
    const v = e.target.value;
    current().options.no_target = v === 'none';
    current().options.target_column = v === '' || v === 'none' ? null : +v;
    changed();
  });
  for (const f of ['label_column', 'kind', 'scale']) {
    $(`[name=${f}]`).addEventListener('change', (e) => {
      const v = e.target.value;
      current().options[f] = v === '' ? null : f === 'label_column' ? +v : v;
      changed();
    });
  }
  $('[name=label_en_column]').addEventListener('change', (e) => {
    const v = e.target.value;
    current().options.no_label_en = v === 'none';
    current().options.label_en_column = v === '' || v === 'none' ? null : +v;
    changed();
  });
  $('[name=sort]').addEventListener('change', (e) => {
    current().options.sort = e.target.checked;
    changed();
  });
  $('[name=categories]').addEventListener('change', (e) => {
    current().options.categories = e.target.checked;
    changed();
  });
  $('#add-row').addEventListener('click', () => {
    const rows = current().table ? gridRows() : [['名称', '数值']];
    rows.push(Array.from({ length: rows[0].length }, () => ''));
    current().table = rowsToTsv(rows);
    $('#paste').value = current().table;
    changed();
  });
  $('#add-col').addEventListener('click', () => {
    const rows = current().table ? gridRows() : [['名称']];
    rows.forEach((r, i) => r.push(i === 0 ? `${w().column} ${letter(r.length)}` : ''));
    current().table = rowsToTsv(rows);
    $('#paste').value = current().table;
    changed();
  });
  $('#ui-lang').addEventListener('click', () => {
    state.ui = state.ui === 'zh' ? 'en' : 'zh';
    gridShape = '';
    translate();
    changed();
  });
  $('#new-file').addEventListener('click', () => {
    if (!confirm(w().confirmNew)) return;
    state.charts = [blank()];
    state.current = 0;
    gridShape = '';
    $('#paste').value = '';
    changed();
  });
  $('#open').addEventListener('change', (e) => {
    const f = e.target.files?.[0];
    if (f) readFile(f);
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) readFile(f);
  });
  $('#add-chart').addEventListener('click', () => {
    state.charts.push(blank());
    state.current = state.charts.length - 1;
    gridShape = '';
    $('#paste').value = '';
    changed();
  });
  const move = (d) => {
    const i = state.current;
    const j = i + d;
    if (j < 0 || j >= state.charts.length) return;
    [state.charts[i], state.charts[j]] = [state.charts[j], state.charts[i]];
    state.current = j;
    changed();
  };
  $('#up-chart').addEventListener('click', () => move(-1));
  $('#down-chart').addEventListener('click', () => move(1));
  $('#remove-chart').addEventListener('click', () => {
    state.charts.splice(state.current, 1);
    if (!state.charts.length) state.charts.push(blank());
    state.current = Math.min(state.current, state.charts.length - 1);
    gridShape = '';
    $('#paste').value = current().table;
    changed();
  });
  $('#preview-lang').addEventListener('change', (e) => {
    state.previewLang = e.target.value;
    changed(false);
  });
  $('#preview-theme').addEventListener('change', (e) => {
    state.previewTheme = e.target.value;
    changed(false);
  });
  $('#download-json').addEventListener('click', () => {
    if (result.file) download('lvdong-data.json', new Blob([result.file], { type: 'application/json' }));
  });
  $('#download-svg').addEventListener('click', () => {
    const text = svg(result.file, chartId(), datasetIndex(), state.previewLang, state.previewTheme === 'dark');
    if (text) download(`${chartId()}.svg`, new Blob([text], { type: 'image/svg+xml' }));
  });
  $('#download-png').addEventListener('click', () => {
    const canvas = document.createElement('canvas');
    if (!drawPng(result.file, chartId(), datasetIndex(), state.previewLang, state.previewTheme === 'dark', canvas)) return;
    canvas.toBlob((b) => b && download(`${chartId()}.png`, b), 'image/png');
  });
  for (const [button, area] of [['#copy-element', '#snippet-element'], ['#copy-iframe', '#snippet-iframe']]) {
    $(button).addEventListener('click', async () => {
      $(area).select();
      try {
        await navigator.clipboard.writeText($(area).value);
      } catch {
        document.execCommand('copy');
      }
      say(w().copied);
    });
  }
}

async function start() {
  await init({ module_or_path: new URL('./pkg/lvdong_editor_bg.wasm', import.meta.url) });
  let restored = false;
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (saved && Array.isArray(saved.charts) && saved.charts.length) {
      state = { ...state, ...saved };
      state.current = Math.min(state.current ?? 0, state.charts.length - 1);
      restored = saved.charts.some((c) => c.table);
    }
  } catch {
    // A damaged draft: start empty.
  }
  $('#paste').value = current().table;
  $('#preview-lang').value = state.previewLang;
  $('#preview-theme').value = state.previewTheme;
  translate();
  setupPreviews();
  wire();
  await changed();
  if (restored) say(w().restored);
  document.body.dataset.ready = '';
}

start();
