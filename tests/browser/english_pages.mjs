// The public pages in English (API.md "Languages"): a browser that prefers English gets the
// start page, the event page and its form errors, and the manage page in English with
// <html lang="en">; the registration made there is in English; ?lang=sv switches back and
// the choice is kept in a cookie. axe-core checks each English page.
import { run, expect, expectAccessible } from './lib.mjs';

const shot = async (page, name) => {
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SAMVERKAN_SCREENSHOT_DIR}/${name}.png`, fullPage: true });
};

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  await page.goto(baseUrl + '/');
  expect(await page.getAttribute('html', 'lang') === 'en', 'Accept-Language en did not give English');
  expect((await page.textContent('h1')).includes('Upcoming events'), 'the start page is not in English');
  expect((await page.textContent('.event-list')).includes('at 17:00–19:30'), 'the time is not shown the English way');
  await expectAccessible(page, 'the English start page');
  await shot(page, 'start-en');

  await page.click('.event-list a');
  await page.waitForSelector('form.registration-form');
  expect((await page.textContent('#register-heading')).includes('Registration'), 'the form heading is not English');
  expect((await page.textContent('main')).includes('public record'), 'the public-record notice is not in English');
  await expectAccessible(page, 'the English event page');

  await page.fill('#f-contact-name', 'Anna Andersson');
  await page.fill('#f-contact-email', 'anna-at-example.test');
  await page.fill('#f-attendees-0-name', 'Anna Andersson');
  await page.click('button.primary');
  await page.waitForSelector('.error-summary');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('Not a valid e-mail address'), `the e-mail error is not English: ${summary}`);
  expect(summary.includes('how the information is handled'), `the consent error is not English: ${summary}`);
  expect(await page.getAttribute('html', 'lang') === 'en', 'the page with errors is not English');
  await expectAccessible(page, 'the English event page with errors');
  await shot(page, 'event-errors-en');

  await page.fill('#f-contact-email', 'anna@example.test');
  await page.check('#f-consent');
  await page.click('button.primary');
  await page.waitForURL(/\/r\//);
  expect((await page.textContent('[role=status]')).includes('Thank you'), 'the confirmation is not English');
  expect((await page.textContent('main')).includes('Change the registration'), 'the manage page is not English');
  await expectAccessible(page, 'the English manage page');
  await shot(page, 'manage-en');

  // The language switch: the link to Swedish, then the cookie keeps Swedish.
  const href = await page.getAttribute('a.language-switch', 'href');
  expect(href.includes('lang=sv'), `the switch link does not lead to Swedish: ${href}`);
  await page.click('a.language-switch');
  expect(await page.getAttribute('html', 'lang') === 'sv', 'the switch did not give Swedish');
  await page.goto(baseUrl + '/');
  expect((await page.textContent('h1')).includes('Kommande träffar'), 'the cookie did not keep Swedish');
}, { locale: 'en-GB' });
