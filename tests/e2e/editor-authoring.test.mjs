// The editor page's preview and round trip as an editor meets them: the
// chart at phone and desktop width in Chinese and English, light and dark,
// each a real reader chart (hover works) that typing updates in place; the
// demo's data file opened and downloaded again unchanged; progress charts
// from a plan column; the checker's messages in Chinese beside their fields.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage, tableRows, fastSweep, CSP_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

const TSV = [
  '项目\tProject\t总投资',
  '大会优选项目\tConference projects\t1.72万亿元',
  '烟台集中推介项目\tYantai promoted projects\t6248.1亿元',
  '省重大项目库\tShandong project library\t8.45万亿元',
].join('\n');

async function openEditor() {
  const opened = await openPage(browser, `${CSP_URL}/editor.html`, { viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  await opened.page.waitForSelector('body[data-ready]');
  await opened.page.evaluate(() => localStorage.clear());
  await opened.page.reload();
  await opened.page.waitForSelector('body[data-ready]');
  return opened;
}

/** The preview slot's chart, scrolled into view (slots draw when seen) and ready. */
async function slot(page, id) {
  const box = page.locator(`#${id}`);
  await box.scrollIntoViewIfNeeded();
  const chart = box.locator('lvdong-chart');
  await chart.waitFor();
  await page.waitForFunction((s) => document.querySelector(`#${s} lvdong-chart`)?.hasAttribute('data-ready'), id);
  return chart;
}

const SLOTS = [
  ['preview-phone', 'zh', 'light', 360],
  ['preview-desktop', 'zh', 'light', 640],
  ['preview-en-dark-phone', 'en', 'dark', 360],
  ['preview-en-dark-desktop', 'en', 'dark', 640],
  ['preview-zh-dark-phone', 'zh', 'dark', 360],
  ['preview-zh-dark-desktop', 'zh', 'dark', 640],
  ['preview-en-light-phone', 'en', 'light', 360],
  ['preview-en-light-desktop', 'en', 'light', 640],
];

test('the preview is eight reader charts: phone and desktop, zh and en, light and dark; hover works; typing updates them in place', async () => {
  const { page, errors } = await openEditor();
  await page.fill('#paste', TSV);
  await page.fill('[name=title_zh]', '绿色低碳项目投资');
  await page.fill('[name=title_en]', 'Green low-carbon project investment');
  await page.fill('[name=source_zh]', '烟台日报 YMG全媒体');
  await page.fill('[name=source_en]', 'Yantai Daily (YMG)');
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  for (const [id, lang, theme, width] of SLOTS) {
    const chart = await slot(page, id);
    assert.equal(await chart.getAttribute('lang'), lang, `${id} lang`);
    assert.equal(await chart.getAttribute('theme'), theme, `${id} theme`);
    const box = await chart.boundingBox();
    assert.ok(Math.abs(box.width - width) <= 1, `${id} is ${width} px wide (got ${box.width})`);
    const values = (await tableRows(chart)).map((r) => r.value);
    assert.equal(values.length, 3, `${id} shows three bars`);
    if (lang === 'zh') assert.ok(values.includes('6248.1亿元'), `${id}: ${values}`);
    else assert.ok(values.every((v) => /yuan/.test(v)) && !values.some((v) => /亿/.test(v)), `${id}: ${values}`);
  }
  // Hover an English dark desktop chart: its tooltip names the bar in English.
  const enDark = await slot(page, 'preview-en-dark-desktop');
  const { seen } = await fastSweep(enDark, 6);
  assert.match(seen['Yantai promoted projects'] ?? '', /billion yuan/, JSON.stringify(seen));

  // Typing updates the drawn charts in place (those out of view when they
  // come back into it): the same elements, none added.
  await page.evaluate(() => document.querySelectorAll('#previews lvdong-chart').forEach((c) => { c.dataset.kept = 'yes'; }));
  assert.equal(await page.locator('#previews lvdong-chart').count(), 8);
  await page.fill('#cell-2-2', '6000亿元');
  for (const [id] of SLOTS) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => [...document.querySelector(`#${s} lvdong-chart`).shadowRoot.querySelectorAll('td')]
      .some((td) => /6000亿元|600 billion yuan/.test(td.textContent)), id);
  }
  assert.equal(await page.locator('#previews lvdong-chart').count(), 8);
  assert.equal(await page.locator('#previews lvdong-chart:not([data-kept])').count(), 0, 'no chart re-created');
  assert.deepEqual(errors, []);
});

test('the demo data file opens and downloads again unchanged, notes, targets and details included', async () => {
  const { page, errors } = await openEditor();
  const original = await readFile('data/article.json', 'utf8');
  await page.setInputFiles('#open', { name: 'article.json', mimeType: 'application/json', buffer: Buffer.from(original) });
  const want = JSON.parse(original);
  await page.waitForFunction((n) => document.querySelectorAll('#chart-list button').length === n, want.charts.length);
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  await slot(page, 'preview-desktop');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const got = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(got, want, 'the same file, its $schema line included');
  // The progress chart, opened: its plan column is there to edit.
  await page.click('#chart-list li:nth-child(3) button');
  assert.equal(await page.inputValue('[name=kind]'), 'progress');
  assert.notEqual(await page.inputValue('[name=target_column]'), 'none');
  assert.deepEqual(errors, []);
});

test('a plan column makes a progress chart, and checker messages sit beside their fields in Chinese', async () => {
  const { page, errors } = await openEditor();
  await page.fill('#paste', '项目\t已完成（亿元）\t年度计划\n重大项目\t7622.5\t13685\n省级项目\t500\t1000\n');
  await page.fill('[name=title_zh]', '重大项目投资进度');
  await page.fill('[name=source_zh]', '烟台日报');
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  assert.match(await page.locator('[name=kind] option[value=""]').textContent(), /进度/);
  assert.match(await page.locator('[name=target_column] option[value=""]').textContent(), /C/);
  const chart = await slot(page, 'preview-desktop');
  assert.ok((await tableRows(chart)).some((r) => /7622\.5亿元/.test(r.value)));
  // No English title: the checker's warning, in Chinese, under the English title field.
  const msg = await page.textContent('#err-title_en');
  assert.match(msg, /缺少英文/);
  const shown = await page.$$eval('.field-err:not([hidden]), .cell-err:not([hidden])', (ns) => ns.map((n) => n.textContent));
  assert.ok(shown.length > 0);
  for (const t of shown) assert.doesNotMatch(t.replace(/“[^”]*”/g, ''), /[A-Za-z]{2,}/, `untranslated: ${t}`);
  // A unit the reader has no name for asks for its English form.
  await page.fill('#paste', '企业\t产量（吨）\n甲\t120\n乙\t80\n');
  await page.waitForFunction(() => !document.querySelector('#custom-unit').hidden);
  assert.equal(await page.inputValue('[name=unit_zh]'), '吨');
  assert.match(await page.textContent('#err-unit_en'), /英文/);
  await page.fill('[name=unit_en]', 't');
  await page.waitForFunction(() => document.querySelector('#err-unit_en').hidden);
  assert.deepEqual(errors, []);
});
