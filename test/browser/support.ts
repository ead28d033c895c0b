import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { DateTime } from 'luxon';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Runtime } from '../support/runtime.ts';

/**
 * Browser tests drive the local runtime (test/support/runtime.ts) through Debian's Chromium with playwright-core:
 * one runtime and one browser per test file, a fresh context (no cookies, no storage) per actor.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(HERE, 'fixtures');
export const SCREENSHOTS = join(HERE, '..', 'artifacts', 'screenshots');
export const DIRECTORY_CSV = join(FIXTURES, 'gia-lai-directory.csv');

/** Long enough for a runtime to start and a workflow to settle on a two-core machine. */
export const BROWSER_TIMEOUT = 120_000;

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** A phone as the clerks carry: 390 × 844 CSS pixels, touch, a dense screen. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;

/** A fresh context (its own cookie jar) on the runtime, in Vietnamese as a clerk's browser would be. */
export const newContext = async (browser: Browser, rt: Runtime, options: BrowserContextOptions = {}) => {
  const context = await browser.newContext({
    baseURL: rt.base,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
};

/**
 * `expect.poll` with a wait fit for pages that load and refresh themselves (vitest's default is one second): the
 * condition is read again every 100 ms for up to 15 s.
 */
export const eventually = <T>(read: () => T | Promise<T>, message?: string) =>
  expect.poll(read, { timeout: 15_000, interval: 100, ...(message ? { message } : {}) });

/** `test/artifacts/screenshots/<name>.png`, the whole page. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-|-$/g, '')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

// ---------------------------------------------------------------------------------------------------------------
// Accessibility

export type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/** Runs axe-core (injected from the installed package) on the page as it is now; WCAG 2.x A and AA rules. */
export const axeViolations = async (page: Page): Promise<Violation[]> => {
  // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy (script-src 'self') allows.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axe.source};void 0`);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return result;
};

export const serious = (violations: Violation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

export const describeViolations = (violations: Violation[]) =>
  violations.length === 0
    ? 'none'
    : violations
        .map(
          (v) =>
            `${v.id} [${v.impact}] ${v.help}: ${v.targets.slice(0, 8).join(' | ')}${v.targets.length > 8 ? ' …' : ''}`,
        )
        .join('\n');

// ---------------------------------------------------------------------------------------------------------------
// The app

/** The local officials the runtime wrote at its first start. */
export const officialOf = (rt: Runtime) => {
  const officials = JSON.parse(readFileSync(join(rt.dataDir, 'officials.json'), 'utf8')) as {
    email: string;
    name: string;
    password: string;
  }[];
  const first = officials[0];
  if (!first) throw new Error(`No official in ${rt.dataDir}/officials.json`);
  return first;
};

/** Signs in through the sign-in page, as a person does; lands on `next` (the directive list by default). */
export const signIn = async (page: Page, rt: Runtime, next?: string) => {
  const official = officialOf(rt);
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.getByLabel('Email').fill(official.email);
  await page.getByLabel('Mật khẩu').fill(official.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === (next ?? '/directives'));
  return official;
};

/** Imports a CSV into the directory through its form. */
export const importDirectory = async (page: Page, file = DIRECTORY_CSV) => {
  await page.goto('/directory');
  await page.locator('input[type=file][name=file]').setInputFiles(file);
  await page.getByRole('button', { name: 'Nhập danh bạ' }).click();
  await page.waitForURL((url) => url.pathname === '/directory' && url.searchParams.has('imported'));
};

/** The virtual clock's day in Hà Nội, plus `days`, as the date inputs want it (YYYY-MM-DD). */
export const localDate = (now: string, days = 0) =>
  DateTime.fromISO(now, { zone: 'Asia/Ho_Chi_Minh' }).plus({ days }).toISODate() ?? '';

/** The instant of a local date and time in Hà Nội. */
export const localInstant = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: 'Asia/Ho_Chi_Minh' }).toUTC().toISO() ?? '';

/** Counts the main frame's navigations, to prove that a page changed without one. */
export const navigationsOf = (page: Page) => {
  let count = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) count++;
  });
  return () => count;
};

export const closeAll = async (...things: (Browser | BrowserContext | undefined)[]) => {
  for (const t of things) await t?.close().catch(() => {});
};
