import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkOf, mailsTo, type Runtime, startRuntime } from '../support/runtime.ts';
import { agency, apiBody } from './fixtures/gia-lai-126.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  launchBrowser,
  localDate,
  localInstant,
  newContext,
  PHONE,
  screenshot,
  serious,
  signIn,
} from './support.ts';

/**
 * Issue 16, "agencies see and correct what they sent": the provincial police reported on task 1.3 with a file;
 * its page lists the report (text, file, time), lets it correct the report before the deadline ("Sửa báo cáo"),
 * then shows the new version with the first one below it; the official's dashboard shows the latest version
 * marked "đã sửa". At desktop (1280) and phone (390×844) widths, with axe finding nothing serious or critical.
 */
describe('an agency sees and corrects its report in the browser', () => {
  let rt: Runtime;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let link: string;
  let id: string;
  const police = agency('cong-an-tinh');
  const FIRST = 'Công an tỉnh báo cáo: đã rà soát 12 điểm; đầu mối là Phòng Tham mưu, điện thoại 0269 3824 111.';
  const SECOND =
    'Công an tỉnh báo cáo (bản sửa): đã rà soát 14 điểm; đầu mối là Phòng Tham mưu, điện thoại 0269 3824 111.';
  const FIRST_FILE = { name: 'Số liệu rà soát.txt', mimeType: 'text/plain', buffer: Buffer.from('12 điểm\n', 'utf8') };
  const SECOND_FILE = { name: 'Số liệu rà soát (sửa).txt', mimeType: 'text/plain', buffer: Buffer.from('14 điểm\n') };

  const expectAxeClean = async (p: Page, what: string) => {
    const found = serious(await axeViolations(p));
    expect(found, `${what}: ${describeViolations(found)}`).toEqual([]);
  };
  const sentReport = (p: Page) => p.locator('[data-report="1.3"]');

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    id = (await rt.issue(apiBody({ issuedOn: localDate(now), deadline: localInstant(localDate(now, 3), '17:00') }))).id;
    await rt.settle();
    const [mail] = mailsTo(await rt.outbox(), police.email);
    if (!mail) throw new Error(`No invitation to ${police.email}`);
    link = linkOf(mail).path;
    desktop = await newContext(browser, rt);
    phone = await newContext(browser, rt, PHONE);
    page = await desktop.newPage();
    // The report itself, through the page's own form.
    await page.goto(link);
    const form = page.locator('form[action$="/report"]', { has: page.locator('input[name=taskCode][value="1.3"]') });
    await form.getByLabel('Báo cáo nhiệm vụ 1.3').fill(FIRST);
    await form.locator('input[type=file][name=file]').setInputFiles(FIRST_FILE);
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.waitForLoadState('load');
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(desktop, phone, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  it('lists the report sent, with its text, its time and its file, downloadable through the link', async () => {
    await page.goto(link);
    const sent = sentReport(page);
    expect(await sent.locator('h3').textContent()).toMatch(/^Báo cáo đã gửi: Gửi lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(await sent.textContent()).toContain(FIRST);
    const file = sent.getByRole('link', { name: FIRST_FILE.name });
    const download = await page.request.get((await file.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(FIRST_FILE.buffer)).toBe(true);
    expect(await sent.locator('summary', { hasText: 'Sửa báo cáo' }).isVisible()).toBe(true);
    await screenshot(page, 'issue16-recipient-reports-desktop');
    await expectAxeClean(page, 'the recipient page with a report sent');
  });

  it('corrects the report with a new file: the new version first, the first one kept below', async () => {
    const sent = sentReport(page);
    await sent.locator('summary', { hasText: 'Sửa báo cáo' }).click();
    const form = sent.locator('form[action$="/correct"]');
    const text = form.getByLabel('Nội dung báo cáo nhiệm vụ 1.3 (đã sửa)');
    // The form starts from the text in force.
    expect(await text.inputValue()).toBe(FIRST);
    await text.fill(SECOND);
    await form.getByLabel('Tệp mới (không bắt buộc)').setInputFiles(SECOND_FILE);
    await screenshot(page, 'issue16-recipient-correct-desktop');
    await expectAxeClean(page, 'the correction form');

    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/correct'));
    await form.getByRole('button', { name: 'Gửi bản sửa' }).click();
    expect((await answer).status()).toBe(200);
    await page.waitForLoadState('load');
    expect(await page.locator('section.message h2').first().textContent()).toBe('Đã sửa báo cáo nhiệm vụ 1.3');
    const after = sentReport(page);
    expect(await after.locator('h3').textContent()).toMatch(/đã sửa \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(await after.locator('.report-text').first().textContent()).toBe(SECOND);
    await after.locator('summary', { hasText: 'Các bản trước (1)' }).click();
    expect(await after.locator('details ol').textContent()).toContain(FIRST);
    expect(await after.getByRole('link', { name: FIRST_FILE.name }).isVisible()).toBe(true);
    expect(await after.getByRole('link', { name: SECOND_FILE.name }).isVisible()).toBe(true);
    await screenshot(page, 'issue16-recipient-corrected-desktop');
    await expectAxeClean(page, 'the page after a correction');
  });

  it('fits a phone: the reports and the correction form without sideways scrolling', async () => {
    const small = await phone.newPage();
    await small.goto(link);
    await sentReport(small).locator('summary', { hasText: 'Sửa báo cáo' }).click();
    await sentReport(small).locator('summary', { hasText: 'Các bản trước (1)' }).click();
    const sizes = await small.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    await screenshot(small, 'issue16-recipient-reports-phone');
    expect(sizes.innerWidth).toBe(390);
    expect(sizes.scrollWidth, 'the page scrolls sideways on a phone').toBeLessThanOrEqual(sizes.innerWidth);
    for (const field of await sentReport(small).locator('textarea, input[type=file], button').all()) {
      const b = await field.boundingBox();
      if (b) expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
    await expectAxeClean(small, 'the recipient page on a phone');
  });

  it('the official’s dashboard shows the latest version, marked “đã sửa”', async () => {
    const official = await newContext(browser, rt);
    try {
      const dashboard = await official.newPage();
      await signIn(dashboard, rt, `/directives/${id}`);
      const cell = dashboard.locator(`tr[data-recipient="${police.id}"] td`).nth(2);
      expect(await cell.textContent()).toContain(SECOND);
      expect(await cell.textContent()).not.toContain(FIRST);
      expect(await cell.locator('[data-corrected]').textContent()).toMatch(/^đã sửa \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
      await screenshot(dashboard, 'issue16-dashboard-corrected-desktop');
      await expectAxeClean(dashboard, 'the dashboard with a corrected report');
    } finally {
      await official.close();
    }
  });
});
