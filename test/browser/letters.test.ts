import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkOf, mailsTo, type Runtime, startRuntime } from '../support/runtime.ts';
import { AGENCIES, apiBody } from './fixtures/gia-lai-126.ts';
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
 * Issue 16, "Words": a directive whose subject was typed without "V/v" ("Báo cáo tình hình…") reads as a letter
 * should, at desktop and phone widths: the directive page heads it "UBND tỉnh Gia Lai" above the issuing body and
 * writes "V/v báo cáo…" on its subject line, and the urging letter the dashboard drafts names it "về việc báo
 * cáo…" under the same letterhead. axe finds nothing serious on the page.
 */

const TYPED = 'Báo cáo tình hình đảm bảo thông tin liên lạc phục vụ phòng, chống dịch Covid-19';
const LINE = 'V/v báo cáo tình hình đảm bảo thông tin liên lạc phục vụ phòng, chống dịch Covid-19';
const ABOUT = 'về việc báo cáo tình hình đảm bảo thông tin liên lạc phục vụ phòng, chống dịch Covid-19';

const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', ...PHONE },
] as const;

/** The paragraphs of a DOCX, runs joined. */
const docxParagraphs = async (bytes: Buffer) => {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => (t[1] ?? '').replace(/&amp;/g, '&')).join(''),
  );
};

describe('letters read as letters', () => {
  let rt: Runtime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let id: string;
  let recipientPath: string;

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    const now = await rt.clock();
    const body = {
      ...apiBody({ issuedOn: localDate(now), deadline: localInstant(localDate(now, 1), '17:00') }),
      subject: TYPED,
    };
    id = (await rt.issue(body)).id;
    await rt.settle();
    const first = AGENCIES[0];
    const [mail] = mailsTo(await rt.outbox(), first?.email ?? '');
    if (!mail) throw new Error('no invitation');
    recipientPath = linkOf(mail).path;
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(...contexts, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  const contextAt = async (width: (typeof WIDTHS)[number]) => {
    const { name: _, ...options } = width;
    const context = await newContext(browser, rt, options);
    contexts.push(context);
    return context;
  };

  const noSeriousViolations = async (page: Page, name: string) => {
    const bad = serious(await axeViolations(page));
    expect(bad, `axe on ${name}:\n${describeViolations(bad)}`).toEqual([]);
  };

  it.each(WIDTHS)(
    'the directive page at $name width: the letterhead names the province, the subject line reads "V/v báo cáo…"',
    async (width) => {
      const page = await (await contextAt(width)).newPage();
      await page.goto(recipientPath);
      const letter = page.locator('article.paper');
      await expect.poll(() => letter.count()).toBe(1);
      // The letterhead prints in capitals (CSS), as the letter does.
      const org = letter.locator('.cv-header .org');
      // biome-ignore lint/performance/useDomNodeTextContent: the capitals are the stylesheet's, as the page prints them
      expect(await org.innerText()).toMatch(/^UBND TỈNH GIA LAI\s+SỞ THÔNG TIN VÀ TRUYỀN THÔNG$/u);
      expect(await letter.locator('.cv-subject').textContent()).toBe(LINE);
      expect(await letter.textContent()).not.toContain(TYPED);
      await letter.scrollIntoViewIfNeeded();
      await screenshot(page, `issue16-letter-${width.name}`);
      await noSeriousViolations(page, `the directive page at ${width.name} width`);
      // The paper fits the phone: nothing wider than the viewport.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    },
    BROWSER_TIMEOUT,
  );

  it.each(WIDTHS)(
    'the urging letter from the dashboard at $name width: "về việc báo cáo…" under the letterhead with the province',
    async (width) => {
      // Past the report deadline, so that the dashboard offers the letter.
      await rt.advanceTo(localInstant(localDate(await rt.clock(), 2), '09:00'));
      const page = await (await contextAt(width)).newPage();
      await signIn(page, rt, `/directives/${id}`);
      const link = page.getByRole('link', { name: 'Soạn công văn đôn đốc (.docx)' });
      await link.scrollIntoViewIfNeeded();
      await screenshot(page, `issue16-urging-${width.name}`);
      await noSeriousViolations(page, `the dashboard at ${width.name} width`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const path = await download.path();
      const text = await docxParagraphs(await readFile(path));
      expect(text.slice(0, 2)).toEqual(['UBND TỈNH GIA LAI', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG']);
      const all = text.join('\n');
      expect(all).toContain(`đã ban hành Công văn số 126/STTTT-BCVT ${ABOUT}.`);
      expect(all).not.toContain(TYPED);
      expect(all).toMatch(/Gia Lai, ngày \d\d tháng \d{1,2} năm \d{4}/u);
    },
    BROWSER_TIMEOUT,
  );
});
