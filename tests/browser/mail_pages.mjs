// The staff pages of mail, the organisation register and invitations in a real browser,
// with axe-core (WCAG 2.1 A and AA) on every page state:
// an organiser searches the register, adds an organisation (a validation error, then
// corrected), edits it and adds a contact, imports a small CSV with a bad line, invites
// just that organisation (and an address the SMTP server refuses) from an event's
// invitation page (an empty choice first, then the page that says how many it mails before
// anything is sent), previews the invitation mail, sends a message to participants through
// its confirmation page; an admin sees the outbox and queues the failed mail again. Before
// that the organiser fills in the staff event form with several mistakes: each error stands
// next to its field and in the summary, what was typed stays, and the corrected form saves.
// With MAIL_PAGES_UNSUBSCRIBE_PATH set (the harness reads the invitation's link from the
// outbox after the first run), it instead walks the public unsubscribe pages.
// Environment: MAIL_PAGES_ORGANISER, MAIL_PAGES_ADMIN (e-mail addresses),
// MAIL_PAGES_PASSWORD, MAIL_PAGES_EVENT (the event's id).
import { run, expect, expectAccessible } from './lib.mjs';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function login(page, baseUrl, email) {
  await page.goto(baseUrl + '/login');
  await page.fill('#email', email);
  await page.fill('#password', env('MAIL_PAGES_PASSWORD'));
  await Promise.all([page.waitForURL(baseUrl + '/staff'), page.press('#password', 'Enter')]);
}

async function submit(page, formAction) {
  await Promise.all([page.waitForLoadState('load'),
    page.click(`form[action="${formAction}"] button[type=submit]`)]);
}

async function register(page, baseUrl) {
  let response = await page.goto(baseUrl + '/staff/organisations');
  expect(response.status() === 200, `the register answered ${response.status()}`);
  await expectAccessible(page, 'the organisation register');
  await page.fill('#q', 'åhus');
  await Promise.all([page.waitForURL(/q=/), page.press('#q', 'Enter')]);
  const found = await page.textContent('table');
  expect(found.includes('Åhus Byalag') && !found.includes('Degeberga'),
    `the search for åhus found: ${found}`);
  await expectAccessible(page, 'the register searched');

  // A new organisation with a wrong organisationsnummer, then corrected.
  await page.click('a[href="/staff/organisations/new"]');
  await expectAccessible(page, 'the new organisation form');
  await page.fill('#name', 'Tosteberga Byalag');
  await page.fill('#org_number', '12345');
  await submit(page, '/staff/organisations/new');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('Organisationen sparades inte') && summary.includes('Organisationsnumret är inte giltigt'),
    `no error summary in Swedish: ${summary}`);
  await page.click('.error-summary a[href="#org_number"]');
  expect(await page.evaluate(() => document.activeElement.id) === 'org_number',
    'the summary link does not lead to the field');
  expect(await page.inputValue('#name') === 'Tosteberga Byalag', 'the typed name was lost');
  await expectAccessible(page, 'the organisation form with an error');
  await page.fill('#org_number', '802400-1235');
  await submit(page, '/staff/organisations/new');
  expect(/\/staff\/organisations\/\d+\?saved=1$/.test(page.url()), `not saved: ${page.url()}`);
  await expectAccessible(page, 'the saved organisation');

  // Edit it: where it works, and a contact person.
  await page.fill('#locality', 'Tosteberga');
  await page.check('#area-rural');
  await page.fill('#contact_name_1', 'Tove Tosteberg');
  await page.fill('#contact_email_1', 'tove@tosteberga.example');
  const action = await page.getAttribute('main form[method=post]', 'action');
  await submit(page, action);
  expect((await page.textContent('[role=status]')).includes('Ändringarna är sparade'), 'no saved notice');
  expect(await page.inputValue('#contact_email_1') === 'tove@tosteberga.example', 'the contact was not kept');
  await expectAccessible(page, 'the organisation with a contact');

  response = await page.goto(baseUrl + '/staff/organisations/import');
  await expectAccessible(page, 'the import page');
  await page.fill('#csv', 'name;locality;contact_name;contact_email\n' +
    'Vä Hembygdsförening;Vä;Ulla Vä;ulla@va.example\n' +
    'Trasig Förening;Vä;Nils;inte-en-adress\n');
  await submit(page, '/staff/organisations/import');
  expect((await page.textContent('[role=status]')).includes('1 nya'), 'the import did not create one');
  const lines = await page.$$eval('table tbody tr td:first-child', cells => cells.map(c => c.textContent.trim()));
  expect(lines.length === 1 && lines[0] === '3', `not just line 3 reported: ${lines}`);
  const why = await page.textContent('table tbody td:nth-child(2)');
  expect(why.includes('E-postadressen är inte giltig'), `the line's error is not in Swedish: ${why}`);
  await expectAccessible(page, 'the import report');
}

const shot = async (page, name) => {
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SAMVERKAN_SCREENSHOT_DIR}/${name}.png`, fullPage: true });
};

async function eventForm(page, baseUrl) {
  await page.goto(baseUrl + '/staff/events/new');
  await expectAccessible(page, 'the new event form');
  await page.fill('#f-theme', 'Demokrati');
  await page.fill('#f-starts_at', '2031-05-01T17:00');
  await page.fill('#f-ends_at', '2031-05-01T16:00');
  await page.fill('#f-capacity', '0');
  await page.fill('#f-max_per_organisation', '100001');
  await submit(page, '/staff/events/new');
  const summary = await page.textContent('.error-summary');
  for (const text of ['Fyll i det här fältet.', 'Skriv ett tal mellan 1 och 100000.',
    'Sluttiden måste vara efter starttiden.'])
    expect(summary.includes(text), `the summary lacks "${text}": ${summary}`);
  const next = async id => (await page.textContent(`#${id}-error`)).trim();
  expect((await next('f-title')).endsWith('Fyll i det här fältet.'), `title: ${await next('f-title')}`);
  expect((await next('f-capacity')).endsWith('Skriv ett tal mellan 1 och 100000.'),
    `capacity: ${await next('f-capacity')}`);
  expect((await next('f-ends_at')).endsWith('Sluttiden måste vara efter starttiden.'),
    `ends_at: ${await next('f-ends_at')}`);
  expect(await page.getAttribute('#f-capacity', 'aria-invalid') === 'true', 'capacity not marked invalid');
  for (const [id, typed] of [['f-theme', 'Demokrati'], ['f-ends_at', '2031-05-01T16:00'],
    ['f-capacity', '0'], ['f-max_per_organisation', '100001']])
    expect(await page.inputValue(`#${id}`) === typed, `${id} lost what was typed: ${await page.inputValue(`#${id}`)}`);
  await page.click('.error-summary a[href="#f-capacity"]');
  expect(await page.evaluate(() => document.activeElement.id) === 'f-capacity',
    'the summary link does not lead to the field');
  await shot(page, 'event-form-errors');
  await expectAccessible(page, 'the event form with errors');

  await page.fill('#f-title', 'Vårträff i webbläsaren');
  await page.fill('#f-ends_at', '2031-05-01T19:00');
  await page.fill('#f-capacity', '40');
  await page.fill('#f-max_per_organisation', '');
  await submit(page, '/staff/events/new');
  expect(/\/staff\/events\/\d+$/.test(page.url()), `not saved: ${page.url()}`);
}

async function invitations(page, baseUrl, event) {
  const path = `/staff/events/${event}/invitations`;
  await page.goto(baseUrl + path);
  await expectAccessible(page, 'the invitation page');
  await page.click('#organisations summary');
  await page.check('#audience-selected');
  await expectAccessible(page, 'the invitation page with the register open');
  await submit(page, path + '/confirm');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('Kryssa i minst en organisation'), `no error for an empty choice: ${summary}`);
  expect(await page.isChecked('#audience-selected'), 'the chosen audience was not kept');
  await expectAccessible(page, 'the invitation page with an error');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/invitations.png', fullPage: true });

  // By keyboard: the scroll box takes focus, Tab reaches the first checkbox that can be
  // ticked (the disabled one is skipped), Space ticks it.
  const box = page.locator('.picker-list .choice', { hasText: 'Tosteberga Byalag' }).locator('input');
  expect(await page.locator('.picker-list .choice', { hasText: 'Degeberga IF' }).locator('input').isDisabled(),
    'an organisation without contacts can be ticked');
  await page.focus('.picker-list');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.closest('.choice')?.textContent.includes('Tosteberga')),
    'Tab did not reach the first organisation that can be ticked');
  await page.keyboard.press('Space');
  expect(await box.isChecked(), 'Space did not tick the organisation');
  // The SMTP server refuses this one (550): the admin sees it fail below.
  await page.fill('#extra', 'Fel Adress <reject550-gone@example.se>');
  // First the page that says what the round will do; nothing is sent until it is confirmed.
  await submit(page, path + '/confirm');
  const consequence = await page.textContent('.confirm-box');
  expect(consequence.includes('2 personer får en inbjudan med e-post nu.'),
    `the confirmation does not say how many: ${consequence}`);
  expect((await page.textContent('.confirm-actions button[type=submit]')).includes('Ja, skicka 2 inbjudningar'),
    'no button that says what it sends');
  await expectAccessible(page, 'the invitation confirmation');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/invitations-confirm.png', fullPage: true });
  await Promise.all([page.waitForURL(/queued_now=/),
    page.click(`form[action="${path}"] button[type=submit]`)]);
  const notice = await page.textContent('[role=status]');
  expect(notice.includes('2 inbjudningar lades i kön'), `unexpected notice: ${notice}`);
  expect((await page.textContent('table')).includes('tove@tosteberga.example'), 'the invitation is not listed');
  await expectAccessible(page, 'the invitation page after sending');

  await page.click(`a[href="/staff/events/${event}/mail-preview?template=invitation"]`);
  await page.waitForSelector('.mail-html');
  await expectAccessible(page, 'the mail preview');
  await page.check('#language-en');
  await page.click('form.preview-choice button[type=submit]');
  await page.waitForURL(/language=en/);
  await expectAccessible(page, 'the mail preview in English');

  await page.goto(baseUrl + path);
  await submit(page, `/staff/events/${event}/messages/confirm`);
  expect((await page.textContent('.error-summary')).includes('minst en grupp'), 'no message error');
  await expectAccessible(page, 'the message form with an error');
  await page.check('#st-confirmed');
  await page.fill('#subject', 'Ändrad lokal');
  await page.fill('#body', 'Vi ses i Kaféet på våning 6.\nVälkomna!');
  // The confirmation shows the mail and how many it reaches; sending is a second step.
  await submit(page, `/staff/events/${event}/messages/confirm`);
  const reach = await page.textContent('.confirm-box');
  expect(reach.includes('Meddelandet går till 1 anmälan'), `no count before sending: ${reach}`);
  expect((await page.textContent('.mail-subject')).includes('Ändrad lokal'), 'the subject is not shown');
  await expectAccessible(page, 'the message confirmation');
  // By keyboard: a mouse click here can land while the preview's frame still lays out.
  await Promise.all([page.waitForURL(/message_queued=/),
    page.locator(`form[action="/staff/events/${event}/messages"] button[type=submit]`).press('Enter')]);
  const queued = await page.textContent('[role=status]');
  expect(queued.includes('Meddelandet lades i kön till 1 mottagare'), `message not queued: ${queued}`);
  await expectAccessible(page, 'the page after sending the message');
}

async function outbox(page, baseUrl) {
  await page.goto(baseUrl + '/logout');
  await Promise.all([page.waitForURL(/\/login\?logged_out=1$/), page.click('main form button[type=submit]')]);
  await login(page, baseUrl, env('MAIL_PAGES_ADMIN'));
  const response = await page.goto(baseUrl + '/admin/outbox');
  expect(response.status() === 200, `the outbox answered ${response.status()}`);
  expect((await page.textContent('table')).includes('tove@tosteberga.example'), 'the invitation is not in the outbox');
  await expectAccessible(page, 'the outbox');
  await page.click('a[href="/admin/outbox?status=failed"]');
  for (let i = 0; i < 100 && !(await page.textContent('main')).includes('reject550-gone@example.se'); ++i) {
    await page.waitForTimeout(100);
    await page.reload();
  }
  const failed = page.locator('table.outbox tbody tr', { hasText: 'reject550-gone@example.se' });
  expect((await failed.textContent()).includes('550'), 'the refusal is not shown');
  await expectAccessible(page, 'the outbox filtered to failed mail');
  await Promise.all([page.waitForLoadState('load'), failed.locator('button[type=submit]').click()]);
  expect(page.url().endsWith('/admin/outbox?status=failed'), `not back on the outbox: ${page.url()}`);
  await expectAccessible(page, 'the outbox after queueing a message again');
}

async function unsubscribe(page, baseUrl, path) {
  let response = await page.goto(baseUrl + path);
  expect(response.status() === 200, `the unsubscribe page answered ${response.status()}`);
  expect((await page.textContent('main')).includes('tove@tosteberga.example'), 'the address is not shown');
  await expectAccessible(page, 'the unsubscribe page');
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  expect((await page.textContent('h1')).includes('avslutade'), 'not unsubscribed');
  await expectAccessible(page, 'the unsubscribed page');
  response = await page.goto(baseUrl + '/unsubscribe/' + 'A'.repeat(43));
  expect(response.status() === 404, `an unknown link answered ${response.status()}`);
  await expectAccessible(page, 'the unknown-link page');
}

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  if (process.env.MAIL_PAGES_UNSUBSCRIBE_PATH) {
    await unsubscribe(page, baseUrl, process.env.MAIL_PAGES_UNSUBSCRIBE_PATH);
    return;
  }
  await login(page, baseUrl, env('MAIL_PAGES_ORGANISER'));
  await register(page, baseUrl);
  await eventForm(page, baseUrl);
  await invitations(page, baseUrl, env('MAIL_PAGES_EVENT'));
  await outbox(page, baseUrl);
});
