import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../support/runtime.ts';
import { agency, apiBody } from './fixtures/gia-lai-126.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  eventually,
  launchBrowser,
  localDate,
  localInstant,
  newContext,
  PHONE,
  screenshot,
  serious,
} from './support.ts';

/**
 * An agency's inbox on a phone (390×844): the police ask for their link at /inbox, open it from the local
 * outbox, see both directives addressed to them, and follow one to its own page.
 */
describe('an agency’s inbox on a phone', () => {
  let rt: Runtime;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  const police = agency('cong-an-tinh');
  const NUMBERS = ['126/STTTT-BCVT', '131/STTTT-BCVT'];

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    for (const [i, number] of NUMBERS.entries())
      await rt.issue(
        apiBody({ issuedOn: localDate(now), deadline: localInstant(localDate(now, 3 + i), '17:00'), number }),
      );
    await rt.settle();
    phone = await newContext(browser, rt, PHONE);
    page = await phone.newPage();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(phone, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  const fits = async () => {
    const sizes = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
  };

  it('asks for the link and reads the one answer every address gets', async () => {
    await page.goto('/inbox');
    await fits();
    expect(serious(await axeViolations(page)), describeViolations(await axeViolations(page))).toEqual([]);
    await page.getByLabel('Địa chỉ email của đơn vị').fill(police.email);
    await screenshot(page, 'inbox-01-form-phone');
    await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
    await eventually(() => page.locator('section.message h1').textContent()).toBe('Đã nhận yêu cầu');
    expect(await page.locator('section.message').textContent()).toContain(
      'Nếu địa chỉ này có công văn cần xử lý, một đường dẫn đã được gửi tới hộp thư.',
    );
    await screenshot(page, 'inbox-02-sent-phone');
  });

  it('opens the link from the outbox and sees both directives, nearest deadline first', async () => {
    // The local outbox is a developer's page, laid out for a desk (with a dozen mails its rows overlap on a
    // phone): the mail is read there, and its link opened on the phone.
    const desk = await newContext(browser, rt);
    try {
      const outbox = await desk.newPage();
      await outbox.goto('/_local/outbox/view');
      const row = outbox.locator('tbody tr', { hasText: 'Đường dẫn tới danh sách công văn' });
      await eventually(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain(police.email);
      await outbox.goto((await row.getByRole('link').getAttribute('href')) ?? '');
      const link = outbox
        .frameLocator('iframe[title="Nội dung thư"]')
        .getByRole('link', { name: 'Xem danh sách công văn' });
      const href = (await link.getAttribute('href')) ?? '';
      expect(new URL(href).pathname).toMatch(/^\/inbox\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      await page.goto(href);
    } finally {
      await desk.close();
    }
    await page.waitForURL((url) => url.pathname.startsWith('/inbox/'));
    await fits();
    const items = page.locator('ul.inbox-open > li');
    expect(await items.count()).toBe(2);
    expect((await items.locator('h3').allTextContents()).map((t) => t.split(' — ')[0]?.trim())).toEqual(NUMBERS);
    expect(await page.locator('h1').textContent()).toContain(police.email);
    expect(serious(await axeViolations(page)), describeViolations(await axeViolations(page))).toEqual([]);
    await screenshot(page, 'inbox-03-list-phone');
  });

  it('follows one directive to its own page', async () => {
    await page.locator('ul.inbox-open > li').first().getByRole('link', { name: 'Mở trang công văn' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/r/'));
    expect(await page.title()).toContain(NUMBERS[0]);
    expect(await page.getByRole('button', { name: 'Xác nhận đã nhận' }).isVisible()).toBe(true);
    await fits();
    await screenshot(page, 'inbox-04-recipient-page-phone');
  });
});
