// The three browser engines readers use, behind one small page API, for the
// cross-engine suite: Chromium (Debian's, playwright-core), Firefox (Debian's
// firefox-esr over WebDriver BiDi, puppeteer-core) and WebKit (WebKitGTK's
// MiniBrowser through WebKitWebDriver, selenium-webdriver; `cargo xtask test`
// starts the driver and Xvfb and passes LVDONG_WEBKIT_DRIVER and DISPLAY).
// A loopback proxy in front of the dist/ server adds what no driver can do in
// all three: an error probe in every HTML page, test fixtures, a slow answer,
// a strict-CSP prefix and a prefix where the wasm engine cannot load.

import http from 'node:http';
import puppeteer from 'puppeteer-core';
import { Builder, Origin, Key, Button } from 'selenium-webdriver';
import { launch as launchChromium } from './helpers.mjs';

export const ENGINES = (process.env.LVDONG_ENGINES ?? 'chromium,firefox,webkit').split(',').filter(Boolean);

/**
 * Records console.error calls, uncaught exceptions, unhandled rejections,
 * resources that failed to load and CSP violations into `window.__lvErrors`,
 * the same way in every engine (not all drivers report the console).
 * `?nosheets` first removes constructed stylesheets, as in engines without them.
 */
const PROBE = `(() => {
  const errors = (window.__lvErrors = []);
  const error = console.error.bind(console);
  console.error = (...a) => { errors.push(a.map(String).join(' ')); error(...a); };
  addEventListener('error', (e) => {
    if (e.target && e.target !== window) errors.push('failed to load: ' + (e.target.src || e.target.href || e.target.tagName));
    else errors.push('uncaught: ' + e.message);
  }, true);
  addEventListener('unhandledrejection', (e) => errors.push('unhandled rejection: ' + e.reason));
  document.addEventListener('securitypolicyviolation', (e) => errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI));
  if (new URLSearchParams(location.search).has('nosheets')) {
    delete Document.prototype.adoptedStyleSheets;
    delete ShadowRoot.prototype.adoptedStyleSheets;
  }
})();`;

const TYPES = { html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/**
 * Starts the proxy; `fixture(name, body, {type, delay, status})` serves
 * `/t/NAME`. `/csp/…` goes to the strict-CSP server, `/nowasm/…` answers 404
 * for the wasm, anything else goes to the plain server.
 */
export async function startProxy(upstream, cspUpstream) {
  const fixtures = new Map();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/__probe.js') {
        res.writeHead(200, { 'content-type': TYPES.js, 'cache-control': 'no-store' });
        return res.end(PROBE);
      }
      const fx = fixtures.get(url.pathname);
      if (fx) {
        if (fx.delay) await new Promise((r) => setTimeout(r, fx.delay));
        const type = fx.type ?? TYPES[url.pathname.split('.').pop()] ?? TYPES.html;
        res.writeHead(fx.status ?? 200, { 'content-type': type, 'cache-control': 'no-store' });
        return res.end(type.startsWith('text/html') ? inject(fx.body) : fx.body);
      }
      let base = upstream;
      let path = url.pathname;
      if (path.startsWith('/csp/')) [base, path] = [cspUpstream, path.slice(4)];
      if (path.startsWith('/nowasm/')) {
        path = path.slice(7);
        if (path.endsWith('.wasm')) { res.writeHead(404, { 'content-type': 'text/plain' }); return res.end('gone'); }
      }
      const r = await fetch(`${base}${path}${url.search}`);
      const headers = { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream', 'cache-control': 'no-store' };
      const csp = r.headers.get('content-security-policy');
      if (csp) headers['content-security-policy'] = csp;
      const body = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, headers);
      res.end(headers['content-type'].startsWith('text/html') ? inject(body.toString('utf8')) : body);
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    fixture(name, body, options = {}) { fixtures.set(`/t/${name}`, { body, ...options }); return `${url}/t/${name}`; },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/** The probe goes first in <head>, before any script of the page. */
function inject(html) {
  const tag = '<script src="/__probe.js"></script>';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => m + tag) : tag + html;
}

/** Launches one engine; returns `{ name, page(width, height, {touch}), close() }`. */
export async function openEngine(name) {
  if (name === 'chromium') return chromiumEngine();
  if (name === 'firefox') return firefoxEngine();
  if (name === 'webkit') return webkitEngine();
  throw new Error(`unknown engine ${name}`);
}

/**
 * The page API over a Playwright (Chromium) or Puppeteer (Firefox) page,
 * which name these calls alike; `close` ends the page's browser context.
 */
function scripted(page, close) {
  return {
    goto: (url) => page.goto(url).then(() => {}),
    eval: (fn, arg) => page.evaluate(fn, arg),
    move: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    tap: (x, y) => page.touchscreen.tap(x, y),
    key: (k) => page.keyboard.press(k),
    close,
  };
}

async function chromiumEngine() {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    async page(width, height, { touch = false } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, hasTouch: touch });
      return scripted(await context.newPage(), () => context.close());
    },
    close: () => browser.close(),
  };
}

async function firefoxEngine() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.LVDONG_FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    // Loopback only: no updates, telemetry or remote settings at start-up.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
    },
  });
  return {
    name: 'firefox',
    async page(width, height, { touch = false } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height, hasTouch: touch });
      return scripted(page, () => context.close());
    },
    close: () => browser.close(),
  };
}

const SELENIUM_KEYS = { ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, Home: Key.HOME, End: Key.END, Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER };

async function webkitEngine() {
  const server = process.env.LVDONG_WEBKIT_DRIVER;
  if (!server) throw new Error('LVDONG_WEBKIT_DRIVER is not set (cargo xtask test starts WebKitWebDriver)');
  const driver = await new Builder().usingServer(server).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': {
      binary: process.env.LVDONG_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      args: ['--automation'],
    },
  }).build();
  // One window: a "page" is that window at the asked size.
  return {
    name: 'webkit',
    async page(width, height) {
      // The window's chrome takes some height: grow the window by what the
      // viewport lacks. The viewport follows the window a little later on a
      // busy machine, so its size is read once it has changed.
      const viewport = () => driver.executeScript('return [innerWidth, innerHeight]');
      const before = await viewport();
      await driver.manage().window().setRect({ width, height });
      let inner = before;
      for (let i = 0; i < 40 && inner[0] === before[0] && inner[1] === before[1] && (before[0] !== width || before[1] !== height); i++) {
        await new Promise((r) => setTimeout(r, 50));
        inner = await viewport();
      }
      const lack = [Math.max(0, width - inner[0]), Math.max(0, height - inner[1])];
      if (lack[0] || lack[1]) await driver.manage().window().setRect({ width: width + lack[0], height: height + lack[1] });
      const act = () => driver.actions({ async: true });
      const at = (x, y) => ({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT });
      return {
        goto: (url) => driver.get(url),
        eval: (fn, arg) => driver.executeScript(`return (${fn})(arguments[0])`, arg ?? null),
        move: (x, y) => act().move(at(x, y)).perform(),
        click: (x, y) => act().move(at(x, y)).press(Button.LEFT).release(Button.LEFT).perform(),
        // WebKitWebDriver has no touch pointer: a tap arrives as pointer events
        // of pointerType "touch" dispatched in the page (see docs/reliability.md).
        tap: (x, y) => driver.executeScript(`return (${syntheticTap})(arguments[0], arguments[1])`, x, y),
        key: (k) => act().sendKeys(SELENIUM_KEYS[k] ?? k).perform(),
        close: async () => { await driver.get('about:blank'); },
      };
    },
    close: () => driver.quit(),
  };
}

/** A touch tap as the element's pointer handlers see it, in the page. */
function syntheticTap(x, y) {
  let target = document.elementFromPoint(x, y);
  while (target?.shadowRoot) {
    const inner = target.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === target) break;
    target = inner;
  }
  const o = { clientX: x, clientY: y, pointerType: 'touch', isPrimary: true, pointerId: 7, bubbles: true, composed: true, cancelable: true };
  for (const type of ['pointerover', 'pointerenter', 'pointerdown', 'pointerup']) target?.dispatchEvent(new PointerEvent(type, o));
  target?.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true }));
}

