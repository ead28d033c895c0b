import { verifyLinkToken } from '#adapters/links.ts';
import { annotate } from '#adapters/observability.ts';
import { getAssignment } from '#adapters/store/assignments.ts';
import { getDirectiveText } from '#adapters/store/directives.ts';
import { problem } from '#contracts/problems.ts';
import { GoneError, NotFoundError } from '#core/errors.ts';

/** A recipient's link, resolved to the one assignment it names, with its directive. */
export type OpenedLink = Awaited<ReturnType<typeof openLink>>;

/** Resolves a link or refuses it: tampered (403), retired, moved to another address or expired (410), naming nothing that exists (404). */
export const openLink = async (token: string, now: string) => {
  const claims = await verifyLinkToken(token, now);
  const assignment = await getAssignment(claims.directiveId, claims.recipientId).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new NotFoundError(problem('link.directiveNotFound'));
    throw error;
  });
  if (assignment.linkVersion !== claims.linkVersion)
    // A link sent to an address the assignment has since moved from says so: that agency no longer acts on it.
    throw new GoneError(
      problem(claims.linkVersion < (assignment.addressSince ?? 0) ? 'link.reassigned' : 'link.replaced'),
    );
  annotate({ directiveId: claims.directiveId, recipientId: claims.recipientId });
  const directive = await getDirectiveText(claims.directiveId);
  return { token, now, claims, assignment, directive };
};
