// The editor page (dist/editor.html) as an editor meets it: paste the
// article's investment table, see the chart, download the data file and see
// it drawn by <lvdong-chart src> on a blank page; a bad cell flagged by row
// and column blocks the download; the draft survives a reload; axe; strict CSP.

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { launch, openPage, tableRows, fastSweep, artifact, CSP_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async () => { for (const c of browser.contexts()) await c.close(); });

// As a spreadsheet puts it on the clipboard: tabs, the figures as the article writes them.
const TSV = [
  '项目\tProject\t总投资',
  '大会优选项目\tConference projects\t1.72万亿元',
  '烟台集中推介项目\tYantai promoted projects\t6248.1亿元',
  '省重大项目库\tShandong project library\t8.45万亿元',
].join('\n');

async function openEditor(url = `${CSP_URL}/editor.html`) {
  const opened = await openPage(browser, url, { viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const violations = [];
  await opened.page.exposeFunction('cspViolation', (v) => violations.push(v));
  await opened.page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await opened.page.reload();
  await opened.page.waitForSelector('body[data-ready]');
  return { ...opened, violations };
}

const previewOf = (page, which) => page.locator(`#preview-${which} lvdong-chart`);

async function previewRows(page, which = 'desktop') {
  const chart = previewOf(page, which);
  await chart.waitFor();
  await page.waitForFunction((w) => document.querySelector(`#preview-${w} lvdong-chart`)?.hasAttribute('data-ready'), which);
  return tableRows(chart);
}

async function pasteInvestment(page) {
  await page.fill('#paste', TSV);
  await page.fill('[name=title_zh]', '绿色低碳项目投资');
  await page.fill('[name=title_en]', 'Green low-carbon project investment');
  await page.fill('[name=source_zh]', '烟台日报 YMG全媒体');
  await page.fill('[name=source_en]', 'Yantai Daily (YMG)');
  await page.fill('[name=date]', '2023-08-30');
}

test('a pasted table becomes the chart, and the downloaded file draws it on a blank page', async () => {
  const { page, errors, violations } = await openEditor();
  await page.evaluate(() => localStorage.clear());
  await pasteInvestment(page);
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  for (const which of ['phone', 'desktop']) {
    const rows = await previewRows(page, which);
    assert.deepEqual(rows.map((r) => r.value).sort(), ['1.72万亿元', '6248.1亿元', '8.45万亿元'].sort(), `${which} preview shows the three bars`);
  }
  // The guesses the editor would have made by hand: bars, yuan, largest first.
  assert.equal(await page.inputValue('[name=kind]'), '');
  assert.match(await page.locator('[name=kind] option[value=""]').textContent(), /柱状图/);
  assert.match(await page.locator('[name=unit] option[value=""]').textContent(), /元/);
  assert.equal(await page.isChecked('[name=sort]'), true);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const file = await readFile(await download.path(), 'utf8');
  const data = JSON.parse(file);
  assert.equal(data.charts.length, 1);
  const id = data.charts[0].id;
  assert.match(await page.inputValue('#snippet-element'), new RegExp(`chart="${id}"`));

  // The downloaded file on a blank page of the same site, through src.
  const blank = await browser.newPage();
  await blank.route('**/__editor-test/data.json', (r) => r.fulfill({ contentType: 'application/json', body: file }));
  await blank.route('**/__editor-test/page.html', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="zh"><title>t</title><script type="module" src="/lvdong.js"></script><lvdong-chart src="/__editor-test/data.json" chart="${id}"></lvdong-chart>`,
  }));
  await blank.goto(`${CSP_URL}/__editor-test/page.html`);
  await blank.waitForFunction(() => document.querySelector('lvdong-chart')?.hasAttribute('data-ready'));
  const rows = await tableRows(blank.locator('lvdong-chart'));
  assert.deepEqual(rows.map((r) => r.value).sort(), ['1.72万亿元', '6248.1亿元', '8.45万亿元'].sort());
  await blank.screenshot({ path: artifact('editor-downloaded.png') });

  // SVG and PNG downloads come from the same renderer.
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('#download-svg')]);
  const svgText = await readFile(await svgDl.path(), 'utf8');
  assert.match(svgText, /<svg/);
  assert.match(svgText, /6248\.1亿元/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#download-png')]);
  const pngBytes = await readFile(await png.path());
  assert.equal(pngBytes.subarray(1, 4).toString(), 'PNG');

  await page.screenshot({ path: artifact('editor.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(violations, [], 'no CSP violations');
});

test('a cell it cannot read is flagged by row and column and blocks the download; reload keeps the draft', async () => {
  const { page, errors } = await openEditor();
  await page.evaluate(() => localStorage.clear());
  await pasteInvestment(page);
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  // Row 3 (the second figure), column C.
  await page.fill('#cell-2-2', '6248.1亿元，待核实');
  await page.waitForFunction(() => document.querySelector('#download-json').disabled);
  const msg = await page.textContent('#cell-err-2-2');
  assert.match(msg, /第3行第C列/);
  assert.equal(await page.getAttribute('#cell-2-2', 'aria-invalid'), 'true');
  assert.equal(await page.isVisible('#blocked'), true);
  for (const b of ['#download-json', '#download-svg', '#download-png']) assert.equal(await page.isDisabled(b), true, `${b} waits`);

  // The draft, bad cell included, survives a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.inputValue('[name=title_zh]'), '绿色低碳项目投资');
  assert.equal(await page.inputValue('#cell-2-2'), '6248.1亿元，待核实');
  assert.match(await page.textContent('#cell-err-2-2'), /第3行第C列/);
  assert.equal(await page.isDisabled('#download-json'), true);

  // In English the same cell says so in English.
  await page.click('#ui-lang');
  assert.match(await page.textContent('#cell-err-2-2'), /Row 3, column C/);

  // Fixed, the download is back.
  await page.fill('#cell-2-2', '６２４８．１亿元');
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  assert.ok((await previewRows(page)).some((r) => r.value === '6,248.1亿元' || r.value === '624.81 billion yuan' || r.value === '6248.1亿元'));
  assert.deepEqual(errors, []);
});

test('the editor passes axe with a chart in the preview, in both languages', async () => {
  const { page, errors } = await openEditor();
  await page.evaluate(() => localStorage.clear());
  await pasteInvestment(page);
  await previewRows(page);
  for (const ui of ['zh', 'en']) {
    if (ui === 'en') await page.click('#ui-lang');
    const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    assert.deepEqual(res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe (${ui})`);
  }
  assert.deepEqual(errors, []);
});

test('a GBK CSV file chosen from disk is read as GB18030 and charted; hover works in the preview', async () => {
  const { page, errors } = await openEditor();
  await page.evaluate(() => localStorage.clear());
  // What Chinese Excel saves: GBK bytes (项目,投资额（亿元）… with a quoted "17,200").
  const gbk = Buffer.from('cfeec4bf2ccdb6d7cab6eea3a8d2dad4aaa3a90d0ab4f3bbe1d3c5d1a1cfeec4bf2c2231372c323030220d0ad1cccca8bcafd6d0cdc6bde9cfeec4bf2c363234382e310d0acaa1d6d8b4f3cfeec4bfbfe22c38343530300d0a', 'hex');
  await page.setInputFiles('#open', { name: 'investment.csv', mimeType: 'text/csv', buffer: gbk });
  await page.waitForFunction(() => document.querySelector('#cell-1-0')?.value === '大会优选项目');
  assert.match(await page.textContent('#status'), /GB18030/);
  await page.fill('[name=title_zh]', '投资');
  await page.fill('[name=source_zh]', '烟台日报');
  await page.waitForFunction(() => !document.querySelector('#download-json').disabled);
  const rows = await previewRows(page);
  assert.deepEqual(rows.map((r) => r.value).sort(), ['1.72万亿元', '6248.1亿元', '8.45万亿元'].sort());
  // Hover the desktop preview: its tooltip names a bar with its value.
  const chart = previewOf(page, 'desktop');
  const { seen } = await fastSweep(chart, 6);
  assert.equal(seen['烟台集中推介项目'], '6248.1亿元');
  assert.deepEqual(errors, []);
});
