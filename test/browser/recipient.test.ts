import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRMED, linkOf, mailsTo, type Runtime, startRuntime } from '../support/runtime.ts';
import { agency, apiBody, DIRECTIVE, PDF, PDF_NAME } from './fixtures/gia-lai-126.ts';
import {
  BROWSER_TIMEOUT,
  closeAll,
  eventually,
  launchBrowser,
  localDate,
  localInstant,
  navigationsOf,
  newContext,
  PHONE,
  screenshot,
  signIn,
} from './support.ts';

/**
 * A recipient agency (the provincial police) opens the link of its invitation from the local outbox, acknowledges
 * and reports on task 1.3 with a file, while the official's dashboard, open in another window, follows along
 * without being reloaded. Then the same page on a phone.
 */
describe('a recipient in the browser, watched from the dashboard', () => {
  let rt: Runtime;
  let browser: Browser;
  let official: BrowserContext;
  let recipient: BrowserContext;
  let dashboard: Page;
  let page: Page;
  let id: string;
  let countNavigations: () => number;
  const police = agency('cong-an-tinh');
  const SUMMARY =
    'Công an tỉnh báo cáo: đầu mối liên hệ là Phòng Tham mưu, đồng chí Trần Văn Minh, điện thoại 0269 3824 111.';

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    const deadline = localInstant(localDate(now, 3), '17:00');
    id = (await rt.issue(apiBody({ issuedOn: localDate(now), deadline }))).id;
    await rt.settle();
    official = await newContext(browser, rt);
    recipient = await newContext(browser, rt);
    dashboard = await official.newPage();
    await signIn(dashboard, rt, `/directives/${id}`);
    page = await recipient.newPage();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(official, recipient, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  /** The police's row of the dashboard's matrix: delivered, acknowledged, report 1.3, report 2.2, … */
  const row = () => dashboard.locator(`tr[data-recipient="${police.id}"]`);
  const ackCell = () => row().locator('td').nth(1);
  const reportCell = () => row().locator('td').nth(2);
  const marker = () => dashboard.evaluate(() => (window as unknown as { __marker?: string }).__marker);

  it('opens the invitation in the local outbox and follows its link to the agency’s page', async () => {
    // The dashboard is open before anything happens, and is never reloaded from here on.
    await dashboard.waitForLoadState('load');
    expect(await row().count()).toBe(1);
    expect(await ackCell().textContent()).toBe('Chưa');
    await dashboard.evaluate(() => {
      (window as unknown as { __marker?: string }).__marker = 'not reloaded';
    });
    countNavigations = navigationsOf(dashboard);
    await screenshot(dashboard, 'recipient-01-dashboard-before');

    await page.goto('/_local/outbox/view');
    const mailRow = page.locator('tbody tr', { hasText: police.email });
    expect(await mailRow.count()).toBe(1);
    await screenshot(page, 'recipient-02-outbox');
    await mailRow.getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/_local/outbox/view/'));
    expect(await page.locator('h1').textContent()).toBe(`[${DIRECTIVE.number}] ${DIRECTIVE.subject}`);
    await screenshot(page, 'recipient-03-invitation');

    const mail = page.frameLocator('iframe[title="Nội dung thư"]');
    const link = mail.getByRole('link', { name: 'Mở công văn, xác nhận đã nhận và gửi báo cáo' });
    const href = (await link.getAttribute('href')) ?? '';
    const [expected] = mailsTo(await rt.outbox(), police.email);
    if (!expected) throw new Error(`No invitation to ${police.email}`);
    expect(href).toBe(linkOf(expected).url);
    await link.click();
    await page.waitForURL((url) => url.pathname.startsWith('/r/'));
    expect(page.url()).toBe(href);

    const title = (await page.title()) ?? '';
    expect(title).toContain(DIRECTIVE.number);
    expect(title).toContain(police.name);
    expect(await page.locator('main > p.hint').first().textContent()).toContain(police.name);
    expect(await page.getByRole('button', { name: 'Xác nhận đã nhận' }).isVisible()).toBe(true);
    expect(await page.locator('#tasks-title').textContent()).toBe('Nhiệm vụ của đơn vị');
    const tasks = await page.locator('ul.tasks > li strong').allTextContents();
    expect(tasks).toEqual(['1.1.', '1.2.', '1.3.']);
    expect(await page.locator('article.paper').textContent()).toContain(`Số: ${DIRECTIVE.number}`);
    await screenshot(page, 'recipient-04-page');
  });

  it('acknowledges receipt, and the open dashboard shows ✓ without a reload', async () => {
    const before = dashboard.url();
    await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await eventually(() => page.locator('section.message h2').first().textContent()).toBe(CONFIRMED);
    expect(await page.getByRole('button', { name: 'Xác nhận đã nhận' }).count()).toBe(0);
    await screenshot(page, 'recipient-05-acknowledged');
    // Said once, as an official writes it: "Đã báo nhận công văn", never the doubled "xác nhận nhận".
    expect(await page.getByText('Đã báo nhận công văn').first().isVisible()).toBe(true);
    expect((await page.content()).toLowerCase()).not.toContain('xác nhận nhận');

    expect((await rt.assignment(id, police.id)).acknowledgedAt).toBeTruthy();

    // The dashboard refreshes itself every 4 s; it is given five rounds. Its picture is taken either way.
    try {
      await expect
        .poll(async () => (await ackCell().textContent())?.trim() ?? '', {
          timeout: 20_000,
          message: 'the dashboard never showed the acknowledgement by itself',
        })
        .toMatch(/^✓ \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    } finally {
      await screenshot(dashboard, 'recipient-06-dashboard-acknowledged');
    }
    expect(await row().locator('th').textContent()).toContain('Đã xác nhận');
    expect(await dashboard.locator('ol.timeline').textContent()).toContain(`${police.name}: Xác nhận đã nhận`);
    expect(dashboard.url()).toBe(before);
    expect(await marker()).toBe('not reloaded');
    expect(countNavigations()).toBe(0);
  });

  it('reports on task 1.3 with a PDF attached, and the open dashboard shows the report without a reload', async () => {
    const before = dashboard.url();
    const form = page.locator('form[action$="/report"]', { has: page.locator('input[name=taskCode][value="1.3"]') });
    expect(await form.getAttribute('enctype')).toBe('multipart/form-data');
    await form.getByLabel('Báo cáo nhiệm vụ 1.3').fill(SUMMARY);
    await form.locator('input[type=file][name=file]').setInputFiles({
      name: PDF_NAME,
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await screenshot(page, 'recipient-07-report-filled');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/report'));
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const response = await answer;
    await page.waitForLoadState('load');
    await screenshot(page, 'recipient-08-reported');
    const notice = page.locator('section.message').first();
    expect(response.status(), (await notice.textContent()) ?? '').toBe(200);
    expect(await notice.locator('h2').textContent()).toBe('Đã gửi báo cáo nhiệm vụ 1.3');
    expect(await notice.textContent()).toContain(`Tệp đính kèm: ${PDF_NAME}.`);
    expect(await page.locator('ul.tasks').textContent()).toContain(`Tệp đính kèm: ${PDF_NAME}`);

    const stored = await rt.assignment(id, police.id);
    expect(stored.reports.find((r) => r.taskCode === '1.3')?.submittedAt).toBeTruthy();

    try {
      await expect
        .poll(async () => (await reportCell().textContent()) ?? '', {
          timeout: 20_000,
          message: 'the dashboard never showed the report by itself',
        })
        .toContain(SUMMARY);
    } finally {
      await screenshot(dashboard, 'recipient-09-dashboard-reported');
    }
    expect(await reportCell().textContent()).toMatch(/^✓ \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(await reportCell().getAttribute('class')).toBe('ok');
    expect(await reportCell().getByRole('link').textContent()).toBe(`Tệp đính kèm: ${PDF_NAME}`);
    expect(dashboard.url()).toBe(before);
    expect(await marker()).toBe('not reloaded');
    expect(countNavigations()).toBe(0);
  });

  it('lets the official download the attached file from the dashboard', async () => {
    await dashboard.reload();
    const link = reportCell().getByRole('link', { name: `Tệp đính kèm: ${PDF_NAME}` });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(`/directives/${id}/files/${police.id}/1.3`);
    const file = await official.request.get(href);
    expect(file.status(), await file.text()).toBe(200);
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
    expect(file.headers()['content-disposition'] ?? '').toContain(encodeURIComponent(PDF_NAME));
    // Never to anyone else.
    expect((await recipient.request.get(href, { maxRedirects: 0 })).status()).not.toBe(200);
  });

  it('fits a phone: no horizontal scroll, and the acknowledge button is visible', async () => {
    const army = agency('bchqs-tinh');
    const [mail] = mailsTo(await rt.outbox(), army.email);
    if (!mail) throw new Error(`No invitation to ${army.email}`);
    const phone = await newContext(browser, rt, PHONE);
    try {
      const small = await phone.newPage();
      await small.goto(linkOf(mail).path);
      const sizes = await small.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      await screenshot(small, 'recipient-10-phone');
      expect(sizes.innerWidth).toBe(390);
      expect(sizes.scrollWidth, 'the page scrolls sideways on a phone').toBeLessThanOrEqual(sizes.innerWidth);
      const button = small.getByRole('button', { name: 'Xác nhận đã nhận' });
      expect(await button.isVisible()).toBe(true);
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      if (box) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        // Big enough for a thumb (WCAG 2.5.8: at least 24×24 CSS pixels).
        expect(box.height).toBeGreaterThanOrEqual(24);
      }
      // Every report form field fits, too.
      for (const field of await small.locator('textarea, input[type=file], input.date-input, select').all()) {
        const b = await field.boundingBox();
        if (b) expect(b.x + b.width, (await field.getAttribute('id')) ?? '').toBeLessThanOrEqual(390);
      }
    } finally {
      await phone.close();
    }
  });
});
