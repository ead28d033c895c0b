import { verifyLinkToken } from '#adapters/links.ts';
import { annotate } from '#adapters/observability.ts';
import { getAssignment } from '#adapters/store/assignments.ts';
import { getDirectiveText } from '#adapters/store/directives.ts';
import { GoneError, NotFoundError } from '#core/errors.ts';
import { langOf } from '#web/i18n.ts';
import type { PublicEvent } from '../../middleware/events.ts';

/** Resolves a link to the one assignment it names, or refuses it: tampered (403), retired or expired (410). */
export const openLink = async (event: PublicEvent) => {
  const token = event.pathParameters?.token ?? '';
  const now = new Date().toISOString();
  const claims = await verifyLinkToken(token, now);
  const assignment = await getAssignment(claims.directiveId, claims.recipientId).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new NotFoundError('Không tìm thấy công văn của liên kết này.');
    throw error;
  });
  if (assignment.linkVersion !== claims.linkVersion)
    throw new GoneError('Liên kết này đã được thay bằng liên kết mới gửi qua email. Vui lòng dùng liên kết mới nhất.');
  annotate({ directiveId: claims.directiveId, recipientId: claims.recipientId });
  const directive = await getDirectiveText(claims.directiveId);
  return { token, now, claims, assignment, directive, lang: langOf(event) };
};
