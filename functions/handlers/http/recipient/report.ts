import { deleteAttachment, putAttachment } from '#adapters/attachments.ts';
import { logger } from '#adapters/observability.ts';
import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import { deleteSubmission, putSubmission } from '#adapters/store/submissions.ts';
import { wake } from '#adapters/workflow.ts';
import type { Attachment } from '#core/assignment/model.ts';
import { report } from '#core/assignment/transitions.ts';
import { ValidationError } from '#core/errors.ts';
import { messages } from '#web/i18n.ts';
import type { PublicEvent } from '../../middleware/events.ts';
import type { HttpResult } from '../responses.ts';
import { parseForm, reportForm } from './forms.ts';
import { openLink } from './open-link.ts';
import { refusalNotice } from './refusal.ts';
import { renderAfterAction } from './view.tsx';

/** What a refused or failed report stored is removed; failing that, logged, so that it can be found. */
const discard = async (directiveId: string, recipientId: string, submissionId: string, attachment?: Attachment) => {
  try {
    await deleteSubmission(directiveId, recipientId, submissionId);
    if (attachment) await deleteAttachment(attachment.key);
  } catch (error) {
    logger.error('Orphan submission', { submissionId, key: attachment?.key, error });
  }
};

/**
 * A report, with an optional file. The file (S3) and the text (a submission item) are stored before the
 * transition, which records the submission on the report slot; when the transition is refused (already
 * reported, cancelled) or fails, both are deleted again.
 */
export const reportLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  // No parser took the body: a multipart whose boundary the parser's pattern refuses (quoted, or with `_`/`.`).
  if (typeof event.body === 'string' && event.body !== '')
    throw new ValidationError([
      { path: '', message: 'Không đọc được biểu mẫu gửi lên. Vui lòng tải lại trang rồi gửi lại.' },
    ]);
  const { file, summary, taskCode } = parseForm(reportForm, event.body);
  const { directiveId, recipientId } = opened.claims;

  // A second click is answered from the item just read, before any upload.
  const early = report(opened.assignment, opened.now, { taskCode, reportId: '' });
  if (!early.ok) return refusalNotice(opened, { applied: false, assignment: opened.assignment, refusal: early });

  const attachment = file
    ? await putAttachment({
        directiveId,
        recipientId,
        taskCode,
        filename: file.filename,
        contentType: file.contentType,
        body: file.body,
      })
    : undefined;
  let result: Applied;
  let submissionId: string | undefined;
  try {
    const submission = await putSubmission(directiveId, recipientId, {
      kind: 'REPORT',
      slotKey: taskCode,
      text: summary,
      at: opened.now,
      ...(attachment ? { attachment } : {}),
    });
    submissionId = submission.id;
    result = await applyTransition(
      directiveId,
      recipientId,
      opened.now,
      (a) => report(a, opened.now, { taskCode, reportId: submission.id }),
      opened.assignment,
    );
  } catch (error) {
    if (submissionId) await discard(directiveId, recipientId, submissionId, attachment);
    else if (attachment) await deleteAttachment(attachment.key).catch(() => {});
    throw error;
  }
  if (!result.applied) {
    await discard(directiveId, recipientId, submissionId, attachment);
    return refusalNotice(opened, result);
  }
  await wake(result.assignment, opened.now);
  const completed = result.assignment.status === 'COMPLETED';
  const m = messages(opened.lang).recipient;
  const slot = result.assignment.reports[taskCode];
  return renderAfterAction(opened, result.assignment, {
    tone: 'ok',
    title: m.reportedNotice(slot?.taskCode ?? taskCode),
    text: `${completed ? m.allDoneText : m.reportedNoticeText}${attachment ? ` ${m.attachment}: ${attachment.name}.` : ''}`,
  });
};
