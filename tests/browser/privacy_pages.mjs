// The two statements in Swedish and English, and the admin's subject page (search, the
// result, the confirmation, the erasure), each checked by axe (WCAG 2.1 A and AA) with a
// screenshot. Argument 2: an admin's e-mail, 3: the password, 4: an address with data.
import { run, expect, expectAccessible } from './lib.mjs';

const [, , , email, password, subject] = process.argv;

const shot = async (page, name) => {
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SAMVERKAN_SCREENSHOT_DIR}/${name}.png`, fullPage: true });
};

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  for (const [path, lang, heading] of [
    ['/privacy?lang=sv', 'sv', 'Så hanterar vi personuppgifter'],
    ['/privacy?lang=en', 'en', 'How we handle personal data'],
    ['/accessibility?lang=sv', 'sv', 'Tillgänglighet för Samverkan'],
    ['/accessibility?lang=en', 'en', 'Accessibility of Samverkan']]) {
    const response = await page.goto(baseUrl + path);
    expect(response.status() === 200, `${path} answered ${response.status()}`);
    expect(await page.getAttribute('html', 'lang') === lang, `${path} is not lang=${lang}`);
    expect((await page.textContent('h1')).includes(heading), `${path} has the wrong heading`);
    await expectAccessible(page, path);
    await shot(page, path.slice(1).replace('?lang=', '-'));
  }

  await page.goto(baseUrl + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(baseUrl + '/staff'), page.press('#password', 'Enter')]);
  await page.goto(baseUrl + '/admin/subjects');
  await expectAccessible(page, 'the subject page');

  await page.fill('#email', 'inte-en-adress');
  await page.click('form.subject-search button[type=submit]');
  expect(await page.getAttribute('#email', 'aria-invalid') === 'true', 'a bad address was not marked');
  await expectAccessible(page, 'the subject page with an error');

  await page.fill('#email', subject);
  await page.click('form.subject-search button[type=submit]');
  await page.waitForSelector('#result-heading');
  expect((await page.textContent('main')).includes('Tematräff'), 'the registration is not listed');
  await expectAccessible(page, 'the subject page with a result');
  await shot(page, 'subjects-result');

  await page.click('form[action="/admin/subjects/confirm"] button');
  await expectAccessible(page, 'the erasure confirmation');
  await shot(page, 'subjects-confirm');
  await page.click('form[action="/admin/subjects/erase"] button');
  const notice = await page.textContent('[role=status]');
  expect(notice.includes(subject), `no notice of the erasure: ${notice}`);
  await expectAccessible(page, 'the subject page after an erasure');
  await shot(page, 'subjects-erased');
});
