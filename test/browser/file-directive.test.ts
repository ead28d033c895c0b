import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkOf, mailsTo, type Runtime, startRuntime } from '../support/runtime.ts';
import { agency, TASKS } from './fixtures/gia-lai-126.ts';
import { signPdf } from './fixtures/signed-pdf.ts';
import {
  BROWSER_TIMEOUT,
  closeAll,
  importDirectory,
  launchBrowser,
  localDate,
  newContext,
  PHONE,
  screenshot,
  signIn,
} from './support.ts';

/**
 * Công văn 126 as an official has it: the DOCX they drafted and the signed PDF that went out. The official uploads
 * the DOCX, checks what the form was filled with, attaches the signed PDF and issues; the provincial police open
 * their link on a phone, read the whole letter and download the original, byte for byte.
 */

const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const DOCX = join(FILES, 'gia-lai-126.docx');
const ORIGINAL_NAME = 'Cong van 126-STTTT-BCVT (ky so).pdf';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Paragraphs of the letter a form of fields alone used to lose: a section heading, contacts, a note, the close. */
const WHOLE_TEXT = [
  '1. Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh; UBND các huyện, thị xã, thành phố:',
  'Trường hợp đột xuất báo cáo về Sở TT&TT qua các số máy',
  'được đăng tải kèm theo Công văn này',
  'đề nghị các đơn vị, địa phương và các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh phối hợp, thực hiện',
];

describe('a directive issued from its files, read on a phone', () => {
  let rt: Runtime;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let today: string;
  let deadline: string;
  let signed: Buffer;
  let directiveId = '';

  beforeAll(async () => {
    [rt, browser, signed] = await Promise.all([
      startRuntime(),
      launchBrowser(),
      signPdf(readFileSync(join(FILES, 'gia-lai-126.pdf'))),
    ]);
    const now = await rt.clock();
    today = localDate(now);
    deadline = localDate(now, 3);
    context = await newContext(browser, rt);
    page = await context.newPage();
    await signIn(page, rt);
    await importDirectory(page);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(context, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  const task = (i: number) => page.locator(`[data-task="${i}"]`);
  const post = () =>
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/directives/new');

  it('uploads the DOCX and finds the form filled: issuer, number, every task with its assignees', async () => {
    await page.goto('/directives/new');
    expect(await page.locator('form[data-directive-form]').getAttribute('enctype')).toBe('multipart/form-data');
    await page.getByLabel('Tệp công văn (DOCX, PDF)').setInputFiles(DOCX);
    const answer = post();
    await page.getByRole('button', { name: 'Đọc tệp và điền biểu mẫu' }).click();
    expect((await answer).status()).toBe(200);
    await page.waitForLoadState('load');
    await screenshot(page, 'file-directive-01-filled-from-docx');

    expect(await page.getByRole('status').textContent()).toContain('Đã đọc tệp "gia-lai-126.docx"');
    expect(await page.locator('#number').inputValue()).toBe('126/STTTT-BCVT');
    expect(await page.locator('#issuer').inputValue()).toBe('Sở Thông tin và Truyền thông');
    expect(await page.locator('#issuerParent').inputValue()).toBe('UBND tỉnh Gia Lai');
    expect(await page.locator('#subject').inputValue()).toMatch(/^V\/v đảm bảo thông tin liên lạc/);
    expect(await page.locator('#signer-name').inputValue()).toBe('Lê Thị Thu Hương');
    for (const [i, t] of TASKS.entries()) {
      expect(await page.locator(`#tasks-${i}-code`).inputValue()).toBe(t.code);
      const ticked = await task(i)
        .locator('.assignees input:checked')
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value).sort());
      expect(ticked, `assignees of ${t.code}`).toEqual([...t.assignees].sort());
    }
    // Every agency of the letter is in the directory by its name: what is left to check is named.
    const checks = await page.locator('#paste-check-list li').allTextContents();
    expect(checks).toContain('Lãnh đạo Nguyễn Ngọc Hùng: chưa có email; nhập email để nhận cảnh báo quá hạn.');
    expect(checks.filter((c) => c.startsWith('Chưa có email'))).toEqual([]);
    expect(new Set(checks).size).toBe(checks.length);
  });

  it('attaches the signed PDF; an issue refused for its 2021 dates keeps the file, and the corrected one goes out', async () => {
    await page.locator('#leadership-0-email').fill('giamdoc.stttt@gialai.example');
    await page.locator('#leadership-1-email').fill('pgd.stttt@gialai.example');
    await page.getByLabel('Bản gốc đã ký (PDF)').setInputFiles({
      name: ORIGINAL_NAME,
      mimeType: 'application/pdf',
      buffer: signed,
    });

    // The letter's own dates are long past on the runtime's clock: refused on their fields, the file kept.
    let answer = post();
    await page.getByRole('button', { name: 'Ban hành và gửi' }).click();
    expect((await answer).status()).toBe(400);
    await page.waitForLoadState('load');
    await screenshot(page, 'file-directive-02-refused-keeps-file');
    const kept = page.locator('#files li[data-file]');
    expect(await kept.count()).toBe(1);
    expect(await kept.textContent()).toContain(ORIGINAL_NAME);
    expect(await page.locator('input[name="originalFile[fileId]"]').inputValue()).toMatch(/^[0-9A-Z]{26}$/);
    expect(await page.locator('#error-summary').textContent()).toMatch(/Nhiệm vụ 3 \(mục 1\.3\)/);

    await page.locator('#issuedOn').fill(today);
    for (const [i, t] of TASKS.entries())
      if (t.due) {
        await page.locator(`#tasks-${i}-deadlineDate`).fill(deadline);
        await page.locator(`#tasks-${i}-deadlineTime`).fill('17:00');
      }
    answer = post();
    await page.getByRole('button', { name: 'Ban hành và gửi' }).click();
    const issued = await answer;
    const refusal = issued.status() === 303 ? '' : await page.locator('#error-summary').textContent();
    expect(issued.status(), refusal ?? '').toBe(303);
    await page.waitForURL((url) => /^\/directives\/[^/]+$/.test(url.pathname));
    directiveId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await screenshot(page, 'file-directive-03-dashboard');
    expect(directiveId).not.toBe('');
  });

  describe('the provincial police, on a phone', () => {
    let phone: BrowserContext;
    let small: Page;

    beforeAll(async () => {
      await rt.settle();
      const police = agency('cong-an-tinh');
      const [mail] = mailsTo(await rt.outbox(), police.email);
      if (!mail) throw new Error(`No invitation to ${police.email}`);
      phone = await newContext(browser, rt, PHONE);
      small = await phone.newPage();
      await small.goto(linkOf(mail).path);
      await screenshot(small, 'file-directive-04-phone');
    }, BROWSER_TIMEOUT);

    afterAll(() => phone?.close());

    it('downloads the original: the same bytes, as an attachment under its name', async () => {
      const link = small.locator('a[href*="/files/"]', { hasText: ORIGINAL_NAME }).first();
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/r\/[^/]+\/files\/[0-9A-Z]{26}$/);
      const file = await phone.request.get(href);
      expect(file.status()).toBe(200);
      const bytes = Buffer.from(await file.body());
      expect(sha256(bytes)).toBe(sha256(signed));
      expect(file.headers()['content-disposition'] ?? '').toMatch(/^attachment;/);
    });

    it('reads the whole letter, section headings, contacts, notes and close included, without scrolling sideways', async () => {
      const paper = (await small.locator('main').textContent()) ?? '';
      for (const passage of WHOLE_TEXT) expect(paper, passage).toContain(passage);
      const sizes = await small.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
    });
  });
});
