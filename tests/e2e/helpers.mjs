// Shared setup for the end-to-end suite: Debian's Chromium through
// playwright-core, against the dist/ that `cargo xtask test` serves on loopback.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const URL_BASE = process.env.LVDONG_URL ?? 'http://127.0.0.1:8080';
export const CSP_URL = process.env.LVDONG_CSP_URL ?? URL_BASE;
export const ARTIFACTS = process.env.LVDONG_ARTIFACTS ?? 'tests/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

export function artifact(name) {
  return join(ARTIFACTS, name);
}

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.LVDONG_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

/** Waits until every chart on the page has drawn or shown its error. */
export async function chartsReady(page) {
  await page.waitForFunction(() => {
    const cs = [...document.querySelectorAll('lvdong-chart')];
    return cs.length > 0 && cs.every((c) => c.hasAttribute('data-ready') || c.hasAttribute('data-error'));
  });
  // One animation frame for the coalesced draw, one more for safety.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The visible tooltip text of a chart, or null when hidden. */
export async function tooltipText(locator) {
  return locator.evaluate((c) => {
    // The shown tooltip carries data-shown (kept ones wait off to the side).
    const t = c.shadowRoot.querySelector('.tip[data-shown]');
    return t ? t.textContent : null;
  });
}

/** Item anchors in CSS px relative to the canvas, from the chart's own table of items. */
export async function canvasBox(locator) {
  return locator.evaluate((c) => {
    const r = c.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
}

/** Moves the mouse over a grid across the chart's canvas; returns the distinct tooltip texts by item label. */
export async function sweep(page, locator, step = 20) {
  const box = await canvasBox(locator);
  const seen = new Map();
  for (let y = box.y + step / 2; y < box.y + box.height; y += step) {
    for (let x = box.x + step / 2; x < box.x + box.width; x += step) {
      await page.mouse.move(x, y);
      const tip = await locator.evaluate((c) => {
        const t = c.shadowRoot.querySelector('.tip[data-shown]');
        return t ? { label: t.querySelector('.tip-label')?.textContent, text: t.textContent } : null;
      });
      if (tip) seen.set(tip.label, tip.text);
    }
  }
  return seen;
}

/** The chart's own table of the current dataset: [{label, value}] from its shadow DOM. */
export async function tableRows(locator) {
  return locator.evaluate((c) => [...c.shadowRoot.querySelectorAll('table.data tbody tr')]
    .map((tr) => ({ label: tr.cells[0].textContent, value: tr.cells[1].textContent })));
}

/**
 * Sweeps synthetic mouse pointermoves over the canvas inside the page (fast:
 * one round trip). Returns `seen` ({label: value} of every tooltip) and
 * `texts` (every distinct whole tooltip text).
 */
export async function fastSweep(locator, step = 6) {
  return locator.evaluate((c, step) => {
    const cv = c.shadowRoot.querySelector('canvas');
    const r = cv.getBoundingClientRect();
    const seen = {};
    const texts = [];
    for (let y = r.top + step / 2; y < r.bottom; y += step) {
      for (let x = r.left + step / 2; x < r.right; x += step) {
        cv.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', bubbles: true, composed: true }));
        const tip = c.shadowRoot.querySelector('.tip[data-shown]');
        if (tip) {
          seen[tip.querySelector('.tip-label').textContent] = tip.querySelector('.tip-value').textContent;
          texts.push(tip.textContent);
        }
      }
    }
    cv.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
    return { seen, texts: [...new Set(texts)] };
  }, step);
}

/** A PNG data URL of the chart's canvas, to tell whether its pixels changed. */
export async function canvasPixels(locator) {
  return locator.evaluate((c) => c.shadowRoot.querySelector('canvas').toDataURL());
}

/** Serves `html` at `${URL_BASE}/t/NAME` (same origin as dist/, so relative URLs work). */
export async function fixture(context, name, html, type = 'text/html; charset=utf-8') {
  await context.route(`${URL_BASE}/t/${name}`, (route) => route.fulfill({ status: 200, contentType: type, body: html }));
  return `${URL_BASE}/t/${name}`;
}

/** Two animation frames, so a scheduled redraw has happened. */
export async function frames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
