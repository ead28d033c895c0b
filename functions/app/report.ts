import { deleteAttachment, putAttachment } from '#adapters/attachments.ts';
import { logger } from '#adapters/observability.ts';
import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import { deleteSubmission, putSubmission } from '#adapters/store/submissions.ts';
import { wake } from '#adapters/workflow.ts';
import type { Attachment } from '#core/assignment/model.ts';
import { report } from '#core/assignment/transitions.ts';
import { byLinkHolder, type OpenedLink } from './open-link.ts';

export type ReportFile = { filename: string; contentType: string; body: Buffer };

/** What a refused or failed report stored is removed; failing that, logged, so that it can be found. */
export const discard = async (
  directiveId: string,
  recipientId: string,
  submissionId: string,
  attachment?: Attachment,
) => {
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
 * reported, cancelled) or fails, both are deleted again. A second click is answered from the item just read,
 * before any upload.
 */
export const submitReport = async (
  opened: OpenedLink,
  input: { taskCode: string; summary: string; file?: ReportFile | undefined },
): Promise<Applied & { attachment?: Attachment }> => {
  const { directiveId, recipientId } = opened.claims;
  const { taskCode, summary, file } = input;
  const early = report(opened.assignment, opened.now, { taskCode, reportId: '' });
  if (!early.ok) return { applied: false, assignment: opened.assignment, refusal: early };

  const attachment = file
    ? await putAttachment({ directiveId, recipientId, taskCode, ...file, filename: file.filename })
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
      byLinkHolder(opened, (a) => report(a, opened.now, { taskCode, reportId: submission.id })),
      opened.assignment,
    );
  } catch (error) {
    if (submissionId) await discard(directiveId, recipientId, submissionId, attachment);
    else if (attachment) await deleteAttachment(attachment.key).catch(() => {});
    throw error;
  }
  if (!result.applied) {
    await discard(directiveId, recipientId, submissionId, attachment);
    return result;
  }
  await wake(result.assignment, opened.now);
  return { ...result, ...(attachment ? { attachment } : {}) };
};
