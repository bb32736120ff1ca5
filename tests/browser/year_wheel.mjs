// The start page's year wheel in a real browser: the wheel (SVG) with its list beside it,
// axe-core (WCAG 2.1 A and AA) without violations, and a keyboard user who tabs into the
// wheel, sees the focused meeting marked, and opens its page with Enter.
import { run, expect, expectAccessible } from './lib.mjs';

const shots = process.env.SAMVERKAN_SCREENSHOT_DIR;

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(baseUrl + '/');
  const heading = await page.textContent('#year-wheel-heading');
  expect(/^Årshjul \d{4}$/.test(heading), `the wheel's heading: ${heading}`);
  const wheelLinks = await page.$$eval('svg.wheel a', as => as.map(a => a.getAttribute('href')));
  const listLinks = await page.$$eval('.wheel-list a', as => as.map(a => a.getAttribute('href')));
  expect(wheelLinks.length > 0, 'no meeting on the wheel');
  expect(wheelLinks.join() === listLinks.join(), `wheel ${wheelLinks} and list ${listLinks} differ`);
  await expectAccessible(page, 'the start page with the year wheel');
  if (shots) await page.screenshot({ path: `${shots}/year-wheel.png`, fullPage: true });

  // Tab from the top until the focus is on the wheel's first meeting.
  let focused = null;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.closest('svg.wheel') ? a.getAttribute('href') : null;
    });
  }
  expect(focused === wheelLinks[0], `Tab did not reach the wheel's first meeting (${focused})`);
  const stroke = await page.evaluate(() =>
    getComputedStyle(document.activeElement.querySelector('.marker')).stroke);
  expect(stroke === 'rgb(245, 163, 0)', `the focused meeting is not marked: ${stroke}`);
  const name = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  if (shots) await page.screenshot({ path: `${shots}/year-wheel-focus.png` });
  await Promise.all([page.waitForURL(baseUrl + focused), page.keyboard.press('Enter')]);
  const title = await page.textContent('h1');
  expect(name.includes(title.trim()), `the event page "${title}" is not the one named "${name}"`);
});
