// Offline: after one visit the page keeps working with its server stopped (service worker),
// and the page never requests anything from another origin. Strict CSP: the policy is in force
// and a whole journey violates nothing. This test serves the repo root
// itself, so that it can stop the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ROOT, useChromium } from './pages/browser.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

/** A static server on a free loopback port; `close()` stops it and drops its connections. */
async function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(ROOT, path.endsWith('/') ? join(path, 'index.html') : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

const browser = useChromium({ served: false });

test('after one visit the page works with the server stopped, and never leaves its origin', async () => {
  const server = await serve();
  const context = await browser().newContext();
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:')) foreign.push(url);
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('.gather-result .repr', { timeout: 15_000 });
  const controlled = await page.evaluate(() => new Promise((resolve) => {
    setTimeout(() => resolve(false), 5000);
    if (navigator.serviceWorker.controller) resolve(true);
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
  }));
  assert.ok(controlled, 'the service worker controls the page');

  await server.close();
  const down = await fetch(server.url).then(() => 'up', () => 'down');
  assert.equal(down, 'down', 'the server is really stopped');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.gather-result .repr', { timeout: 15_000 });
  assert.match(await page.textContent('.gather-result'), /'test 5', 'test 2', 'test 3', 'test 7'/);
  // The embed too: the service worker answers `?embed` with the cached page.
  await page.goto(`${server.url}?embed`, { waitUntil: 'load' });
  await page.waitForSelector('.embed .gather-result .repr', { timeout: 15_000 });
  assert.deepEqual(foreign, [], 'no request leaves the origin');
  await context.close();
});

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:";

test('a strict Content-Security-Policy is in force and a whole journey violates nothing', async () => {
  const server = await serve();
  const context = await browser().newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    globalThis.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('.gather-result .repr', { timeout: 15_000 });
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), POLICY);
  for (const name of ['Reset', 'Step', 'Step', 'Skip to end', 'Step back', 'Run']) {
    await page.getByRole('button', { name, exact: true }).click();
  }
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('book-5-pipeline');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => globalThis.violations), [], 'no CSP violation');
  // The policy is really enforced: an inline style attribute is refused.
  const applied = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'left: 5px');
    document.body.append(probe);
    return probe.style.left;
  });
  assert.equal(applied, '', 'inline styles are blocked');
  // Lane marks are still placed (through the CSSOM).
  const left = await page.evaluate(() => document.querySelector('.lane .mark').style.left);
  assert.match(left, /%$/);
  await context.close();
  await server.close();
});
