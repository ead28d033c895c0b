import { getAttachment } from '#adapters/attachments.ts';
import { submissionsByIds } from '#adapters/store/submissions.ts';
import { problem } from '#contracts/problems.ts';
import { NotFoundError } from '#core/errors.ts';
import type { OpenedLink } from './open-link.ts';

/**
 * The file of one of the agency's own reports (any version, a corrected one included), through its own link.
 * Only a submission stored under this link's assignment is found, so a link never reaches another agency's
 * files; reading it records nothing.
 */
export const ownReportFile = async (opened: OpenedLink, submissionId: string, withBytes: boolean) => {
  const { directiveId, recipientId } = opened.claims;
  const found = /^[A-Za-z0-9_-]{1,20}$/.test(submissionId)
    ? (await submissionsByIds(directiveId, [{ recipientId, id: submissionId }], { withText: false })).get(submissionId)
    : undefined;
  const attachment = found?.kind === 'REPORT' ? found.attachment : undefined;
  if (!attachment) throw new NotFoundError(problem('attachment.notFound'));
  if (!withBytes) return { name: attachment.name, contentType: attachment.contentType, body: undefined };
  return { ...(await getAttachment(attachment.key)), name: attachment.name };
};
