import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hanoi, linkOf, mailsTo, type Runtime, startRuntime } from '../support/runtime.ts';
import { agency, apiBody } from './fixtures/gia-lai-126.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  eventually,
  launchBrowser,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
  serious,
  signIn,
} from './support.ts';

/**
 * Issue 16, printing and dates: the status sheet for a meeting ("Bản in tình hình thực hiện") at desktop and phone
 * widths and on paper; the dashboard and the recipient's page printed without navigation or forms; and the date
 * fields, which read dd/mm/yyyy in an English browser too: an agency asks for an extension to 05/12/2026 typed as
 * such, the official grants it from the field that shows the same day, and the deadline moves to that day.
 */

const PDFS = join(SCREENSHOTS, '..');

describe('issue 16: printing and dd/mm/yyyy dates', () => {
  let rt: Runtime;
  let browser: Browser;
  let official: BrowserContext;
  let english: BrowserContext;
  let page: Page;
  let id: string;

  beforeAll(async () => {
    // Monday 30/11/2026: the report on 1.3 and 2.2 is due on Wednesday 02/12 at 17:00.
    [rt, browser] = await Promise.all([startRuntime({ startAt: '2026-11-30T09:00:00+07:00' }), launchBrowser()]);
    id = (await rt.issue(apiBody({ issuedOn: '2026-11-30', deadline: hanoi('2026-12-02T17:00') }))).id;
    await rt.settle();
    official = await newContext(browser, rt);
    english = await newContext(browser, rt, { locale: 'en-US' });
    page = await official.newPage();
    await signIn(page, rt);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(official, english, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  const expectAxeClean = async (on: Page, name: string) => {
    const bad = serious(await axeViolations(on));
    expect(bad, `axe on ${name} (${on.url()}):\n${describeViolations(bad)}`).toEqual([]);
  };

  const recipientPath = async (recipientId: string) => {
    const [mail] = mailsTo(await rt.outbox(), agency(recipientId).email);
    if (!mail) throw new Error(`No invitation to ${recipientId}`);
    return linkOf(mail).path;
  };

  const display = (on: Page, selector: string) =>
    on
      .locator(selector)
      .first()
      .evaluate((e) => getComputedStyle(e).display);

  it('an agency in an English browser asks for an extension to 05/12/2026, typed dd/mm/yyyy', async () => {
    const agencyPage = await english.newPage();
    await agencyPage.goto(`${await recipientPath('cong-an-tinh')}?lang=en`);
    await agencyPage
      .getByRole('button', { name: /acknowledge/i })
      .first()
      .click();
    await agencyPage.waitForLoadState('load');
    const until = agencyPage.locator('#ext-until');
    expect(await until.getAttribute('type')).toBe('text');
    expect(await until.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    expect(await until.getAttribute('inputmode')).toBe('numeric');
    expect(await agencyPage.locator('#ext-until-format').textContent()).toBe('Day/month/year, e.g. 05/12/2026');
    await agencyPage.locator('#ext-task').selectOption('1.3');
    await until.fill('05/12/2026');
    await agencyPage.locator('#ext-reason').fill('Waiting for the Ministry of Public Security');
    await agencyPage.getByRole('button', { name: 'Ask for the extension' }).click();
    await agencyPage.waitForLoadState('load');
    const asked = await rt.assignment(id, 'cong-an-tinh');
    const request = asked.extensionRequests.find((r) => r.taskCode === '1.3');
    expect(request && Date.parse(request.until)).toBe(Date.parse(hanoi('2026-12-05T17:00')));
    await agencyPage.close();
  });

  it('the official, also in English, sees 05/12/2026 in the grant field and grants it', async () => {
    // A context of its own: the agency's chose English by cookie, and signIn speaks to the Vietnamese sign-in page.
    const officialEnglish = await newContext(browser, rt, { locale: 'en-US' });
    const officialEn = await officialEnglish.newPage();
    await signIn(officialEn, rt, `/directives/${id}`);
    await officialEn.goto(`/directives/${id}?lang=en`);
    // The row's actions are behind its one menu.
    await officialEn.locator('#row-cong-an-tinh details.row-menu > summary').click();
    const until = officialEn.locator('#until-cong-an-tinh');
    expect(await until.getAttribute('type')).toBe('text');
    expect(await until.inputValue()).toBe('05/12/2026');
    await until.scrollIntoViewIfNeeded();
    await screenshot(officialEn, 'issue16-date-input-en-desktop');
    await expectAxeClean(officialEn, 'dashboard with the date input in English');
    await until.fill('05/12/2026');
    await until.locator('xpath=ancestor::form').getByRole('button', { name: 'Extend', exact: true }).click();
    await officialEn.waitForURL((url) => url.searchParams.get('done') === 'grant');
    const granted = await rt.assignment(id, 'cong-an-tinh');
    const slot = granted.reports.find((r) => r.taskCode === '1.3');
    expect(slot?.deadline && Date.parse(slot.deadline)).toBe(Date.parse(hanoi('2026-12-05T17:00')));
    await officialEnglish.close();
  });

  it('a day that does not exist is refused, naming the field', async () => {
    await page.goto(`/directives/${id}`);
    await page.locator('#row-bchqs-tinh details.row-menu > summary').click();
    const field = page.locator('#until-bchqs-tinh');
    await field.fill('31/02/2027');
    // The browser's own check lets a well-formed text through; the server refuses the day that does not exist.
    await field.locator('xpath=ancestor::form').getByRole('button', { name: 'Gia hạn', exact: true }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain(
      'Đến ngày: “31/02/2027” không phải là ngày có thật; cần ngày dạng ngày/tháng/năm, ví dụ 05/12/2026',
    );
  });

  it('the status sheet at desktop width: overdue first, no navigation, axe clean, printed on A4', async () => {
    // Thursday morning: the agencies that have not reported on 1.3 or 2.2 are overdue; the police are not (extended).
    await rt.advanceTo(hanoi('2026-12-03T09:00'));
    await page.goto(`/directives/${id}`);
    await page.getByRole('link', { name: 'Bản in' }).click();
    await page.waitForURL((url) => url.pathname === `/directives/${id}/print`);
    expect(await page.locator('h1').textContent()).toBe('BẢN IN TÌNH HÌNH THỰC HIỆN');
    expect(await page.locator('.sheet-asof').textContent()).toBe('Tính đến 09:00 ngày 03/12/2026');
    expect(await page.locator('.sheet-directive').first().textContent()).toContain('ngày 30/11/2026');
    expect(await page.locator('nav').count()).toBe(0);
    await eventually(() => page.getByRole('button', { name: 'In' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Quay lại' }).getAttribute('href')).toBe(`/directives/${id}`);
    const rows = page.locator('table.sheet-table tbody tr');
    expect(await rows.count()).toBe(6);
    const first = await rows.first().locator('td').allTextContents();
    expect(first[0]).toBe('1');
    expect(first[4]).toBe('Đang thực hiện, quá hạn');
    // Not acknowledged since Monday's end of working day: three days started.
    expect(first[5]).toMatch(/^Quá hạn \d+ ngày/);
    const police = await page
      .locator('tr', { hasText: agency('cong-an-tinh').name })
      .locator('td')
      .allTextContents();
    expect(police[4]).toBe('Đang thực hiện, trong hạn');
    await screenshot(page, 'issue16-print-view-desktop');
    await expectAxeClean(page, 'status sheet');

    await page.emulateMedia({ media: 'print' });
    expect(await display(page, '.sheet-tools')).toBe('none');
    expect(await display(page, 'table.sheet-table')).toBe('table');
    mkdirSync(PDFS, { recursive: true });
    const pdf = join(PDFS, 'print-status-sheet.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: false });
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the status sheet at phone width fits the screen', async () => {
    const phone = await official.newPage();
    await phone.setViewportSize(PHONE.viewport);
    await phone.goto(`/directives/${id}/print`);
    expect(await phone.locator('table.sheet-table tbody tr').count()).toBe(6);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.viewport.width);
    await screenshot(phone, 'issue16-print-view-phone');
    await expectAxeClean(phone, 'status sheet at phone width');
    await phone.close();
  });

  it('the dashboard printed: no navigation, forms, buttons, menus or language switch; the table and the letter stay', async () => {
    await page.goto(`/directives/${id}`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['header.topbar', 'nav', 'form', 'button', '.actions', '.no-print', 'a[hreflang]', '.skip'])
      expect(await display(page, hidden), hidden).toBe('none');
    expect(await display(page, 'table.grid')).toBe('table');
    expect(await display(page, 'article.paper')).not.toBe('none');
    // The actions column goes with its cells, header included, so that the columns stay aligned.
    expect(await display(page, 'table.grid thead tr > :last-child')).toBe('none');
    expect(await page.locator('h1').first().textContent()).toContain('126/STTTT-BCVT');
    await screenshot(page, 'issue16-print-dashboard-as-printed');
    const pdf = join(PDFS, 'print-dashboard.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
    await page.emulateMedia({ media: 'screen' });
    expect(await display(page, 'header.topbar')).toBe('flex');
  });

  it("the recipient's page printed: a header with the number and subject, no forms or language switch", async () => {
    const agencyPage = await official.newPage();
    await agencyPage.goto(await recipientPath('dien-luc'));
    expect(await display(agencyPage, '.print-header')).toBe('none');
    await agencyPage.emulateMedia({ media: 'print' });
    expect(await display(agencyPage, '.print-header')).toBe('block');
    const header = await agencyPage.locator('.print-header').textContent();
    expect(header).toContain('Công văn số 126/STTTT-BCVT ngày 30/11/2026');
    for (const hidden of ['form', 'button', 'a[hreflang]'])
      expect(await display(agencyPage, hidden), hidden).toBe('none');
    await screenshot(agencyPage, 'issue16-print-recipient-as-printed');
    const pdf = join(PDFS, 'print-recipient.pdf');
    await agencyPage.pdf({ path: pdf, preferCSSPageSize: true });
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
    await agencyPage.close();
  });

  it("the agency's date field at phone width in English fits and reads dd/mm/yyyy", async () => {
    const phone = await english.newPage();
    await phone.setViewportSize(PHONE.viewport);
    await phone.goto(`${await recipientPath('dien-luc')}?lang=en`);
    await phone
      .getByRole('button', { name: /acknowledge/i })
      .first()
      .click();
    await phone.waitForLoadState('load');
    expect(await phone.locator('main').textContent()).toContain('Receipt acknowledged');
    const field = phone.locator('#ext-until');
    await field.scrollIntoViewIfNeeded();
    const box = await field.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(await field.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await screenshot(phone, 'issue16-date-input-en-phone');
    await expectAxeClean(phone, 'recipient page in English at phone width');
    await phone.close();
  });
});
