// Login CSRF in a real browser: a page on another site posts our login form with the
// attacker's own (right) credentials. Chromium sends its Origin and Sec-Fetch-Site: cross-site,
// and the server refuses with a page that says why (axe-checked) and opens no session. The
// same form on our own login page works. Argument 2: an admin's e-mail, argument 3: the
// password.
import { run, expect, expectAccessible } from './lib.mjs';

const [, , , email, password] = process.argv;
const evil = 'http://evil.example';

await run(async (context, baseUrl) => {
  // The attacker's page, served by the test at an origin of its own.
  await context.route(`${evil}/**`, route => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><title>Win a prize</title>
      <form method="post" action="${baseUrl}/login">
        <input type="hidden" name="email" value="${email}">
        <input type="hidden" name="password" value="${password}">
        <button type="submit">Claim</button>
      </form></html>`,
  }));
  const page = await context.newPage();
  await page.goto(`${evil}/prize`);
  const [refused] = await Promise.all([
    page.waitForNavigation(),
    page.click('button[type=submit]'),
  ]);
  expect(refused.status() === 403, `the cross-site login answered ${refused.status()}`);
  const heading = await page.textContent('h1');
  expect(heading.includes('Formuläret kom från en annan webbplats'), `unexpected page: ${heading}`);
  await expectAccessible(page, 'the cross-site refusal');
  if (process.env.SAMVERKAN_SCREENSHOT_DIR)
    await page.screenshot({ path: process.env.SAMVERKAN_SCREENSHOT_DIR + '/cross-site-refused.png', fullPage: true });
  const cookies = await context.cookies(baseUrl);
  expect(!cookies.some(c => c.name.includes('samverkan_session')), 'a session cookie was set');

  // Our own login page, the same credentials: signed in.
  await page.goto(baseUrl + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(baseUrl + '/staff'), page.press('#password', 'Enter')]);
  expect((await page.textContent('h1')).startsWith('Välkommen'), 'the staff page was not shown');
});
