import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  giaLaiDirective,
  hanoi,
  linkOf,
  type Recipient,
  type Runtime,
  recipients,
  startRuntime,
} from '../support/runtime.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  launchBrowser,
  newContext,
  screenshot,
  serious,
  signIn,
} from './support.ts';

/**
 * A district forwards its task from its own page in the browser: it ticks the task, picks the units' date, lists
 * two communes, sends, follows them on its units' dashboard; the official's dashboard shows the roll-up on the
 * district's row. Then the units' dashboard on a phone.
 */
describe('forwarding from the recipient page in the browser', () => {
  let rt: Runtime;
  let browser: Browser;
  let agency: BrowserContext;
  let official: BrowserContext;
  let page: Page;
  let id = '';
  let link = '';
  const [district] = recipients('ubnd-chu-se') as [Recipient];

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    id = (await rt.issue(giaLaiDirective({ now, recipients: [district], deadline: hanoi('2026-03-13T17:00') }))).id;
    await rt.settle();
    const [invitation] = await rt.mailsTo(district.email);
    if (!invitation) throw new Error(`no invitation to ${district.email}`);
    link = linkOf(invitation).path;
    agency = await newContext(browser, rt);
    official = await newContext(browser, rt);
    page = await agency.newPage();
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(agency, official, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  it('forwards from the page and follows the units on their dashboard', async () => {
    await page.goto(link);
    const panel = page.locator('section', {
      has: page.getByRole('heading', { name: 'Chuyển tiếp cho đơn vị trực thuộc' }),
    });
    expect(await panel.count()).toBe(1);
    await panel.getByRole('checkbox').first().check();
    await page.getByLabel('Hạn báo cáo của các đơn vị').fill('2026-03-10');
    await page
      .getByLabel('Các đơn vị nhận')
      .fill('UBND xã Ia Blang <xaiablang@chuse.example>\nUBND xã Ia Pal <xaiapal@chuse.example>');
    await screenshot(page, 'forwarding-01-form');
    const onForm = serious(await axeViolations(page));
    expect(onForm, describeViolations(onForm)).toEqual([]);
    await page.getByRole('button', { name: 'Chuyển tiếp' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/forward'));
    expect(await page.locator('.message h2, .message h1').first().textContent()).toContain('Đã chuyển tiếp');
    await screenshot(page, 'forwarding-02-done');

    await page.getByRole('link', { name: 'Theo dõi đơn vị trực thuộc' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/forwarded'));
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await page.locator('h1').textContent()).toContain(district.name);
    expect(await rows.first().textContent()).toContain('UBND xã Ia Blang');
    await screenshot(page, 'forwarding-03-units');
    const onUnits = serious(await axeViolations(page));
    expect(onUnits, describeViolations(onUnits)).toEqual([]);
  });

  it('shows the roll-up on the district’s row of the official’s dashboard', async () => {
    await rt.settle();
    const dashboard = await official.newPage();
    await signIn(dashboard, rt, `/directives/${id}`);
    const row = dashboard.locator(`tr[data-recipient="${district.id}"]`);
    expect(await row.locator('[data-forwarded]').textContent()).toContain(
      '2 đơn vị: 0 đã nhận, 0 hoàn thành, 0 quá hạn',
    );
  });

  it('the units’ dashboard reads on a phone', async () => {
    const phone = await newContext(browser, rt, { viewport: { width: 375, height: 740 } });
    const p = await phone.newPage();
    await p.goto(`${link}/forwarded`);
    expect(await p.locator('tbody tr').count()).toBe(2);
    await screenshot(p, 'forwarding-04-phone');
    await phone.close();
  });
});
