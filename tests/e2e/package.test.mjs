// The npm package (issue 17) as a front-end developer meets it: the packed
// tarball holds exactly its files; a fresh app installs it, type-checks an
// example using every declared type (tsc --noEmit --strict), builds with
// Vite with no configuration and, served on loopback, draws in Chromium.
// `cargo xtask test` packs the tarball and passes it as LVDONG_PACKAGE.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { launch, chartsReady } from './helpers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const TGZ = process.env.LVDONG_PACKAGE;
const VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const skip = !TGZ && 'LVDONG_PACKAGE not set (cargo xtask test packs it)';
const APP = join(ROOT, 'target', 'npm', 'vite-app');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

test('the tarball holds exactly the package files', { skip }, () => {
  const list = run('tar', ['-tzf', TGZ]).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  const want = [
    /^CHANGELOG\.md$/, /^LICENSE$/, /^README\.md$/, /^data\/article\.[0-9a-f]{8}\.json$/, /^lvdong-data\.d\.ts$/,
    /^lvdong\.[0-9a-f]{8}\.wasm$/, /^lvdong-story\.[0-9a-f]{8}\.js$/, /^lvdong\.d\.ts$/, /^lvdong\.js$/, /^lvdong\.schema\.json$/, /^package\.json$/,
  ];
  assert.equal(list.length, want.length, `files: ${list.join(', ')}`);
  for (const re of want) assert.ok(list.some((f) => re.test(f)), `${re} in ${list.join(', ')}`);
  const pkg = JSON.parse(run('tar', ['-xzOf', TGZ, 'package/package.json']));
  assert.equal(pkg.name, 'lvdong');
  assert.equal(pkg.version, VERSION, 'the version is Cargo.toml’s');
  assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './data/article.json', './package.json', './schema']);
  assert.equal(pkg.exports['.'].types, './lvdong.d.ts');
  const readme = run('tar', ['-xzOf', TGZ, 'package/README.md']);
  assert.match(readme, new RegExp(`lvdong@${VERSION.replace(/\./g, '\\.')}/lvdong\\.js"\\s+integrity="sha384-`), 'the CDN snippet is pinned');
  assert.ok(!/\{\{/.test(readme), 'no placeholder is left');
});

/** A static server for the built app, on a free loopback port. */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    // The browser asks for a favicon the app does not have.
    if (path === '/favicon.ico') { res.writeHead(204).end(); return; }
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

test('a fresh Vite app installs the tarball, type-checks strictly, builds and draws a chart', { skip, timeout: 300_000 }, async () => {
  rmSync(APP, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  for (const f of ['index.html', 'main.ts', 'tsconfig.json']) cpSync(join(ROOT, 'tests/package', f), join(APP, f));
  writeFileSync(join(APP, 'package.json'), JSON.stringify({ name: 'lvdong-vite-check', private: true, type: 'module' }, null, 2));
  // The package has no dependencies: installing it needs no registry.
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', TGZ], APP);
  assert.ok(existsSync(join(APP, 'node_modules/lvdong/lvdong.js')));

  // Every declared type, strictly; a wrong kind or theme must be an error.
  try {
    run(bin('tsc'), ['--noEmit', '--strict', '-p', join(APP, 'tsconfig.json')], APP);
  } catch (e) {
    assert.fail(`tsc --noEmit --strict failed:\n${e.stdout}${e.stderr}`);
  }

  // No config, no copy step: Vite follows lvdong.js's new URL(…, import.meta.url).
  run(bin('vite'), ['build', '--logLevel', 'warn', APP], APP);
  const dist = join(APP, 'dist');
  const assets = run('ls', [join(dist, 'assets')]);
  assert.match(assets, /\.wasm/, `the wasm is in the build: ${assets}`);

  const server = await serve(dist);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.lvdongCheck, null, { timeout: 60_000 });
    await chartsReady(page);
    const check = await page.evaluate(() => window.lvdongCheck);
    assert.equal(check.version, VERSION);
    assert.ok(check.defined && check.memory && check.switched === true, JSON.stringify(check));
    const charts = await page.$$eval('lvdong-chart', (cs) => cs.map((c) => {
      const cv = c.shadowRoot.querySelector('canvas');
      const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 600) ink++;
      return { ready: c.hasAttribute('data-ready'), chart: c.getAttribute('chart'), ink, title: c.shadowRoot.querySelector('.title')?.textContent };
    }));
    assert.equal(charts.length, 2);
    for (const c of charts) {
      assert.ok(c.ready && c.ink > 1000, `${c.chart} draws in the built app: ${JSON.stringify(c)}`);
    }
    assert.equal(charts[1].title, 'Budget', 'mount() with a data object draws that data');
    assert.deepEqual(check.switches.map((s) => s.dataset), ['shandong'], 'lvdong-datasetchange reached the listener');
    assert.deepEqual(errors, []);
  } finally {
    server.close();
  }
});
