import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GIA_LAI_RECIPIENTS,
  giaLaiDirective,
  hanoi,
  linkOf,
  mailsTo,
  type Runtime,
  startRuntime,
} from '../support/runtime.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  eventually,
  importDirectory,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  serious,
  signIn,
} from './support.ts';

/**
 * The dashboard and the list at work, in Chromium at desktop and phone widths: a directive to the ten Gia Lai
 * agencies, Pleiku asking for more time, the seven that never acknowledged overdue the next morning. The official
 * finds agencies without accents, filters, narrows to a group of the directory, works a row through its menu and
 * lands back on it with a sentence that says what was done. Screenshots go to test/artifacts/screenshots.
 */
const rowIds = (page: Page) => page.locator('table.grid tbody tr').evaluateAll((rows) => rows.map((r) => r.id));

describe('the dashboard at work, desktop and phone', () => {
  let rt: Runtime;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let id: string;
  /** Every answer of 400 or more the desktop browser got: a page's assets included (the tab icon was a 404). */
  const failed: string[] = [];

  const clean = async (on: Page, name: string) => {
    await on.waitForLoadState('load');
    await screenshot(on, name);
    const bad = serious(await axeViolations(on));
    expect(bad, `axe on ${name}:\n${describeViolations(bad)}`).toEqual([]);
  };

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    id = (await rt.issue(giaLaiDirective({ now, recipients: GIA_LAI_RECIPIENTS, deadline: hanoi('2026-03-13T17:00') })))
      .id;
    await rt.settle();
    const outbox = await rt.outbox();
    for (const r of ['cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku']) {
      const email = GIA_LAI_RECIPIENTS.find((x) => x.id === r)?.email ?? '';
      const [invitation] = mailsTo(outbox, email);
      if (!invitation) throw new Error(`no invitation to ${email}`);
      const path = linkOf(invitation).path;
      await rt.form(`${path}/acknowledge`);
      if (r === 'ubnd-pleiku')
        await rt.form(`${path}/extension`, {
          taskCode: '1.3',
          until: '2026-03-20',
          reason: 'Đơn vị đang tổng hợp số liệu từ các phường, xã.',
        });
    }
    await rt.settle();
    await rt.advanceTo(hanoi('2026-03-05T09:00'));
    desktop = await newContext(browser, rt);
    phone = await newContext(browser, rt, PHONE);
    desktop.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page = await desktop.newPage();
    await signIn(page, rt);
    await importDirectory(page);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(desktop, phone, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  it('shows compact rows, what needs attention first, and the waiting request at the top', async () => {
    await page.goto(`/directives/${id}`);
    await expect.poll(() => page.getByText('Có 1 đơn vị đang xin gia hạn, chờ quyết định.').isVisible()).toBe(true);
    expect(await rowIds(page)).toHaveLength(10);
    // Every action of a row is behind its one menu: no form field shows until it is opened.
    expect(await page.locator('table.grid tbody input:visible, table.grid tbody select:visible').count()).toBe(0);
    const heights = await page
      .locator('table.grid tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(200);
    // The tab icon is in the page itself: no request for /favicon.ico, no 404 on any page.
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toMatch(/^data:image\/svg\+xml/);
    expect(failed).toEqual([]);
    await expect.poll(() => page.getByRole('link', { name: 'Bản in', exact: true }).isVisible()).toBe(true);
    await clean(page, 'issue16-dashboard-desktop');
  });

  it('finds, filters and narrows to a group on the server, the view in its address', async () => {
    await page.getByLabel('Tìm đơn vị').fill('cong an');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'cong an');
    expect(await rowIds(page)).toEqual(['row-cong-an-tinh']);

    await page.goto(`/directives/${id}`);
    await page.getByLabel('Hiển thị').selectOption('overdue');
    await page.getByLabel('Sắp xếp').selectOption('name');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('show') === 'overdue');
    const overdue = await rowIds(page);
    expect(overdue).toHaveLength(7);
    expect(overdue).not.toContain('row-cong-an-tinh');
    await expect.poll(() => page.getByText('Đơn vị 1–7 trong 7').isVisible()).toBe(true);

    await page.goto(`/directives/${id}`);
    await page.getByLabel('Nhóm đơn vị').selectOption('Lực lượng vũ trang');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.has('group'));
    expect((await rowIds(page)).sort()).toEqual(['row-bchqs-tinh', 'row-cong-an-tinh']);
    await clean(page, 'issue16-dashboard-filtered-desktop');
  });

  it('grants from the pending filter and lands back with a sentence that says what was done', async () => {
    await page.getByRole('link', { name: 'Bỏ lọc' }).click();
    await page.getByRole('link', { name: 'Xem và xử lý các đề nghị' }).click();
    await page.waitForURL((u) => u.searchParams.get('show') === 'pending');
    expect(await rowIds(page)).toEqual(['row-ubnd-pleiku']);
    const row = page.locator('#row-ubnd-pleiku');
    await row.getByText('Thao tác').click();
    await row.getByLabel('Đến ngày').fill('2026-03-20');
    await row.getByRole('button', { name: 'Gia hạn', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('done') === 'grant');
    expect(new URL(page.url()).searchParams.get('show')).toBe('pending');
    await expect
      .poll(() =>
        page.getByText('Đã gia hạn nhiệm vụ 1.3 cho Ủy ban nhân dân thành phố Pleiku đến 20/03/2026.').isVisible(),
      )
      .toBe(true);
    await screenshot(page, 'issue16-dashboard-granted-desktop');
  });

  it('asks before retiring a link, then says so on the row it came back to', async () => {
    await page.goto(`/directives/${id}?q=vnpt`);
    const row = page.locator('#row-vnpt-gia-lai');
    await row.getByText('Thao tác').click();
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await row.getByRole('button', { name: 'Gửi lại liên kết' }).click();
    await eventually(() => asked.length).toBe(1);
    expect(asked[0]).toContain('Liên kết đã gửi trước đây sẽ không còn dùng được');
    expect(new URL(page.url()).searchParams.has('done')).toBe(false);
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Gửi lại liên kết' }).click();
    await page.waitForURL((u) => u.searchParams.get('done') === 'resend' && u.hash === '#row-vnpt-gia-lai');
    await expect
      .poll(() => page.locator('#row-vnpt-gia-lai [role=status]').textContent())
      .toContain('Đã gửi lại liên kết cho VNPT Gia Lai.');
    await screenshot(page, 'issue16-dashboard-resent-desktop');
  });

  it('becomes cards at phone width: nothing cut off, each value named', async () => {
    const small = await phone.newPage();
    await signIn(small, rt);
    await small.goto(`/directives/${id}`);
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const label = await small
      .locator('#row-cong-an-tinh td[data-label]')
      .first()
      .evaluate((td) => getComputedStyle(td, '::before').content);
    expect(label).toContain('Đã gửi');
    await clean(small, 'issue16-dashboard-phone');
    await small.goto('/directives?q=126');
    await clean(small, 'issue16-directives-phone');
    await small.close();
  });

  it('searches and filters the directive list', async () => {
    await page.goto('/directives');
    await page.getByLabel('Tìm công văn').fill('dich vu buu chinh');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.has('q'));
    await expect.poll(() => page.getByText('Công văn 1–1 trong 1').isVisible()).toBe(true);
    await page.getByLabel('Tình trạng').selectOption('COMPLETED');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(() => page.getByText('Không có công văn nào khớp với điều kiện lọc.').isVisible()).toBe(true);
    await page.goto('/directives');
    await clean(page, 'issue16-directives-desktop');
  });
});
