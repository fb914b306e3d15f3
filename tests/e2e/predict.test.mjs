// Predict, then reveal, as a learner and a teacher use it: an exercise link whose page holds
// no answer before Reveal (neither in the DOM nor in the accessibility tree), grading of a right
// and a wrong prediction, the twelve exercises in English and Russian, Share as exercise, and
// axe in both states. Screenshots at 1366 px (English) and 375 px (Russian) go to target/e2e.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, ROOT, SHOTS, axeViolations, onFreshPage, useChromium } from './pages/browser.mjs';
import { PlaygroundPage, shareHash } from './pages/playground.mjs';

const browser = useChromium();

const EXERCISES = readdirSync(join(ROOT, 'www', 'exercises')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(ROOT, 'www', 'exercises', f), 'utf8')));

// Prints (so the console is asked), as_completed (so the order is), results in no argument order.
const SCENARIO = {
  coroutines: [
    { name: 'slow', steps: [{ print: 'slow starts' }, { sleep: 3 }, { print: 'slow done' }, { return: 'S' }] },
    { name: 'fast', steps: [{ print: 'fast starts' }, { sleep: 1 }, { print: 'fast done' }, { return: 'F' }] },
    { name: 'mid', steps: [{ sleep: 2 }, { return: 'M' }] },
  ],
  main: { runner: 'as_completed' },
};
const WORDS = {
  en: { reveal: 'Reveal', region: 'Your prediction', of: 'of', exercises: 'Exercises' },
  ru: { reveal: 'Показать ответ', region: 'Ваше предсказание', of: 'из', exercises: 'Упражнения' },
};

/** A fresh page on `hash` in `lang`, once the predict bar shows; `fn(page, errors)` runs inside. */
function withPage(fn, { hash = '', lang = 'en', width = 1366, height = 900, ...options } = {}) {
  return onFreshPage(browser(), fn, {
    hash, viewport: { width, height }, locale: lang === 'ru' ? 'ru-RU' : 'en-US', bypassCSP: true,
    ready: (page) => page.waitForSelector('.predict-bar', { timeout: 15_000 }), ...options,
  });
}

const region = (page, lang = 'en') => page.getByRole('region', { name: WORDS[lang].region });

async function reveal(page, lang = 'en') {
  await page.getByRole('button', { name: WORDS[lang].reveal, exact: true }).click();
  await region(page, lang).waitFor();
}

/** "N of M" in the region Your prediction, as numbers. */
async function score(page, lang = 'en') {
  const text = (await region(page, lang).locator('.score').textContent()).trim();
  const m = text.match(new RegExp(`^(\\d+) ${WORDS[lang].of} (\\d+)$`));
  assert.ok(m, text);
  return [Number(m[1]), Number(m[2])];
}

/** The real answers, read from the same scenario opened normally. */
async function realAnswers() {
  let real;
  await withPage(async (page) => {
    const pg = new PlaygroundPage(page);
    await pg.ready();
    real = { gather: await pg.gatherText(), items: await pg.asCompletedItems(), console: await pg.consoleLines(0) };
  }, { hash: shareHash(SCENARIO) });
  return real;
}

/** Each arranged list of the predict panel, as shown (top to bottom). */
async function arranged(page) {
  const lists = page.locator('.predict ol.arrange');
  const out = [];
  for (let i = 0; i < await lists.count(); i++) out.push((await lists.nth(i).locator('code').allTextContents()).map((s) => s.trim()));
  return out;
}

test('an exercise link holds no answer before Reveal, in the DOM or the accessibility tree', async () => {
  const real = await realAnswers();
  assert.equal(real.gather, "['S', 'F', 'M']");
  assert.deepEqual(real.items, ["'F'", "'M'", "'S'"]);
  await withPage(async (page) => {
    const predict = page.getByRole('region', { name: 'Predict', exact: true });
    await predict.waitFor();
    await page.screenshot({ path: join(SHOTS, 'predict-en-1366.png'), fullPage: true });

    // The output panels are not rendered at all (not merely out of sight).
    for (const name of ['gather result', 'as_completed results', 'Console', 'Across versions']) {
      assert.equal(await page.getByRole('region', { name }).count(), 0, name);
    }
    for (const sel of ['.lanes', '.gather-result', '.console-block', '.narration', '#drift']) {
      assert.equal(await page.locator(sel).count(), 0, sel);
    }
    assert.equal(await page.getByRole('slider', { name: 'Position' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Export SVG' }).count(), 0);

    // The lines to arrange are given, but never in the real order.
    const [consoleGiven, itemsGiven] = await arranged(page);
    assert.deepEqual([...consoleGiven].sort(), [...real.console].sort());
    assert.notDeepEqual(consoleGiven, real.console);
    assert.deepEqual([...itemsGiven].sort(), [...real.items].sort());
    assert.notDeepEqual(itemsGiven, real.items);
    // gather's repr is one option among several (never the gather result itself).
    const options = (await page.locator('.predict .choices').first().locator('code').allTextContents()).map((s) => s.trim());
    assert.ok(options.includes(real.gather) && options.length >= 2, options.join(' | '));

    // Nothing outside the questions gives an answer away, and no answer is written as such.
    const outside = await page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true);
      copy.querySelector('.predict').remove();
      return copy.outerHTML;
    });
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    const answers = [real.items.join(' · '), real.console.join(' · '), `asyncio: ${real.gather}`];
    for (const a of [real.gather, ...answers]) assert.ok(!outside.includes(a), a);
    for (const a of answers) assert.ok(!html.includes(a), a);
    const aria = await page.locator('body').ariaSnapshot();
    for (const name of ['gather result', 'as_completed results', 'Your prediction', 'Position']) {
      assert.ok(!aria.includes(`"${name}"`), name);
    }
    for (const a of [...answers, real.console.join('\n')]) assert.ok(!aria.includes(a), a);
    assert.deepEqual(await axeViolations(page), [], 'predict state');

    // A reload before Reveal keeps the answers hidden: the address is still an exercise link.
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('button', { name: 'Reveal', exact: true }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'gather result' }).count(), 0);

    await reveal(page);
    await page.screenshot({ path: join(SHOTS, 'predict-revealed-en-1366.png'), fullPage: true });
    const pg = new PlaygroundPage(page);
    assert.equal(await pg.gatherText(), real.gather);
    assert.deepEqual(await pg.asCompletedItems(), real.items);
    const report = await region(page).textContent();
    for (const a of [real.items.join(' · '), real.console.join(' · ')]) assert.ok(report.includes(a), a);
    assert.deepEqual(await axeViolations(page), [], 'revealed state');
  }, { hash: shareHash(SCENARIO, { predict: true }) });
});

test('grading: a right prediction scores M of M, a wrong one less, and says where it parts', async () => {
  const real = await realAnswers();
  const hash = shareHash(SCENARIO, { predict: true });
  // Wrong: the answers as they start (shuffled order, nothing chosen, nobody cancelled, no time).
  let truths;
  await withPage(async (page) => {
    await reveal(page);
    const [right, of] = await score(page);
    assert.equal(of, 5);
    assert.ok(right < of, `${right} of ${of}`);
    assert.ok((await region(page).locator('.graded.wrong').count()) >= 3);
    assert.match(await region(page).textContent(), /parts from asyncio at item \d+, t=\d/);
    truths = (await region(page).locator('.graded code').allTextContents()).map((s) => s.trim());
  }, { hash });
  // Right: every answer as asyncio has it.
  await withPage(async (page) => {
    const [consoleGiven, itemsGiven] = await arranged(page);
    await arrange(page, 0, consoleGiven, real.console);
    await arrange(page, 1, itemsGiven, real.items);
    await page.getByRole('radio', { name: real.gather, exact: true }).check();
    // truths[3]: "slow: not cancelled; fast: …"
    for (const part of truths[3].split('; ')) {
      const [name, cause] = part.split(': ');
      await page.locator('.causes label', { hasText: new RegExp(`^${name}:`) }).locator('select').selectOption({ label: cause });
    }
    await page.getByRole('textbox', { name: /When does asyncio.run return/ }).fill(truths[4]);
    await reveal(page);
    assert.deepEqual(await score(page), [5, 5]);
    assert.equal(await region(page).locator('.graded.wrong').count(), 0);
    assert.ok(!(await region(page).textContent()).includes('parts from asyncio'));
    // Answers are fixed once revealed.
    assert.equal(await page.locator('.predict ol.arrange button:enabled').count(), 0);
  }, { hash });
});

/** Moves the lines of arranged list `k` from `given` order into `want` with its ↑ buttons. */
async function arrange(page, k, given, want) {
  const now = [...given];
  for (let i = 0; i < want.length; i++) {
    for (let at = now.indexOf(want[i]); at > i; at--) {
      await page.locator('.predict ol.arrange').nth(k).locator('li').nth(at).getByRole('button', { name: /: up$/ }).click();
      [now[at - 1], now[at]] = [now[at], now[at - 1]];
    }
  }
  assert.deepEqual((await arranged(page))[k], want);
}

for (const lang of ['en', 'ru']) {
  test(`each of the ${EXERCISES.length} exercises opens from the list and reveals (${lang})`, async () => {
    assert.equal(EXERCISES.length, 12);
    const narrow = lang === 'ru' ? { width: 375, height: 800 } : {};
    await withPage(async (page) => {
      const list = page.locator('details.exercises');
      for (const [k, ex] of EXERCISES.entries()) {
        if (!(await list.evaluate((d) => d.open))) await list.getByText(WORDS[lang].exercises, { exact: true }).click();
        await list.getByRole('button', { name: ex.title[lang], exact: true }).click();
        await page.locator('.predict h2', { hasText: ex.title[lang] }).waitFor();
        assert.equal(await page.locator('.gather-result').count(), 0, ex.title.en);
        if (lang === 'ru' && k === 0) await page.screenshot({ path: join(SHOTS, 'predict-ru-375.png'), fullPage: true });
        await reveal(page, lang);
        const [right, of] = await score(page, lang);
        assert.equal(of, ex.ask.length, ex.title.en);
        assert.ok(right <= of);
        assert.ok((await region(page, lang).textContent()).includes(ex.explanation[lang]), ex.title.en);
        assert.equal(await page.locator('.gather-result').count(), 1, 'the outputs are back');
        if (lang === 'ru' && k === 0) await page.screenshot({ path: join(SHOTS, 'predict-revealed-ru-375.png'), fullPage: true });
      }
      // The list remembers each score on this device.
      assert.equal(await page.locator('details.exercises li .muted').count(), 12);
    }, { lang, ...narrow });
  });
}

test('Share as exercise copies a link that opens in predict mode', async () => {
  let link;
  await withPage(async (page) => {
    await page.getByRole('button', { name: 'Share as exercise', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    link = await page.evaluate(() => navigator.clipboard.readText());
  }, { hash: shareHash(SCENARIO), permissions: ['clipboard-read', 'clipboard-write'] });
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, new URL(BASE_URL).href);
  const doc = JSON.parse(Buffer.from(url.hash.slice('#v1='.length), 'base64url').toString('utf8'));
  assert.equal(doc.predict, true);
  await withPage(async (page) => {
    await page.getByRole('region', { name: 'Predict', exact: true }).waitFor();
    assert.equal(await page.locator('.gather-result').count(), 0);
    await reveal(page);
    assert.equal(await new PlaygroundPage(page).gatherText(), "['S', 'F', 'M']");
  }, { hash: url.hash });
});

test('axe: no violations in predict and revealed state, in Russian at 375 px', async () => {
  await withPage(async (page) => {
    await page.getByRole('region', { name: 'Предсказать', exact: true }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'predict state');
    await reveal(page, 'ru');
    assert.deepEqual(await axeViolations(page), [], 'revealed state');
  }, { hash: shareHash(SCENARIO, { predict: true }), lang: 'ru', width: 375, height: 800 });
});
