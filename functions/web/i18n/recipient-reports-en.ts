import type { RecipientReportsMessages } from './recipient-reports-vi.ts';

/** The words of an agency's own reports and their corrections, in English (`?lang=en`). */
export const enRecipientReports: RecipientReportsMessages = {
  sentTitle: 'Report sent',
  sentAt: (at: string) => `Sent ${at}`,
  correctedAt: (at: string) => `corrected ${at}`,
  text: 'Text',
  file: 'Attached file',
  noFile: 'No attached file.',
  earlier: (n: number) => `Earlier versions (${n})`,
  version: (i: number, at: string) => `Version ${i}, sent ${at}`,
  correct: 'Correct the report',
  correctIntro: (deadline: string | undefined, left: number) =>
    `${deadline ? `You can correct it until the report's deadline (${deadline}); ` : 'You can correct it; '}` +
    `${left} ${left === 1 ? 'correction' : 'corrections'} left. The version sent is kept, and the issuing office ` +
    'sees both. When you reported, and whether it was on time, do not change.',
  newText: (code: string) => `Report on task ${code} (corrected)`,
  newFile: 'New file (optional)',
  keepsFile: (name: string) => `Leave it empty to keep the current file: ${name}.`,
  sendCorrection: 'Send the correction',
  correctedNotice: (code: string) => `Report on task ${code} corrected`,
  correctedNoticeText:
    'The correction is recorded and the issuing office sees the latest version; the earlier one is kept. ' +
    'When you reported, and whether it was on time, do not change.',
  closed: (deadline: string) =>
    `The report's deadline (${deadline}) has passed: the report stays as sent and can no longer be corrected.`,
  maxReached: (max: number) => `The report has been corrected ${max} times, the most allowed.`,
};
