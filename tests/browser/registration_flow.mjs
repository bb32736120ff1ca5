// A participant in a real browser: start page → event → the form sent with mistakes (the
// error summary on top links to the fields, errors sit at the fields, what was typed stays)
// → corrected → confirmation on the manage page → cancel. axe-core (WCAG 2.1 A/AA) checks
// the start page, the event page, the form with errors and the manage page.
import { run, expect, expectAccessible } from './lib.mjs';

await run(async (context, baseUrl) => {
  const page = await context.newPage();

  await page.goto(baseUrl + '/');
  await expectAccessible(page, 'the start page');
  await page.click('.event-list a');
  await page.waitForSelector('form.registration-form');
  expect((await page.textContent('h1')).includes('Tematräff'), 'not on the event page');
  expect((await page.textContent('main')).includes('allmän handling'),
    'the event page does not say that what is sent can become a public record');
  expect(!(await page.isVisible('#f-website')), 'the honeypot field is visible to people');
  expect(await page.getAttribute('.hp', 'aria-hidden') === 'true', 'the honeypot is not hidden from screen readers');
  await expectAccessible(page, 'the event page');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/event.png', fullPage: true });

  // A mistake in the e-mail address, and no consent.
  await page.fill('#f-organisation-name', 'Tosteberga Byalag');
  await page.fill('#f-contact-name', 'Anna Andersson');
  await page.fill('#f-contact-email', 'anna-at-example.test');
  await page.fill('#f-attendees-0-name', 'Anna Andersson');
  await page.check('#f-attendees-0-dietary-vegan');
  await page.click('button.primary');
  await page.waitForSelector('.error-summary');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('giltig e-postadress'), `the summary lacks the e-mail error: ${summary}`);
  const links = await page.$$eval('.error-summary a', as => as.map(a => a.getAttribute('href')));
  expect(links.includes('#f-contact-email') && links.includes('#f-consent'),
    `the summary does not link to the fields: ${links}`);
  expect(await page.inputValue('#f-contact-name') === 'Anna Andersson', 'the typed name was lost');
  expect(await page.isChecked('#f-attendees-0-dietary-vegan'), 'the ticked choice was lost');
  const described = await page.getAttribute('#f-contact-email', 'aria-describedby');
  expect(described.includes('f-contact-email-error'), 'the error is not tied to its field');
  expect(await page.getAttribute('#f-contact-email', 'aria-invalid') === 'true',
    'the field is not marked invalid');
  await expectAccessible(page, 'the form with errors');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/errors.png', fullPage: true });

  // Following a summary link moves focus to the field.
  await page.click('.error-summary a[href="#f-contact-email"]');
  expect(await page.evaluate(() => document.activeElement.id) === 'f-contact-email',
    'the summary link does not lead to the field');
  await page.fill('#f-contact-email', 'anna@example.test');
  await page.check('#f-consent');
  await page.click('button.primary');
  await page.waitForSelector('.attendee-status');
  const notice = await page.textContent('[role=status]');
  expect(notice.includes('Tack! Anmälan är klar'), `no confirmation: ${notice}`);
  expect((await page.textContent('.attendee-status')).includes('Har plats'), 'no seat shown');
  expect(page.url().includes('/r/'), `not on the manage page: ${page.url()}`);
  // The door link's QR code: an image named by its title, drawn large enough to scan.
  const qr = page.locator('.door-code svg[role=img]');
  expect(await qr.count() === 1, 'no QR code on the manage page');
  expect((await page.textContent('.door-code svg title')) === 'QR-kod för insläpp på träffen',
    'the QR code has no text alternative');
  expect((await page.textContent('.door-code')).includes('Visa koden vid entrén'), 'no door text');
  const box = await qr.boundingBox();
  expect(box && box.width >= 150 && box.width === box.height, `QR code drawn ${JSON.stringify(box)}`);
  await expectAccessible(page, 'the manage page');
  await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/manage.png', fullPage: true });

  // Cancel through the manage link.
  await page.click('a.danger');
  await page.waitForSelector('button.danger');
  await expectAccessible(page, 'the cancel confirmation');
  await page.click('button.danger');
  await page.waitForSelector('.attendee-status');
  expect((await page.textContent('main')).includes('Anmälan är avbokad'), 'not cancelled');
  expect((await page.textContent('.attendee-status')).includes('Avbokad'), 'attendee not cancelled');
  expect(await page.locator('.door-code').count() === 0, 'a cancelled registration still shows its QR code');
});
