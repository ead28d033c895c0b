import { type LinkClaims, verifyLinkToken } from '#adapters/links.ts';
import { annotate } from '#adapters/observability.ts';
import { getAssignment } from '#adapters/store/assignments.ts';
import { getDirectiveText } from '#adapters/store/directives.ts';
import { problem } from '#contracts/problems.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { GoneError, NotFoundError } from '#core/errors.ts';

/** A recipient's link, resolved to the one assignment it names, with its directive. */
export type OpenedLink = Awaited<ReturnType<typeof openLink>>;

/** A link sent to an address the assignment has since moved from says so: that agency no longer acts on it. */
const assertCurrentLink = (claims: LinkClaims, assignment: Pick<Assignment, 'linkVersion' | 'addressSince'>) => {
  if (assignment.linkVersion !== claims.linkVersion)
    throw new GoneError(
      problem(claims.linkVersion < (assignment.addressSince ?? 0) ? 'link.reassigned' : 'link.replaced'),
    );
};

/**
 * A recipient's transition, applied only while the link that asked for it is still the assignment's: a
 * reassignment or a new link that lands between opening the link and writing wins, and the action answers 410.
 */
export const byLinkHolder =
  <T>(opened: OpenedLink, transition: (a: Assignment) => T) =>
  (a: Assignment): T => {
    assertCurrentLink(opened.claims, a);
    return transition(a);
  };

/** The link read again, for a write whose condition failed: a move or a new link since it was opened is a 410. */
export const recheckLink = async (opened: OpenedLink) =>
  assertCurrentLink(opened.claims, await getAssignment(opened.claims.directiveId, opened.claims.recipientId));

/** Resolves a link or refuses it: tampered (403), retired, moved to another address or expired (410), naming nothing that exists (404). */
export const openLink = async (token: string, now: string) => {
  const claims = await verifyLinkToken(token, now);
  const assignment = await getAssignment(claims.directiveId, claims.recipientId).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new NotFoundError(problem('link.directiveNotFound'));
    throw error;
  });
  assertCurrentLink(claims, assignment);
  annotate({ directiveId: claims.directiveId, recipientId: claims.recipientId });
  const directive = await getDirectiveText(claims.directiveId);
  return { token, now, claims, assignment, directive };
};
