import type { HistoryEvent } from '#core/assignment/model.ts';
import type { Submission } from '#core/submission.ts';

/**
 * An assignment's history as the official's API shows it: each report event (REPORTED, REPORT_CORRECTED) carries
 * the version it recorded (text, file, time), so a correction reads beside the version it replaced, which stays
 * stored. Events from before reports were named in the history carry nothing more.
 */
export const withReportVersions = (history: readonly HistoryEvent[], submissions: ReadonlyMap<string, Submission>) =>
  history.map((e) => {
    const s = e.reportId ? submissions.get(e.reportId) : undefined;
    if (!s) return e;
    const file = s.attachment ? { name: s.attachment.name, size: s.attachment.size } : null;
    return { ...e, report: { id: s.id, submittedAt: s.at, summary: s.text, attachment: file } };
  });
