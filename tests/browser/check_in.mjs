// The door in a real browser on a phone-sized screen, without JavaScript of the page's own:
// an organiser logs in, follows the staff event page's link to the check-in list, searches,
// checks an attendee in, undoes it, checks someone in for good; a steering-group member
// sees the list without buttons. axe-core (WCAG 2.1 A and AA) checks every state.
// Environment: SAMVERKAN_CHECK_IN_EVENT (the event id), SAMVERKAN_CHECK_IN_ORGANISER,
// SAMVERKAN_CHECK_IN_STEERING (e-mail addresses) and SAMVERKAN_CHECK_IN_PASSWORD.
import { run, expect, expectAccessible } from './lib.mjs';

const event = process.env.SAMVERKAN_CHECK_IN_EVENT;
const password = process.env.SAMVERKAN_CHECK_IN_PASSWORD;

async function login(page, baseUrl, email) {
  await page.goto(baseUrl + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(baseUrl + '/staff'), page.press('#password', 'Enter')]);
}

async function status(page) {
  return (await page.textContent('[role=status]')).trim();
}

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  await login(page, baseUrl, process.env.SAMVERKAN_CHECK_IN_ORGANISER);

  await page.goto(`${baseUrl}/staff/events/${event}`);
  await Promise.all([page.waitForURL(/\/check-in$/), page.click('a[href$="/check-in"]')]);
  expect((await page.textContent('h1')).includes('Insläpp'), 'not on the check-in page');
  expect((await page.textContent('.check-in-count')).includes('0 av 3 har kommit'),
    `wrong count: ${await page.textContent('.check-in-count')}`);
  const names = await page.$$eval('.check-in-list .name', ns => ns.map(n => n.textContent));
  expect(names.join('|') === 'Cecilia Ahl|Åsa Berg|Örjan Ek', `wrong list or order: ${names}`);
  const button = await page.getByRole('button', { name: 'Checka in Åsa Berg' }).boundingBox();
  expect(button.height >= 44 && button.width >= 44, `touch target too small: ${JSON.stringify(button)}`);
  await expectAccessible(page, 'the check-in list');

  await page.fill('#f-q', 'ÅSA');
  await page.press('#f-q', 'Enter');
  await page.waitForURL(/q=/);
  const found = await page.$$eval('.check-in-list .name', ns => ns.map(n => n.textContent));
  expect(found.join('|') === 'Åsa Berg', `the search found ${found}`);
  await expectAccessible(page, 'the search result');

  await page.getByRole('button', { name: 'Checka in Åsa Berg' }).click();
  await page.waitForURL(/did=in/);
  expect(await status(page) === 'Åsa Berg är incheckad.', `status: ${await status(page)}`);
  expect(page.url().includes('q=%C3%85SA') && page.url().includes('#a-'),
    `not back at the same search and row: ${page.url()}`);
  expect((await page.textContent('.check-in-list li.arrived .state')).includes('Incheckad kl.'),
    'the row does not show the check-in time');
  expect((await page.textContent('.check-in-count')).includes('1 av 3'), 'count not updated');
  await expectAccessible(page, 'the list after a check-in');

  await page.getByRole('button', { name: 'Ångra incheckningen av Åsa Berg' }).click();
  await page.waitForURL(/did=undone/);
  expect(await status(page) === 'Incheckningen av Åsa Berg är ångrad.', `status: ${await status(page)}`);
  expect((await page.textContent('.check-in-count')).includes('0 av 3'), 'count not back to 0');
  await expectAccessible(page, 'the list after an undo');

  await page.fill('#f-q', 'ingen sådan');
  await page.press('#f-q', 'Enter');
  await page.waitForSelector('text=Ingen med plats matchar sökningen.');
  await expectAccessible(page, 'an empty search result');

  await page.click('text=Visa alla');
  await page.getByRole('button', { name: 'Checka in Cecilia Ahl' }).click();
  await page.waitForURL(/did=in/);
  expect(await status(page) === 'Cecilia Ahl är incheckad.', `status: ${await status(page)}`);
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/check-in.png', fullPage: true });

  // Someone who came without registering: the room is full, so over capacity, checked in at once.
  await Promise.all([page.waitForURL(/\/walk-ins$/), page.click('a[href$="/walk-ins"]')]);
  await expectAccessible(page, 'the walk-in form');
  await page.click('button.check-in-button');  // nothing typed
  expect((await page.textContent('.error-summary')).includes('Namn') ||
    (await page.locator('.error-summary li').count()) > 0, 'no error summary for an empty name');
  await expectAccessible(page, 'the walk-in form with errors');
  await page.fill('#f-name', 'Gunnel Gående');
  await page.selectOption('#f-affiliation', 'municipal_staff');
  await page.fill('#f-organisation', 'Tosteberga Byalag');
  await page.click('button.check-in-button');
  await page.waitForURL(/did=walk_in/);
  expect(await status(page) === 'Gunnel Gående är tillagd och incheckad, över kapaciteten.',
    `status: ${await status(page)}`);
  expect((await page.textContent('.check-in-count')).includes('2 av 4 har kommit'),
    `count: ${await page.textContent('.check-in-count')}`);
  expect((await page.textContent('.affiliation-counts')).includes('1 Tjänsteperson'),
    `counts per role: ${await page.textContent('.affiliation-counts')}`);
  await expectAccessible(page, 'the list after a walk-in');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/check-in-walk-in.png', fullPage: true });

  // Printed: the names only, in alphabetical order, no forms.
  await page.emulateMedia({ media: 'print' });
  expect(!(await page.isVisible('.check-in-list form')), 'forms are printed');
  expect(!(await page.isVisible('.staff-nav')), 'the navigation is printed');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/check-in-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The paper list after the event: one page, tick, save once.
  await page.goto(`${baseUrl}/staff/events/${event}/attendance-list`);
  await expectAccessible(page, 'the paper list');
  await page.getByLabel('Örjan Ek, Tosteberga Byalag').check();
  await page.getByLabel('Cecilia Ahl').uncheck();
  await page.click('text=Spara listan');
  await page.waitForURL(/saved=/);
  expect(await status(page) === 'Listan är sparad: 2 ändrade.', `status: ${await status(page)}`);
  expect(await page.getByLabel('Örjan Ek, Tosteberga Byalag').isChecked(), 'Örjan not saved');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/attendance-list.png', fullPage: true });

  // The steering group may look, read-only.
  await context.clearCookies();
  await login(page, baseUrl, process.env.SAMVERKAN_CHECK_IN_STEERING);
  await page.goto(`${baseUrl}/staff/events/${event}/check-in`);
  expect(await page.locator('.check-in-list button').count() === 0, 'steering sees buttons');
  expect((await page.textContent('main')).includes('Bara arrangörer kan checka in.'), 'no read-only note');
  await expectAccessible(page, 'the read-only list');
});
