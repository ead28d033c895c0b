import { getAttachment } from '#adapters/attachments.ts';
import { getAssignment } from '#adapters/store/assignments.ts';
import { submissionsByIds } from '#adapters/store/submissions.ts';
import { problem } from '#contracts/problems.ts';
import { slotOf } from '#core/assignment/model.ts';
import { NotFoundError } from '#core/errors.ts';

/** The file an agency attached to its report on one slot, for the official who reads the dashboard. */
export const reportFile = async (directiveId: string, recipientId: string, slotKey: string) => {
  const reportId = slotOf(await getAssignment(directiveId, recipientId), slotKey)?.reportId;
  const attachment = reportId
    ? (await submissionsByIds(directiveId, [{ recipientId, id: reportId }])).get(reportId)?.attachment
    : undefined;
  if (!attachment) throw new NotFoundError(problem('attachment.notFound'));
  return getAttachment(attachment.key);
};
