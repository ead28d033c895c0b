import { formatDateTime } from '#core/calendar/time.ts';
import type { Submission } from '#core/submission.ts';
import { type Lang, recipientReportsMessages } from '../i18n/index.ts';

/** Whether a report's version in force corrects an earlier one (it names the versions before it). */
export const isCorrection = (s: Pick<Submission, 'previous'> | undefined) => (s?.previous?.length ?? 0) > 0;

/**
 * "đã sửa HH:mm dd/mm/yyyy" (the pages' one way of writing a time) beside a report shown in its latest version: the version's own time is when it was
 * corrected (the slot keeps when the report was first sent). Nothing for a report never corrected.
 */
export const ReportVersion = ({ submission, lang }: { submission: Submission | undefined; lang: Lang }) =>
  submission && isCorrection(submission) ? (
    <span class="badge warn" data-corrected={submission.at}>
      {recipientReportsMessages(lang).correctedAt(formatDateTime(submission.at))}
    </span>
  ) : null;
