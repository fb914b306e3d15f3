// The system Chromium, launched the same way by every end-to-end file: playwright-core never
// downloads a browser, and background networking is off (this machine reaches no other host).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run',
    ],
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe-core violation on the page, of any impact. axe is injected as an inline script,
 * so the page's context needs `bypassCSP: true`. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => (await globalThis.axe.run(document)).violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`));
}
