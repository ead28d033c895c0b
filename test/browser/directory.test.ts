import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../support/runtime.ts';
import {
  axeViolations,
  BROWSER_TIMEOUT,
  closeAll,
  describeViolations,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  serious,
  signIn,
} from './support.ts';

/**
 * Issue 16, the directory at scale, in Chromium at desktop (1280) and phone (390×844) widths: an import whose bad
 * rows come back inside the page, a semicolon CSV as Excel writes it under Vietnamese settings, a search with and
 * without accents, the group filter, the sort, the pages, the row menus (edit, remove after a confirmation), the
 * sample file; axe finds nothing serious or critical on any of these views.
 */

const PLACES = ['Pleiku', 'An Khê', 'Ayun Pa', 'Chư Păh', 'Đắk Đoa', 'Ia Grai', 'Kbang', 'Mang Yang', 'Chư Sê'];
const COMMUNES = Array.from({ length: 126 }, (_, i) => ({
  id: `xa-${String(i + 1).padStart(3, '0')}`,
  name: `UBND xã ${PLACES[i % PLACES.length]} ${Math.floor(i / PLACES.length) + 1}`,
  email: `vanthu.xa${i + 1}@gialai.example`,
  group: 'UBND cấp xã',
}));
const OTHERS = [
  { id: 'so-yte', name: 'Sở Y tế', email: 'vanthu.syt@gialai.example', group: 'Sở, ban, ngành' },
  { id: 'cong-an', name: 'Công an tỉnh', email: 'vanthu.congan@gialai.example', group: 'Sở, ban, ngành' },
  { id: 'phuong-ha-noi', name: 'UBND phường Hà Nội', email: 'hanoi@gialai.example', group: 'UBND cấp xã' },
  { id: 'dien-luc', name: 'Công ty Điện lực Gia Lai', email: 'dienluc@gialai.example', group: 'Doanh nghiệp' },
];
const ALL = [...COMMUNES, ...OTHERS];

describe('the agency directory at scale', () => {
  let rt: Runtime;
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let dir: string;

  /** A directory file as Excel writes "CSV UTF-8" under Vietnamese regional settings: BOM, semicolons, CRLF. */
  const csvFile = (name: string, rows: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, `\uFEFF${['Mã đơn vị;Tên đơn vị;Email;Nhóm', ...rows].join('\r\n')}\r\n`);
    return file;
  };

  const importFile = async (file: string) => {
    await page.goto('/directory');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Nhập danh bạ' }).click();
    await page.waitForLoadState('load');
  };

  const axeClean = async (on: Page, name: string) => {
    const bad = serious(await axeViolations(on));
    expect(bad, `axe on ${name}:\n${describeViolations(bad)}`).toEqual([]);
  };

  const rowIds = (on: Page) =>
    on.locator('table.directory tbody tr').evaluateAll((rows) => rows.map((r) => r.id.replace(/^agency-/, '')));

  const search = async (fields: { q?: string; group?: string; sort?: string }) => {
    if (fields.q !== undefined) await page.getByLabel('Tìm theo tên, mã, email hoặc số điện thoại').fill(fields.q);
    if (fields.group !== undefined) await page.getByLabel('Nhóm', { exact: true }).selectOption(fields.group);
    if (fields.sort !== undefined) await page.getByLabel('Sắp xếp theo').selectOption(fields.sort);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForLoadState('load');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chidao-directory-'));
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    desk = await newContext(browser, rt, { acceptDownloads: true });
    phone = await newContext(browser, rt, PHONE);
    page = await desk.newPage();
    await signIn(page, rt);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(desk, phone, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  it('a file with bad rows: the errors in the directory page beside each row, nothing stored', async () => {
    const file = csvFile('danh-ba-loi.csv', [
      'so-yte;Sở Y tế;vanthu.syt@gialai.example;Sở, ban, ngành',
      'cong an;Công an tỉnh;vanthu.congan@gialai.example;Sở, ban, ngành',
      'dien-luc;Công ty Điện lực Gia Lai;dienluc-at-gialai;Doanh nghiệp',
    ]);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await importFile(file);
    expect((await answer).status()).toBe(400);
    // The whole page, with its navigation and the import form, not a bare error page.
    expect(await page.locator('h1').textContent()).toBe('Danh bạ đơn vị');
    await expect.poll(() => page.locator('header.topbar nav').isVisible()).toBe(true);
    const problems = page.locator('#import-errors li');
    expect(await problems.count()).toBe(2);
    expect(await problems.nth(0).textContent()).toContain('Dòng 3: Mã đơn vị');
    expect(await problems.nth(0).locator('code').textContent()).toBe(
      'cong an;Công an tỉnh;vanthu.congan@gialai.example;Sở, ban, ngành',
    );
    expect(await problems.nth(1).textContent()).toContain('Dòng 4: Email: địa chỉ email không hợp lệ');
    expect(await page.locator('body').textContent()).not.toContain('file:');
    expect(await page.getByRole('alert').textContent()).toContain('Chưa nhập được tệp danh-ba-loi.csv');
    await page.locator('#import-errors').scrollIntoViewIfNeeded();
    await screenshot(page, 'issue16-directory-import-errors-desktop');
    await axeClean(page, 'import errors');
    expect(await page.locator('table.directory').count()).toBe(0);
  });

  it('a semicolon CSV with a BOM and Vietnamese headers imports, and says how many from which file', async () => {
    await importFile(
      csvFile(
        'danh-ba.csv',
        ALL.map((a) => `${a.id};${a.name};${a.email};${a.group}`),
      ),
    );
    expect(new URL(page.url()).searchParams.get('imported')).toBe(String(ALL.length));
    expect(await page.getByRole('status').textContent()).toBe(`Đã nhập ${ALL.length} đơn vị từ tệp danh-ba.csv.`);
    expect(await page.locator('body').textContent()).toContain(`1–50 trong ${ALL.length} đơn vị`);
    expect(await rowIds(page)).toHaveLength(50);
  });

  it('searches with and without accents, filters by group, sorts and pages, all in a bookmarkable URL', async () => {
    await page.goto('/directory');
    await search({ q: 'ha noi' });
    expect(await rowIds(page)).toEqual(['phuong-ha-noi']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('ha noi');
    await search({ q: 'Hà Nội' });
    expect(await rowIds(page)).toEqual(['phuong-ha-noi']);
    await search({ q: 'dak doa' });
    expect((await rowIds(page)).length).toBe(14);
    expect(await page.locator('table.directory tbody tr').first().textContent()).toContain('Đắk Đoa');

    await search({ q: '', group: 'Sở, ban, ngành' });
    expect(await rowIds(page)).toEqual(['cong-an', 'so-yte']);
    await search({ group: 'UBND cấp xã', sort: 'id' });
    expect((await rowIds(page)).slice(0, 3)).toEqual(['phuong-ha-noi', 'xa-001', 'xa-002']);
    expect(await page.locator('body').textContent()).toContain('1–50 trong 127 đơn vị tìm thấy (danh bạ có 130)');

    await page
      .getByRole('navigation', { name: 'Chuyển trang, cuối bảng' })
      .getByRole('link', { name: /Trang sau/ })
      .click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(await page.locator('body').textContent()).toContain('51–100 trong 127');
    expect((await rowIds(page))[0]).toBe('xa-050');
    const url = new URL(page.url());
    expect([url.searchParams.get('group'), url.searchParams.get('sort')]).toEqual(['UBND cấp xã', 'id']);
    await screenshot(page, 'issue16-directory-desktop');
    await axeClean(page, 'directory page 2');
  });

  it('a row menu edits and removes (after a confirmation), each time back on the same view and row', async () => {
    await page.goto('/directory?q=chu+pah&sort=id');
    const row = page.locator('#agency-xa-004');
    await row.locator('summary').click();
    await row.getByRole('link', { name: /^Sửa/ }).click();
    expect(await page.locator('#field-name').inputValue()).toBe('UBND xã Chư Păh 1');
    await page.locator('#field-name').fill('UBND xã Chư Păh (sáp nhập)');
    await page.getByRole('button', { name: 'Lưu đơn vị' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === 'xa-004');
    const saved = new URL(page.url());
    expect([saved.searchParams.get('q'), saved.searchParams.get('sort'), saved.hash]).toEqual([
      'chu pah',
      'id',
      '#agency-xa-004',
    ]);
    expect(await page.getByRole('status').textContent()).toBe('Đã lưu đơn vị UBND xã Chư Păh (sáp nhập).');
    expect(await page.locator('#agency-xa-004 strong').textContent()).toBe('UBND xã Chư Păh (sáp nhập)');

    await page.locator('#agency-xa-013 summary').click();
    await page.locator('#agency-xa-013').getByRole('link', { name: /^Xóa/ }).click();
    const confirm = page.locator('#confirm-remove');
    expect(await confirm.locator('h2').textContent()).toBe('Xóa đơn vị UBND xã Chư Păh 2 khỏi danh bạ?');
    // Nothing is removed before the confirmation.
    expect(await page.locator('#agency-xa-013').count()).toBe(1);
    await confirm.getByRole('button', { name: 'Xóa UBND xã Chư Păh 2' }).click();
    await page.waitForURL((u) => u.searchParams.has('removed'));
    expect(await page.getByRole('status').textContent()).toBe('Đã xóa đơn vị UBND xã Chư Păh 2 khỏi danh bạ.');
    expect(new URL(page.url()).searchParams.get('q')).toBe('chu pah');
    expect(await page.locator('#agency-xa-013').count()).toBe(0);
  });

  it('the sample CSV downloads with a BOM and the headers the import reads', async () => {
    await page.goto('/directory');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải tệp mẫu (CSV)' }).click();
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toBe('danh-ba-mau.csv');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFMã đơn vị,Tên đơn vị,Email,Nhóm')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('at phone width the rows are cards: nothing is cut off, the menu still opens', async () => {
    const small = await phone.newPage();
    await signIn(small, rt, '/directory');
    await small.goto('/directory?group=S%E1%BB%9F%2C+ban%2C+ng%C3%A0nh');
    expect(await rowIds(small)).toEqual(['cong-an', 'so-yte']);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await small.locator('#agency-so-yte summary').click();
    expect(await small.locator('#agency-so-yte').getByRole('link', { name: /^Sửa/ }).isVisible()).toBe(true);
    await screenshot(small, 'issue16-directory-phone');
    await axeClean(small, 'directory at phone width');
    await small.close();
  });
  it('an XLSX beside CSV: the first sheet, the same headers, the same confirmation', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh bạ');
    sheet.addRow(['Mã đơn vị', 'Tên đơn vị', 'Email', 'Nhóm']);
    sheet.addRow(['ubnd-kon-chro', 'UBND huyện Kông Chro', 'vanthu.kongchro@gialai.example', 'UBND cấp huyện']);
    sheet.addRow(['ubnd-krong-pa', 'UBND huyện Krông Pa', 'vanthu.krongpa@gialai.example', 'UBND cấp huyện']);
    const file = join(dir, 'danh-ba.xlsx');
    await book.xlsx.writeFile(file);
    await importFile(file);
    expect(await page.getByRole('status').textContent()).toBe('Đã nhập 2 đơn vị từ tệp danh-ba.xlsx.');
    await search({ q: 'krong pa' });
    expect(await rowIds(page)).toEqual(['ubnd-krong-pa']);
    await screenshot(page, 'issue16-directory-xlsx-imported-desktop');
    await axeClean(page, 'directory after an XLSX import');
  });
});
