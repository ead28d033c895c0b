import { formatDateTime } from '#core/calendar/time.ts';
import type { Submission } from '#core/submission.ts';
import { type Lang, recipientReportsMessages } from '../i18n/index.ts';

/** dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh: how a report's versions are dated. */
export const dayTime = (iso: string) => {
  const [time = '', day = ''] = formatDateTime(iso).split(' ');
  return `${day} ${time}`;
};

/** Whether a report's version in force corrects an earlier one (it names the versions before it). */
export const isCorrection = (s: Pick<Submission, 'previous'> | undefined) => (s?.previous?.length ?? 0) > 0;

/**
 * "đã sửa dd/mm/yyyy HH:mm" beside a report shown in its latest version: the version's own time is when it was
 * corrected (the slot keeps when the report was first sent). Nothing for a report never corrected.
 */
export const ReportVersion = ({ submission, lang }: { submission: Submission | undefined; lang: Lang }) =>
  submission && isCorrection(submission) ? (
    <span class="badge warn" data-corrected={submission.at}>
      {recipientReportsMessages(lang).correctedAt(dayTime(submission.at))}
    </span>
  ) : null;
