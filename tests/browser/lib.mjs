// Shared by the browser tests: Debian's Chromium driven by playwright-core, and axe-core.
// Each test script gets the server's base URL as its first argument and exits non-zero with
// a readable message on the first failed check.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(process.env.SAMVERKAN_TEST_NODE_MODULES
  ? join(process.env.SAMVERKAN_TEST_NODE_MODULES, 'noop.js') : import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Starts headless Chromium with a fresh profile; the flags keep it off the network. The
 *  locale sets Accept-Language, which chooses the language of the public pages. */
export async function launch(locale = 'sv-SE') {
  const profile = mkdtempSync(join(tmpdir(), 'samverkan-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.SAMVERKAN_TEST_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // axe is injected through the DevTools protocol; the pages' CSP forbids inline script.
    bypassCSP: true,
    locale,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => { await browser.close(); rmSync(profile, { recursive: true, force: true }); };
  return { context: browser, close };
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; throws listing every violation. */
export async function expectAccessible(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  if (result.violations.length > 0) {
    const lines = result.violations.map(v =>
      `  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map(n => `    ${n.target.join(' ')}`).join('\n'));
    throw new Error(`axe found ${result.violations.length} violation(s) on ${label}:\n${lines.join('\n')}`);
  }
  console.log(`axe: no violations on ${label} (${result.passes.length} rules passed)`);
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs `body(context, baseUrl)` and exits 0, or prints the failure and exits 1. */
export async function run(body, { locale = 'sv-SE' } = {}) {
  const baseUrl = process.argv[2];
  const { context, close } = await launch(locale);
  try {
    await body(context, baseUrl);
    console.log('browser test passed');
  } catch (error) {
    console.error(String(error.stack || error));
    process.exitCode = 1;
  } finally {
    await close();
  }
}
