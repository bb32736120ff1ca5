// The staff pages in a real browser, keyboard and all, without JavaScript of their own: the
// login form (with its error), the staff page, users (with a form error), password and audit
// pages pass axe (WCAG 2.1 A and AA), and logout works. Argument 2: an admin's e-mail,
// argument 3: the password. Screenshots of each page go to $SAMVERKAN_SCREENSHOT_DIR.
import { run, expect, expectAccessible } from './lib.mjs';

const [, , , email, password] = process.argv;
const shots = process.env.SAMVERKAN_SCREENSHOT_DIR;

async function shot(page, name) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  let response = await page.goto(baseUrl + '/login');
  expect(response.status() === 200, `login page answered ${response.status()}`);
  await expectAccessible(page, 'the login page');

  await page.fill('#email', email);
  await page.fill('#password', 'inte det rätta lösenordet');
  await page.press('#password', 'Enter');
  const alert = await page.textContent('[role=alert]');
  expect(alert.includes('Fel e-postadress eller lösenord'), `unexpected login error: ${alert}`);
  expect(await page.inputValue('#email') === email, 'the e-mail address was not kept');
  await expectAccessible(page, 'the login page with an error');
  await shot(page, 'auth-login-error');

  await page.fill('#password', password);
  await Promise.all([page.waitForURL(baseUrl + '/staff'), page.press('#password', 'Enter')]);
  expect((await page.textContent('h1')).startsWith('Välkommen'), 'the staff page was not shown');
  await expectAccessible(page, 'the staff page');
  await shot(page, 'auth-staff');

  await page.goto(baseUrl + '/admin/users');
  await page.fill('#name', 'Eva Exempel');
  await page.fill('#email', 'eva@example');
  await page.check('#role-organiser');
  await page.fill('#password', 'kort');
  await page.click('form[action="/admin/users"] button[type=submit]');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('minst 12 tecken'), `unexpected form errors: ${summary}`);
  expect(await page.isChecked('#role-organiser'), 'the chosen role was not kept');
  await expectAccessible(page, 'the users page with form errors');
  await shot(page, 'auth-users-errors');

  await page.fill('#email', 'eva@example.org');
  await page.fill('#password', 'ett långt och bra lösenord');
  await page.click('form[action="/admin/users"] button[type=submit]');
  expect(page.url().endsWith('/admin/users?done=added'), `not redirected after adding: ${page.url()}`);
  expect((await page.textContent('table')).includes('eva@example.org'), 'the new user is not listed');
  await expectAccessible(page, 'the users page');

  // An admin sets a new password for Eva, first with a mistake.
  await page.click('a:has-text("Nytt lösenord för Eva Exempel")');
  await page.fill('#new_password', 'ett helt nytt lösenord 2026');
  await page.fill('#new_password_repeat', 'ett annat lösenord 2026');
  await page.click('main form button[type=submit]');
  expect((await page.textContent('.error-summary')) !== null, 'no error for differing passwords');
  await expectAccessible(page, 'the new-password page with an error');
  await shot(page, 'auth-new-password-error');
  await page.fill('#new_password', 'ett helt nytt lösenord 2026');
  await page.fill('#new_password_repeat', 'ett helt nytt lösenord 2026');
  await page.click('main form button[type=submit]');
  expect(page.url().endsWith('/admin/users?done=password'), `not redirected after the new password: ${page.url()}`);

  response = await page.goto(baseUrl + '/account/password');
  expect(response.status() === 200, `password page answered ${response.status()}`);
  await expectAccessible(page, 'the password page');
  await shot(page, 'auth-password');

  response = await page.goto(baseUrl + '/admin/audit');
  expect(response.status() === 200, `audit page answered ${response.status()}`);
  expect((await page.textContent('table')).includes('Lade till en användare'), 'the audit log lacks the new user');
  await expectAccessible(page, 'the audit page');

  await page.goto(baseUrl + '/logout');
  await Promise.all([page.waitForURL(/\/login\?logged_out=1$/), page.click('main form button[type=submit]')]);
  expect((await page.textContent('[role=status]')).includes('Du är utloggad'), 'no logout notice');
  response = await page.goto(baseUrl + '/staff');
  // Without a session a browser is sent to the login page, which returns it here afterwards.
  expect(page.url().endsWith('/login?next=%2Fstaff'), `after logout /staff led to ${page.url()}`);
  expect(response.status() === 200, `the login page answered ${response.status()}`);
});
