// End-to-end: the Python version select (3.8–3.13, 3.12 by default), what follows it, the
// share link that keeps it, and the "Across versions" view. Screenshots go to target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, axeViolations, useChromium } from './pages/browser.mjs';
import { withPlayground, shareHash } from './pages/playground.mjs';

const browser = useChromium();

const withApp = (fn, options) => withPlayground(browser(), fn, options);

/** t19: children done at once, under a wait_for timeout shorter than one loop pass. */
const QUICK = {
  coroutines: [
    { name: 'a', steps: [{ print: 'a runs' }, { return: 1 }] },
    { name: 'b', steps: [{ print: 'b runs' }, { return: 2 }] },
  ],
  main: { runner: 'wait_for_gather', timeout: 1e-10, return_exceptions: true },
};

const waitForResult = (page) =>
  page.getByRole('region', { name: 'asyncio.wait_for result', exact: true }).locator('li code').allTextContents();

test('3.12 by default; another version changes wait_for(gather) and the timeout\'s exception as CPython does', async () => {
  await withApp(async (app, page) => {
    assert.equal(await app.pythonVersion.inputValue(), '3.12');
    assert.deepEqual(
      await app.pythonVersion.locator('option').allTextContents(),
      ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'],
    );
    assert.match(await app.codeRegion.locator('h2').textContent(), /Python 3\.12$/);

    // The timeout's class: asyncio's own until 3.10, the builtin from 3.11 (bpo-42413).
    await app.choosePreset('as-completed-timeout');
    await app.pythonVersion.selectOption('3.10');
    assert.deepEqual(await app.asCompletedItems(), ["'task 1'", "'task 5'", 'asyncio.exceptions.TimeoutError']);
    assert.match(await app.asCompletedRegion.textContent(), /asyncio\.run raised: asyncio\.exceptions\.TimeoutError/);
    assert.match(await app.codeRegion.locator('h2').textContent(), /Python 3\.10$/);
    assert.equal(await app.preset.inputValue(), 'as-completed-timeout', 'still the preset');
    await app.pythonVersion.selectOption('3.11');
    assert.deepEqual(await app.asCompletedItems(), ["'task 1'", "'task 5'", 'TimeoutError']);
  });
  // wait_for(gather): 3.11 prints the list, 3.12 raises TimeoutError first (gh-96764).
  await withApp(async (app, page) => {
    assert.equal(await app.pythonVersion.inputValue(), '3.11');
    assert.deepEqual(await waitForResult(page), ['[1, 2]']);
    assert.deepEqual(await app.consoleLines(1), ['a runs', 'b runs', '[1, 2]']);
    await app.pythonVersion.selectOption('3.12');
    assert.deepEqual(await waitForResult(page), ['TimeoutError']);
    assert.deepEqual(await app.consoleLines(1), ['a runs', 'b runs', 'Traceback (most recent call last): …', 'TimeoutError']);
  }, { hash: shareHash(QUICK, { python: '3.11' }) });
});

test('a runner the version lacks, or a version that lacks the runner, is refused and nothing changes', async () => {
  await withApp(async (app, page) => {
    const runner = page.getByRole('combobox', { name: 'Runner', exact: true });
    const first = page.url();
    await app.pythonVersion.selectOption('3.10');
    await page.waitForFunction((url) => location.href !== url, first);
    const before = page.url();
    await runner.selectOption('task_group');
    await app.alert.waitFor();
    assert.match(await app.alert.textContent(), /^asyncio\.TaskGroup exists from Python 3\.11 on, not in 3\.10/);
    assert.equal(await runner.inputValue(), 'as_completed', 'the list shows the runner kept');
    assert.equal(page.url(), before);
    await app.alert.getByRole('button', { name: 'Dismiss' }).click();

    await app.pythonVersion.selectOption('3.11');
    await runner.selectOption('timeout');
    // The link is rewritten after the render: wait for the one of the timeout runner.
    await page.waitForFunction(() => atob(location.hash.slice(4).replace(/-/g, '+').replace(/_/g, '/'))
      .includes('"runner":"timeout"'));
    const timeout = page.url();
    await app.pythonVersion.selectOption('3.9');
    await app.alert.waitFor();
    assert.match(await app.alert.textContent(), /^asyncio\.timeout exists from Python 3\.11 on, not in 3\.9/);
    assert.equal(await app.pythonVersion.inputValue(), '3.11', 'the list shows the version kept');
    assert.equal(page.url(), timeout);
  });
});

test('the share link keeps the version across a reload; a link without one opens as 3.11', async () => {
  await withApp(async (app, page) => {
    await app.pythonVersion.selectOption('3.9');
    // The page rewrites its address after the render the choice causes: wait for it.
    const linked = () => {
      const hash = new URL(page.url()).hash;
      return [hash, JSON.parse(Buffer.from(hash.slice('#v1='.length), 'base64url').toString('utf8'))];
    };
    for (let i = 0; i < 100 && linked()[1].python !== '3.9'; i++) await page.waitForTimeout(50);
    const [hash, doc] = linked();
    assert.equal(doc.python, '3.9');
    await page.reload();
    await app.ready();
    assert.equal(await app.pythonVersion.inputValue(), '3.9');
    assert.equal(new URL(page.url()).hash, hash);
  });
  await withApp(async (app, page) => {
    assert.equal(await app.pythonVersion.inputValue(), '3.11');
    assert.deepEqual(await waitForResult(page), ['[1, 2]']);
    assert.equal(await app.alert.count(), 0);
  }, { hash: shareHash(QUICK) });
  // A link whose runner its version lacks: the message, and the default example.
  const group = shareHash({ coroutines: QUICK.coroutines, main: { runner: 'task_group' } }, { python: '3.10' });
  await withApp(async (app) => {
    await app.alert.waitFor();
    assert.match(await app.alert.textContent(), /asyncio\.TaskGroup exists from Python 3\.11 on, not in 3\.10/);
    assert.equal(await app.pythonVersion.inputValue(), '3.12');
  }, { hash: group });
});

test('Across versions: identical for the first example; the differences of wait_for(gather), explained', async () => {
  await withApp(async (app, page) => {
    const across = app.acrossRegion;
    assert.match(await across.locator('summary').textContent(), /Identical in every version 3\.8–3\.13/);
    // While a slider moves, the view follows (it is derived from the scenario).
    await page.getByRole('combobox', { name: 'Runner', exact: true }).selectOption('wait_for_gather');
    assert.match(await across.locator('summary').textContent(), /differs: 3\.8, 3\.9, 3\.10 \/ 3\.11 \/ 3\.12, 3\.13/);
    await across.locator('summary').click();
    const head = await across.locator('thead th').allTextContents();
    assert.deepEqual(head, ['Versions', '3.8, 3.9, 3.10', '3.11', '3.12, 3.13']);
    const row = across.locator('tr', { has: page.locator('th', { hasText: /^Program 2, main\(\) got 1$/ }) });
    assert.deepEqual(await row.locator('td').allTextContents(), [
      't=4.0 · pass 12 · asyncio.exceptions.TimeoutError',
      't=4.0 · pass 12 · TimeoutError',
      't=4.0 · pass 11 · TimeoutError',
    ]);
    const reasons = await across.locator('.reasons li').allTextContents();
    assert.equal(reasons.length, 2);
    assert.match(reasons[0], /^3\.10 → 3\.11: .*bpo-42413/);
    assert.match(reasons[1], /^3\.11 → 3\.12: .*gh-96764/);
    await app.setSlider(app.sleepSlider('7', 1), 0.5);
    assert.equal(await row.locator('td').count(), 3);
    assert.deepEqual(await axeViolations(page), []);
    await across.screenshot({ path: join(SHOTS, 'across-versions.png') });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    const ru = page.getByRole('region', { name: 'По версиям' });
    assert.match(await ru.locator('.reasons').textContent(), /gh-96764/);
    await ru.screenshot({ path: join(SHOTS, 'across-versions-ru.png') });
  }, { bypassCSP: true }); // axe is injected as an inline script
});
