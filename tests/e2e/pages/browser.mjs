// The system Chromium, launched the same way by every end-to-end file: playwright-core never
// downloads a browser, and background networking is off (this machine reaches no other host).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHOTS = join(ROOT, 'target', 'e2e');
/** The served repo root (scripts/test.sh sets it); files that serve themselves don't need it. */
export const BASE_URL = process.env.BASE_URL;

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** One Chromium for a test file: registers its before/after hooks; call the result for it. */
export function useChromium({ served = true } = {}) {
  let browser;
  before(async () => {
    if (served) assert.ok(BASE_URL, 'set BASE_URL to the served repo root (scripts/test.sh does this)');
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context and page on `hash` (a share link or ''), recording console errors, page
 * errors and failed responses; `fn(page, errors)` runs once `ready(page)` has resolved, and no
 * error may be left when it returns. Every end-to-end file opens its pages through it. */
export async function onFreshPage(browser, fn, { hash = '', ready = async () => {}, ...contextOptions } = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('response', (res) => { if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`); });
  try {
    await page.goto(new URL(hash, BASE_URL).href, { waitUntil: 'load' });
    await ready(page);
    await fn(page, errors);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe-core violation on the page, of any impact. axe is injected as an inline script,
 * so the page's context needs `bypassCSP: true`. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => (await globalThis.axe.run(document)).violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`));
}
