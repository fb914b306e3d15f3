// Export and embed, as a teacher uses them: the SVG of the timeline (parsed in the page),
// its PNG at 2×, the trace JSON; `?embed` in a 640 × 400 frame, driven by keyboard, with no
// axe violation, and its link to the full page on the same scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BASE_URL, SHOTS, axeViolations, useChromium } from './pages/browser.mjs';
import { PlaygroundPage } from './pages/playground.mjs';

const browser = useChromium();

/** A fresh page at `query` (relative to the served root) that records CSP violations and errors. */
async function open(query = '', options = {}) {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(new URL(query, BASE_URL).href, { waitUntil: 'load' });
  const pg = new PlaygroundPage(page);
  await pg.ready();
  return { context, page, pg, problems };
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('Export SVG, PNG and trace: a well-formed complete SVG, its PNG at 2×, the trace of both programs', async () => {
  const { context, page, pg, problems } = await open();
  try {
    await pg.choosePreset('as-completed-timeout');
    await page.waitForSelector('.deadline');

    const svg = await download(page, 'Export SVG');
    assert.equal(svg.name, 'asyncio-timeline.svg');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const all = (sel) => [...doc.querySelectorAll(sel)].map((n) => n.textContent);
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        width: Number(doc.documentElement.getAttribute('width')),
        lanes: all('.lane .lane-name title'),
        titles: all('.program-title'),
        ticks: all('.tick'),
        marks: all('.mark'),
        deadline: all('.deadline text'),
        legend: all('.legend text'),
        foreign: [...doc.querySelectorAll('[href], image, use, foreignObject')].length,
      };
    }, svg.bytes.toString('utf8'));
    assert.equal(parsed.error, null);
    const onScreen = await page.locator('.lane .lane-name').allTextContents();
    assert.deepEqual(parsed.lanes, onScreen.map((s) => s.trim()), 'every lane, in order, by name');
    assert.deepEqual(parsed.titles, ['Program 1: asyncio.gather', 'Program 2: asyncio.as_completed']);
    assert.ok(parsed.ticks.includes('0.0') && parsed.ticks.length >= 5, parsed.ticks.join());
    for (const glyph of ['•', '✓', '⊘', '◆']) assert.ok(parsed.marks.includes(glyph), glyph);
    assert.deepEqual(parsed.deadline, ['timeout 4.0 s']);
    assert.ok(parsed.legend.includes('sleep') && parsed.legend.includes('cancelled'));
    assert.equal(parsed.foreign, 0, 'nothing loaded from elsewhere');

    const png = await download(page, 'Export PNG');
    assert.equal(png.name, 'asyncio-timeline.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(png.bytes.readUInt32BE(16), 2 * parsed.width, 'drawn at 2×');
    await writeFile(join(SHOTS, 'export-timeline.png'), png.bytes);

    const trace = await download(page, 'Export trace');
    assert.equal(trace.name, 'asyncio-trace.json');
    const json = JSON.parse(trace.bytes.toString('utf8'));
    assert.equal(json.python, '3.12');
    assert.deepEqual(json.programs.map((p) => [p.program, p.runner]), [['top', 'gather'], ['bottom', 'as_completed']]);
    for (const p of json.programs) {
      for (const key of ['console', 'raised', 'end_time', 'coroutines', 'trace', 'passes', 'scenario']) assert.ok(key in p, key);
      assert.ok(p.passes[0].ready.length > 0);
    }
    assert.match(json.programs[1].raised, /TimeoutError/);

    // On paper: the lanes, results, console and code, light, without the controls.
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    for (const hidden of ['.playback', '.editor', '.export', '.options']) assert.equal(await page.locator(hidden).first().isVisible(), false, hidden);
    for (const shown of ['.program.top .lane', '.program.bottom .lane', '.result', '.console-lines', 'pre']) assert.ok(await page.locator(shown).first().isVisible(), shown);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(253, 253, 252)');
    await page.screenshot({ path: join(SHOTS, 'print.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('?embed fits 640 × 400, plays by keyboard, has no axe violation, and opens the full page on the same hash', async () => {
  // A scenario of its own, by its share link from the full page.
  const full = await open();
  await full.pg.choosePreset('book-2-gather-exception');
  await full.page.waitForFunction(() => location.hash.length > 10);
  const hash = await full.page.evaluate(() => location.hash);
  await full.context.close();

  const { context, page, pg, problems } = await open(`?embed${hash}`, { viewport: { width: 640, height: 400 }, bypassCSP: true });
  try {
    assert.equal(await page.locator('.editor, .title-bar, .outputs, .export').count(), 0, 'lanes, results and playback only');
    assert.equal(await page.locator('.program .lane').count() > 0, true);
    assert.equal(await pg.gatherRegion.count(), 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'no horizontal scrolling');
    await page.screenshot({ path: join(SHOTS, 'embed-640x400.png') });

    // Tab reaches the playback: Run, before anything else of the page.
    let focused = false;
    for (let i = 0; i < 5 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await pg.button('Run').evaluate((el) => el === document.activeElement);
    }
    assert.ok(focused, 'Tab reaches Run');
    await page.keyboard.press('Home');
    assert.equal(await pg.position(), 0, 'Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await pg.position(), 2, '→ steps');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await pg.position(), 1, '← steps back');
    await page.keyboard.press('End');
    assert.equal(await pg.position(), await pg.totalEvents(), 'End');
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    const pause = pg.button('Pause');
    await page.waitForFunction(() => document.querySelector('[aria-pressed]')?.getAttribute('aria-disabled') === 'false');
    await page.keyboard.press('Space');
    assert.equal(await pause.getAttribute('aria-pressed'), 'true', 'Space pauses the live run');

    assert.deepEqual(await axeViolations(page), []);

    const link = page.getByRole('link', { name: /^Open in the playground/ });
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener');
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await opened.waitForSelector('h1', { timeout: 15_000 });
    const url = new URL(opened.url());
    assert.equal(url.search, '', 'the full page');
    assert.equal(url.hash, hash, 'on the same scenario');
    assert.match(await opened.textContent('.gather-result'), /Exception|Error/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the embed speaks Russian too: its link opens the playground in a new tab', async () => {
  const context = await browser().newContext({ viewport: { width: 640, height: 400 } });
  await context.addInitScript(() => localStorage.setItem('lang', 'ru'));
  const page = await context.newPage();
  try {
    await page.goto(new URL('?embed', BASE_URL).href, { waitUntil: 'load' });
    await new PlaygroundPage(page).ready();
    const link = page.getByRole('link', { name: 'Открыть в песочнице (в новой вкладке)' });
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('href'), /^\.\/#v1=/);
  } finally {
    await context.close();
  }
});
