import { dashboardEn } from './dashboard-en.ts';
import { type DashboardMessages, dashboardVi } from './dashboard-vi.ts';
import { directoryEn } from './directory-en.ts';
import { type DirectoryMessages, directoryVi } from './directory-vi.ts';
import { en } from './en.ts';
import { inboxEn } from './inbox-en.ts';
import { type InboxMessages, inboxVi } from './inbox-vi.ts';
import type { Lang } from './lang.ts';
import { noticesEn } from './notices-en.ts';
import { type NoticesMessages, noticesVi } from './notices-vi.ts';
import { printEn } from './print-en.ts';
import { type PrintMessages, printVi } from './print-vi.ts';
import { enRecipientReports } from './recipient-reports-en.ts';
import { type RecipientReportsMessages, viRecipientReports } from './recipient-reports-vi.ts';
import { type Messages, vi } from './vi.ts';

/**
 * Every word the pages show, Vietnamese first and English on request: the pages' own words (vi.ts, en.ts) and the
 * problems the rest of the application reports as codes (contracts/problems.ts), rendered by `render`
 * (problems-vi.ts, problems-en.ts). The emails and documents keep their own words (functions/documents).
 */

export { type Lang, langCookie, langOf } from './lang.ts';
export { fieldLabel, render, renderIssues } from './problems.ts';
export type {
  DashboardMessages,
  DirectoryMessages,
  InboxMessages,
  Messages,
  NoticesMessages,
  PrintMessages,
  RecipientReportsMessages,
};

export const messages = (lang: Lang): Messages => (lang === 'en' ? en : vi);

/** The words of an agency's inbox (a section of their own, kept beside the rest). */
export const inboxMessages = (lang: Lang): InboxMessages => (lang === 'en' ? inboxEn : inboxVi);

/** The words of the phone notices: the office's settings, the dashboard's channels, the directory's flags. */
export const noticesMessages = (lang: Lang): NoticesMessages => (lang === 'en' ? noticesEn : noticesVi);

/** The words of a directive's dashboard at scale: search, filters, pages, the row menu, confirmations. */
export const dashboardMessages = (lang: Lang): DashboardMessages => (lang === 'en' ? dashboardEn : dashboardVi);

/** The words of the status sheet for printing and of the date fields (dd/mm/yyyy). */
export const printMessages = (lang: Lang): PrintMessages => (lang === 'en' ? printEn : printVi);

/** The words of the directory's search, menus and import (a section of their own). */
export const directoryMessages = (lang: Lang): DirectoryMessages => (lang === 'en' ? directoryEn : directoryVi);

/** The words of an agency's own reports and their corrections (its page, and the dashboard's marker). */
export const recipientReportsMessages = (lang: Lang): RecipientReportsMessages =>
  lang === 'en' ? enRecipientReports : viRecipientReports;
