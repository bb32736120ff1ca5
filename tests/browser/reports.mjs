// The steering group's follow-up in a real browser, no JavaScript of the page's own: a
// steering-group member logs in, follows the staff page's link to the report, picks a
// period by the presets and by dates, reads the charts (SVG images named by their titles,
// each with its table) and opens the printable yearly report, which under print media
// makes one A4 page per year. axe-core (WCAG 2.1 A and AA) checks every state.
// Environment: SAMVERKAN_REPORTS_STEERING (e-mail), SAMVERKAN_REPORTS_PASSWORD.
import { writeFileSync } from 'node:fs';
import { run, expect, expectAccessible } from './lib.mjs';

const shots = process.env.SAMVERKAN_SCREENSHOT_DIR;

async function shot(page, name) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

await run(async (context, baseUrl) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(baseUrl + '/login');
  await page.fill('#email', process.env.SAMVERKAN_REPORTS_STEERING);
  await page.fill('#password', process.env.SAMVERKAN_REPORTS_PASSWORD);
  await Promise.all([page.waitForURL(baseUrl + '/staff'), page.press('#password', 'Enter')]);

  await Promise.all([page.waitForURL(/\/staff\/reports/), page.click('a[href="/staff/reports"]')]);
  expect((await page.textContent('h1')).includes('Uppföljning'), 'not on the report page');
  await expectAccessible(page, 'the report page for this year');

  // Any dates, through the form.
  await page.fill('#f-from', '2025-01-01');
  await page.fill('#f-to', '2025-12-31');
  await Promise.all([page.waitForURL(/from=2025-01-01&to=2025-12-31/), page.click('text=Visa perioden')]);
  const charts = await page.$$eval('svg.chart[role=img]', svgs => svgs.map(s => {
    const ids = s.getAttribute('aria-labelledby').split(' ');
    return ids.map(id => document.getElementById(id)?.textContent || '').join(' | ');
  }));
  expect(charts.length === 4, `expected 4 charts, found ${charts.length}`);
  expect(charts.some(c => c.startsWith('Deltagande organisationer i stad och på landsbygd | Av 4 deltagande')),
    `the area chart's name and description: ${charts}`);
  const rows = await page.$$eval('table:has(caption#t-events) tbody tr', rs => rs.map(r => r.textContent));
  expect(rows.some(r => r.includes('Träff E1')), `the events table: ${rows}`);
  const total = await page.textContent('.report-totals');
  expect(total.includes('Organisationer4') || total.replace(/\s+/g, ' ').includes('Organisationer 4'),
    `the totals: ${total}`);
  await expectAccessible(page, 'the report for 2025 with its charts');
  await shot(page, 'reports-2025');

  // A preset: the action plan 2025–2027, by keyboard.
  await page.focus('a[href="/staff/reports?from=2025-01-01&to=2027-12-31"]');
  await Promise.all([page.waitForURL(/to=2027-12-31/), page.keyboard.press('Enter')]);
  expect(await page.getAttribute('a[aria-current=page]', 'href') === '/staff/reports?from=2025-01-01&to=2027-12-31',
    'the chosen preset is not marked as current');
  await expectAccessible(page, 'the report for the action plan');

  // A bad period keeps the form and says what is wrong.
  await page.goto(baseUrl + '/staff/reports?from=2025-02-30');
  expect((await page.textContent('[role=alert]')).includes("Parametern 'from' ska vara ett datum"), 'no explanation of the bad date');
  await expectAccessible(page, 'the report page with a bad date');

  // The printable follow-up, one A4 page per year.
  await page.goto(baseUrl + '/staff/reports?from=2024-01-01&to=2026-12-31');
  await Promise.all([page.waitForURL(/\/staff\/reports\/print/), page.click('a[href^="/staff/reports/print"]')]);
  expect(await page.locator('section.print-year').count() === 3, 'not one section per year');
  await expectAccessible(page, 'the printable report on screen');
  await page.emulateMedia({ media: 'print' });
  expect(await page.isHidden('.site-header') && await page.isHidden('.staff-nav'),
    'the header and the staff navigation are printed');
  await expectAccessible(page, 'the printable report under print media');
  await shot(page, 'reports-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (shots) writeFileSync(`${shots}/reports-print.pdf`, pdf);
  expect(pages === 3, `the printout has ${pages} A4 pages, not one per year (3)`);
});
