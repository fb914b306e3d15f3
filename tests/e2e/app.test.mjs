// End-to-end: load the built page in the system Chromium (playwright-core never downloads a
// browser) and check it renders with no console error, page error or failed request.
// Run by scripts/test.sh, which serves the repo root and sets BASE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, SHOTS, axeViolations, useChromium } from './pages/browser.mjs';


const browser = useChromium();

/** Open the page in a fresh context and record every kind of error it reports. */
async function openPage(options = {}, query = '') {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(new URL(query, BASE_URL).href, { waitUntil: 'load' });
  return { context, page, errors };
}

/** Wait until the app has rendered its first prediction. */
async function waitForApp(page) {
  await page.waitForSelector('.gather-result .repr', { timeout: 15_000 });
}

test('the page renders the first prediction, and nothing errors', async () => {
  const { context, page, errors } = await openPage();
  try {
    await page.waitForSelector('h1', { timeout: 15_000 });
    assert.equal((await page.textContent('h1')).trim(), 'asyncio playground');
    await waitForApp(page);
    assert.equal(await page.isHidden('#app-error'), true, 'the error area must stay hidden');
    assert.equal(await page.title(), 'asyncio playground');
    await page.screenshot({ path: join(SHOTS, 'home-light.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('dark colour scheme renders without errors', async () => {
  const { context, page, errors } = await openPage({ colorScheme: 'dark' });
  try {
    await waitForApp(page);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(253, 253, 252)', 'dark mode must not use the light background');
    await page.screenshot({ path: join(SHOTS, 'home-dark.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('no accessibility violations on the first screen (axe-core)', async () => {
  const { context, page, errors } = await openPage({ bypassCSP: true });
  try {
    await waitForApp(page);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a panic shows a visible message instead of a dead page', async () => {
  // ?debug-panic makes the app panic in a task shortly after it started.
  const { context, page, errors } = await openPage({}, '?debug-panic');
  try {
    await page.waitForSelector('#app-error', { state: 'visible', timeout: 15_000 });
    const message = await page.textContent('#app-error');
    assert.match(message, /deliberate panic/);
    await page.screenshot({ path: join(SHOTS, 'panic.png'), fullPage: true });
    // The hook also logs the panic to the console.
    assert.ok(errors.some((e) => e.includes('deliberate panic')), errors.join('\n'));
  } finally {
    await context.close();
  }
});
