// Long sessions: 1,000 consecutive live runs must not grow the JS heap by more than 5 MB and
// must leave no live timer; 100 Run clicks within a second leave exactly one run on screen; a
// run whose tab is hidden (timers throttled) ends with the same timeline as an undisturbed one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, useChromium } from './pages/browser.mjs';
import { PlaygroundPage, shareHash } from './pages/playground.mjs';


// Short sleeps at 10×: a run takes a few milliseconds of real time.
const QUICK = {
  coroutines: [
    { name: 'a', steps: [{ print: 'a' }, { sleep: 0.01 }, { return: 'a' }] },
    { name: 'b', steps: [{ sleep: 0.02 }, { return: 'b' }] },
  ],
  main: { runner: 'as_completed', timeout: null, catch: false },
};

/** Counts pending timeouts and animation frames, and finished runs (drift reports shown). */
function instrument() {
  const timeouts = new Set();
  const frames = new Set();
  const { setTimeout: st, clearTimeout: ct, requestAnimationFrame: raf, cancelAnimationFrame: caf } = window;
  window.setTimeout = (fn, ms, ...args) => {
    const id = st((...a) => { timeouts.delete(id); if (typeof fn === 'function') fn(...a); }, ms, ...args);
    timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { timeouts.delete(id); ct(id); };
  window.requestAnimationFrame = (fn) => {
    const id = raf((t) => { frames.delete(id); fn(t); });
    frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => { frames.delete(id); caf(id); };
  window.liveTimers = () => timeouts.size + frames.size;
  // A hidden tab's timers are throttled: while `window.throttled`, every timeout waits 1 s more.
  window.throttled = false;
  const plain = window.setTimeout;
  window.setTimeout = (fn, ms, ...args) => plain(fn, window.throttled ? (ms || 0) + 1000 : ms, ...args);
  window.runsFinished = 0;
  // A finished run shows its drift report: a new one, or the same element for the next run
  // (when the screen never rendered the run in between) with the next run's number.
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.id === 'drift') window.runsFinished += 1;
      for (const n of r.addedNodes) if (n.id === 'drift' || n.querySelector?.('#drift')) window.runsFinished += 1;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-run'] });
}

const browser = useChromium();

async function open() {
  const context = await browser().newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(new URL(shareHash(QUICK, { speed: 10 }), BASE_URL).href, { waitUntil: 'load' });
  await page.waitForSelector('.gather-result .repr', { timeout: 15_000 });
  return { context, page };
}

/** Clicks Run `n` times, each after the previous run finished; returns runs finished. */
function runTimes(page, n) {
  return page.evaluate(async (n) => {
    const run = [...document.querySelectorAll('button')].find((b) => b.textContent.trim().endsWith('Run'));
    for (let i = 0; i < n; i++) {
      const before = window.runsFinished;
      run.click();
      const start = performance.now();
      while (window.runsFinished === before) {
        if (performance.now() - start > 5000) throw new Error(`run ${i} did not finish`);
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    return window.runsFinished;
  }, n);
}

async function heapAfterGc(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

test('1,000 consecutive runs: heap grows by at most 5 MB, no timer is left', async () => {
  const { context, page } = await open();
  await runTimes(page, 20); // warm up: caches, first allocations
  const base = await heapAfterGc(page);
  const finished = await runTimes(page, 1000);
  await page.waitForTimeout(300);
  const grown = (await heapAfterGc(page)) - base;
  const timers = await page.evaluate(() => window.liveTimers());
  console.log(`budget: 1,000 runs grew the JS heap by ${(grown / 1024 / 1024).toFixed(2)} MB, ${timers} live timers left`);
  assert.ok(finished >= 1020, `${finished} runs finished`);
  assert.ok(grown <= 5 * 1024 * 1024, `heap grew by ${grown} bytes`);
  assert.equal(timers, 0, 'no live timer or animation frame');
  await context.close();
});

test('100 Run clicks within a second leave exactly one run on screen', async () => {
  const { context, page } = await open();
  const before = await page.evaluate(() => window.runsFinished);
  const ms = await page.evaluate(() => {
    const run = [...document.querySelectorAll('button')].find((b) => b.textContent.trim().endsWith('Run'));
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) run.click();
    return performance.now() - t0;
  });
  assert.ok(ms < 1000, `100 clicks took ${ms} ms`);
  await page.waitForFunction((b) => window.runsFinished > b, before, { timeout: 10_000 });
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.runsFinished) - before, 1, 'one run finished');
  assert.equal(await page.locator('#drift').count(), 1);
  assert.deepEqual(await new PlaygroundPage(page).asCompletedItems(), ["'a'", "'b'"], 'one set of results');
  assert.equal(await page.evaluate(() => window.liveTimers()), 0, 'no live timer left');
  await context.close();
});

/** What the screen says once a run is over: console lines of both programs and both results. */
async function finalTimeline(page) {
  const app = new PlaygroundPage(page);
  return {
    top: await app.consoleLines(0),
    bottom: await app.consoleLines(1),
    gather: await app.gatherText(),
    asCompleted: await app.asCompletedItems(),
    position: await app.position(),
  };
}

test('a run hidden for a while, with throttled timers, ends with the same timeline as an undisturbed run', async () => {
  const { context, page } = await open();
  const finished = await page.evaluate(() => window.runsFinished);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('book-2-gather-exception');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  await run.click();
  await page.waitForFunction((b) => window.runsFinished > b, finished, { timeout: 10_000 });
  const undisturbed = await finalTimeline(page);

  await run.click();
  await page.waitForTimeout(100);
  await page.evaluate(() => {
    window.throttled = true;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(2500);
  await page.evaluate(() => {
    window.throttled = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction((b) => window.runsFinished > b + 1, finished, { timeout: 15_000 });
  assert.deepEqual(await finalTimeline(page), undisturbed);
  assert.ok(undisturbed.top.length > 4 && undisturbed.position > 0, 'the run really printed');
  await context.close();
});
