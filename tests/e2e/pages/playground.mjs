// Page object for the playground screen: every locator goes through accessible names and
// roles (as a learner with assistive technology finds them), plus a few stable classes for
// reading outputs.

import { onFreshPage } from './browser.mjs';

/** The playground on `hash` in a fresh page, once it shows a prediction: `fn(app, page, errors)`. */
export function withPlayground(browser, fn, { viewport = { width: 1366, height: 900 }, ...options } = {}) {
  return onFreshPage(browser, (page, errors) => fn(new PlaygroundPage(page), page, errors), {
    viewport, locale: 'en-US', ready: (page) => new PlaygroundPage(page).ready(), ...options,
  });
}

/** base64url of a UTF-8 string, as the app writes share links. */
export function b64url(text) {
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A share hash for a state: the bottom scenario, return_exceptions, speed and (if given) the
 * Python version; without one it is a link made before the version select. `predict` makes
 * it an exercise link (answers hidden until Reveal). */
export function shareHash(scenario, { returnExceptions = false, speed = 1, python, predict } = {}) {
  return '#v1=' + b64url(JSON.stringify({ scenario, return_exceptions: returnExceptions, speed, python, predict }));
}

export class PlaygroundPage {
  constructor(page) {
    this.page = page;
  }

  async ready() {
    await this.page.waitForSelector('.gather-result', { timeout: 15_000 });
  }

  button(name) {
    return this.page.getByRole('button', { name, exact: true });
  }

  get preset() { return this.page.getByRole('combobox', { name: 'Preset' }); }
  get speed() { return this.page.getByRole('combobox', { name: 'Speed' }); }
  get returnExceptions() { return this.page.getByRole('checkbox', { name: 'return_exceptions', exact: true }); }
  get timeoutToggle() { return this.page.getByRole('checkbox', { name: 'as_completed timeout' }); }
  get timeoutSeconds() { return this.page.getByRole('slider', { name: 'timeout, seconds' }); }
  get gatherRegion() { return this.page.getByRole('region', { name: 'gather result' }); }
  get asCompletedRegion() { return this.page.getByRole('region', { name: 'as_completed results' }); }
  get consoleRegion() { return this.page.getByRole('region', { name: 'Console' }); }
  get codeRegion() { return this.page.getByRole('region', { name: 'Python code' }); }
  get pythonVersion() { return this.page.getByRole('combobox', { name: 'Python version' }); }
  get acrossRegion() { return this.page.getByRole('region', { name: 'Across versions' }); }
  get alert() { return this.page.locator('#notice'); }
  get narration() { return this.page.locator('.narration'); }

  /** The text field for an exact value beside a slider (`7 sleep 1`, `as_completed timeout`). */
  exactSeconds(field) { return this.page.getByRole('textbox', { name: `${field}, seconds`, exact: true }); }
  sleepSlider(name, k) { return this.page.getByRole('slider', { name: `${name} sleep ${k}`, exact: true }); }
  /** The handle at the end of a sleep on the lanes of program 'top' or 'bottom'. */
  sleepHandle(name, k, program = 'top') {
    return this.page.locator(`.program.${program}`).getByRole('slider', { name: `${name} sleep ${k} on the timeline`, exact: true });
  }
  raises(name) { return this.page.getByRole('combobox', { name: `${name} raises`, exact: true }); }

  async choosePreset(stem) {
    await this.preset.selectOption(stem);
  }

  /** gather's returned list repr, or the exception line, or null while it waits. */
  async gatherText() {
    const repr = this.gatherRegion.locator('.repr');
    if (await repr.count()) return (await repr.textContent()).trim();
    const exc = this.gatherRegion.locator('.exc-line');
    if (await exc.count()) return (await exc.textContent()).trim();
    return null;
  }

  async asCompletedItems() {
    return (await this.asCompletedRegion.locator('li code').allTextContents()).map((s) => s.trim());
  }

  /** Printed lines of program 0 (top) or 1 (bottom), without their times. */
  async consoleLines(program) {
    return this.page.locator(`.console-block[data-program="${program}"] .out`).allTextContents();
  }

  async setSlider(locator, value) {
    await locator.fill(String(value));
  }

  /** Runs live and waits for the drift report (the end of the run). */
  async runToEnd(timeout = 20_000) {
    await this.button('Run').click();
    await this.page.waitForSelector('#drift', { timeout });
  }

  async driftText() {
    return (await this.page.locator('#drift').textContent()).trim();
  }

  get scrubber() { return this.page.getByRole('slider', { name: 'Position' }); }

  /** How many events have happened: the `k` of `k/n` in the scrubber's value text (the
   * scrubber's own value is the virtual time, see `scrubberTime`). */
  async position() {
    return (await this.eventsShown())[0];
  }

  /** How many events both programs have: the `n` of `k/n`. */
  async totalEvents() {
    return (await this.eventsShown())[1];
  }

  async eventsShown() {
    const status = await this.scrubber.getAttribute('aria-valuetext');
    return status.match(/ · (\d+)\/(\d+)/).slice(1).map(Number);
  }

  /** The scrubber's value: the virtual time the screen shows, in seconds. */
  async scrubberTime() {
    return Number(await this.scrubber.inputValue());
  }
}
