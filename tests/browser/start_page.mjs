// The start page in a real browser: it lists the seeded event with its Stockholm time and
// seats, the skip link reaches the main content, and axe finds no WCAG 2.1 AA violations.
import { run, expect, expectAccessible } from './lib.mjs';

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  const response = await page.goto(baseUrl + '/');
  expect(response.status() === 200, `start page answered ${response.status()}`);
  expect(await page.getAttribute('html', 'lang') === 'sv', 'the page language is not sv');
  const heading = await page.textContent('h1');
  expect(heading.includes('Kommande träffar'), `unexpected heading: ${heading}`);
  const card = await page.textContent('.event-list');
  expect(card.includes('Tematräff: samhälls- och föreningsengagemang'), 'the seeded event is not listed');
  expect(card.includes('kl. 17.00–19.30'), `the Stockholm time is not shown: ${card}`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  expect(focused === '#main', `the first Tab stop is ${focused}, not the skip link`);
  await expectAccessible(page, 'the start page');
});
