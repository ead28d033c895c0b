import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRMED, linkOf, mailsTo, type Runtime, startRuntime } from '../support/runtime.ts';
import { agency, apiBody } from './fixtures/gia-lai-126.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  eventually,
  importDirectory,
  launchBrowser,
  localDate,
  localInstant,
  newContext,
  screenshot,
  serious,
  signIn,
  type Violation,
} from './support.ts';

/**
 * axe-core (WCAG 2.x A/AA and best practices) on every kind of page, in the state a person sees it: no violation
 * of impact "serious" or "critical" is allowed. Then the recipient page with the keyboard alone.
 */
describe('accessibility', () => {
  let rt: Runtime;
  let browser: Browser;
  let official: BrowserContext;
  let visitor: BrowserContext;
  let page: Page;
  let id: string;
  const found = new Map<string, Violation[]>();

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    id = (await rt.issue(apiBody({ issuedOn: localDate(now), deadline: localInstant(localDate(now, 3), '17:00') }))).id;
    await rt.settle();
    official = await newContext(browser, rt);
    visitor = await newContext(browser, rt);
    page = await official.newPage();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    // Everything axe found, of any impact, for the record.
    for (const [name, violations] of found) console.info(`axe ${name}:\n${describeViolations(violations)}`);
    await closeAll(official, visitor, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  /** Screenshot, axe, and the assertion: nothing serious or critical. */
  const check = async (on: Page, name: string) => {
    await on.waitForLoadState('load');
    await screenshot(on, `a11y-${name}`);
    const violations = await axeViolations(on);
    found.set(name, violations);
    const bad = serious(violations);
    expect(bad, `axe on ${name} (${on.url()}):\n${describeViolations(bad)}`).toEqual([]);
  };

  const recipientPath = async (recipientId: string) => {
    const [mail] = mailsTo(await rt.outbox(), agency(recipientId).email);
    if (!mail) throw new Error(`No invitation to ${recipientId}`);
    return linkOf(mail).path;
  };

  it('the sign-in page', async () => {
    const anonymous = await visitor.newPage();
    await anonymous.goto('/sign-in');
    await check(anonymous, 'sign-in');
    // A wrong password: the error is announced and tied to the field.
    await anonymous.getByLabel('Email').fill('canbo@chidao.local');
    await anonymous.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await anonymous.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => anonymous.getByRole('alert').isVisible()).toBe(true);
    await check(anonymous, 'sign-in-error');
    await anonymous.close();
  });

  it('the directive list', async () => {
    await signIn(page, rt);
    await importDirectory(page);
    await page.goto('/directives');
    await check(page, 'directives');
  });

  it('the directory', async () => {
    await page.goto('/directory');
    await check(page, 'directory');
  });

  it('the form, empty', async () => {
    await page.goto('/directives/new');
    await check(page, 'form-empty');
  });

  it('the form with errors, as the browser script or the server shows them', async () => {
    await page.goto('/directives/new');
    await page.locator('#subject').fill('V/v thử nghiệm');
    await page.getByRole('button', { name: 'Ban hành và gửi' }).click();
    await eventually(() => page.locator('#number-error').isVisible()).toBe(true);
    await check(page, 'form-errors');
  });

  it('the form with errors from the server (no script)', async () => {
    const noScript = await official.newPage();
    await noScript.route('**/assets/officials.js', (route) =>
      route.fulfill({ status: 200, contentType: 'application/javascript', body: '' }),
    );
    await noScript.goto('/directives/new');
    await noScript.locator('#leadership-0-email').fill('giamdoc.stttt.gialai.example');
    const answer = noScript.waitForResponse((r) => r.request().method() === 'POST');
    await noScript.getByRole('button', { name: 'Ban hành và gửi' }).click();
    expect((await answer).status()).toBe(400);
    await eventually(() => noScript.locator('#error-summary').isVisible()).toBe(true);
    expect(await noScript.locator('#number-error').textContent()).toBe('Số, ký hiệu: bắt buộc nhập');
    expect(await noScript.locator('#number').getAttribute('aria-invalid')).toBe('true');
    expect(await noScript.locator('#leadership-0-email-error').textContent()).toBe(
      'Email lãnh đạo: địa chỉ email không hợp lệ',
    );
    expect(await noScript.locator('#leadership-0-email').inputValue()).toBe('giamdoc.stttt.gialai.example');
    await check(noScript, 'form-server-errors');
    await noScript.close();
  });

  it('the dashboard', async () => {
    await page.goto(`/directives/${id}`);
    expect(await page.locator('tr[data-recipient]').count()).toBe(6);
    await check(page, 'dashboard');
  });

  it('the statistics page', async () => {
    await page.goto('/directives');
    await page.locator('header.topbar nav').getByRole('link', { name: 'Thống kê' }).click();
    await page.waitForURL((url) => url.pathname === '/statistics');
    await check(page, 'statistics');
  });

  it('the dashboard in English', async () => {
    await page.goto(`/directives/${id}?lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await check(page, 'dashboard-en');
    await page.goto(`/directives/${id}?lang=vi`);
  });

  it('the recipient page, before and after acknowledging', async () => {
    const recipientPage = await visitor.newPage();
    await recipientPage.goto(await recipientPath('dien-luc'));
    await check(recipientPage, 'recipient');
    await recipientPage.getByRole('link', { name: 'English' }).click();
    await recipientPage.waitForURL((url) => url.searchParams.get('lang') === 'en');
    expect(await recipientPage.locator('html').getAttribute('lang')).toBe('en');
    await check(recipientPage, 'recipient-en');
    await recipientPage.getByRole('link', { name: 'Tiếng Việt' }).click();
    await recipientPage.waitForURL((url) => url.searchParams.get('lang') === 'vi');
    await recipientPage.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await eventually(() => recipientPage.locator('section.message h2').first().textContent()).toBe(CONFIRMED);
    await check(recipientPage, 'recipient-acknowledged');
    await recipientPage.close();
  });

  it('the recipient page works with the keyboard: Tab reaches "Xác nhận đã nhận", Enter acknowledges', async () => {
    const keyboard = await visitor.newPage();
    await keyboard.goto(await recipientPath('cap-thoat-nuoc'));
    let reached = false;
    const path: string[] = [];
    for (let i = 0; i < 40 && !reached; i++) {
      await keyboard.keyboard.press('Tab');
      const focused = await keyboard.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return {
          tag: e?.tagName ?? '',
          text: e?.textContent?.trim() ?? '',
          outline: e ? getComputedStyle(e).outlineStyle : '',
        };
      });
      path.push(`${focused.tag}:${focused.text.slice(0, 30)}`);
      if (focused.tag === 'BUTTON' && focused.text === 'Xác nhận đã nhận') {
        reached = true;
        // The focus can be seen.
        expect(focused.outline).not.toBe('none');
      }
    }
    expect(reached, `Tab never reached the button; the focus went: ${path.join(' → ')}`).toBe(true);
    expect(path.length, `tabs before the button: ${path.join(' → ')}`).toBeLessThanOrEqual(3);
    await screenshot(keyboard, 'a11y-recipient-keyboard-focus');
    await keyboard.keyboard.press('Enter');
    await keyboard.waitForURL((url) => url.pathname.endsWith('/acknowledge'));
    await eventually(() => keyboard.locator('section.message h2').first().textContent()).toBe(CONFIRMED);
    await screenshot(keyboard, 'a11y-recipient-keyboard-acknowledged');
    const stored = await rt.assignment(id, 'cap-thoat-nuoc');
    expect(stored.acknowledgedAt).toBeTruthy();
    await keyboard.close();
  });
});
