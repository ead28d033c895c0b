import type { Attachment } from '../../shared/domain/assignment.ts';
import { report } from '../../shared/domain/transitions.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { PublicEvent } from '../../shared/http/events.ts';
import type { HttpResult } from '../../shared/http/responses.ts';
import { messages } from '../../shared/pages/i18n.ts';
import { type Applied, applyTransition } from '../../shared/storage/assignments.ts';
import { deleteAttachment, putAttachment } from '../../shared/storage/attachments.ts';
import { wake } from '../../shared/workflow.ts';
import { parseForm, reportForm } from './forms.ts';
import { openLink } from './open-link.ts';
import { refusalNotice } from './refusal.ts';
import { renderAfterAction } from './view.tsx';

/** A stored file that no report records is removed; failing that, logged, so that it can be found. */
const discard = async (attachment: Attachment) => {
  try {
    await deleteAttachment(attachment.key);
  } catch (error) {
    console.error(
      JSON.stringify({ level: 'ERROR', msg: 'orphan attachment', key: attachment.key, error: String(error) }),
    );
  }
};

/**
 * A report, with an optional file. The file is stored before the transition, which records it on the report
 * slot; when the transition is refused (already reported, cancelled) or fails, the file is deleted again.
 */
export const reportLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  // No parser took the body: a multipart whose boundary the parser's pattern refuses (quoted, or with `_`/`.`).
  if (typeof event.body === 'string' && event.body !== '')
    throw new ValidationError([
      { path: '', message: 'Không đọc được biểu mẫu gửi lên. Vui lòng tải lại trang rồi gửi lại.' },
    ]);
  const { file, ...form } = parseForm(reportForm, event.body);
  const { directiveId, recipientId } = opened.claims;

  // A second click is answered from the item just read, before any upload.
  const early = report(opened.assignment, opened.now, form);
  if (!early.ok) return refusalNotice(opened, { applied: false, assignment: opened.assignment, refusal: early });

  const attachment = file
    ? await putAttachment({
        directiveId,
        recipientId,
        taskCode: form.taskCode,
        filename: file.filename,
        contentType: file.contentType,
        body: file.body,
      })
    : undefined;
  let result: Applied;
  try {
    result = await applyTransition(directiveId, recipientId, opened.now, (a) =>
      report(a, opened.now, { ...form, ...(attachment ? { attachment } : {}) }),
    );
  } catch (error) {
    if (attachment) await discard(attachment);
    throw error;
  }
  if (!result.applied) {
    if (attachment) await discard(attachment);
    return refusalNotice(opened, result);
  }
  await wake(result.assignment, opened.now);
  const completed = result.assignment.status === 'COMPLETED';
  const m = messages(opened.lang).recipient;
  const slot = result.assignment.reports[form.taskCode];
  return renderAfterAction(opened, result.assignment, {
    tone: 'ok',
    title: m.reportedNotice(slot?.taskCode ?? form.taskCode),
    text: `${completed ? m.allDoneText : m.reportedNoticeText}${attachment ? ` ${m.attachment}: ${attachment.name}.` : ''}`,
  });
};
