import { linkExpiry, linkFor, SHORT_CODE, shortCodeFor } from '#adapters/links.ts';
import { getAssignment } from '#adapters/store/assignments.ts';
import { getShortLink, putShortLink } from '#adapters/store/short-links.ts';
import { config } from '#contracts/environment.ts';
import { problem } from '#contracts/problems.ts';
import { pathTo, RECIPIENT } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { GoneError, NotFoundError } from '#core/errors.ts';

/**
 * A phone notice carries a short link (`/l/{code}`, about 40 characters) rather than the recipient's signed link
 * (about 150): an SMS holds 160. The code is stored as its own item naming the assignment, and resolved when it is
 * opened to the assignment's current link, so it follows a re-sent link and a reassignment and never carries a token.
 */
export const shortLinkFor = async (a: Assignment, now: string) => {
  const code = await shortCodeFor(a.directiveId, a.recipientId);
  await putShortLink(code, { directiveId: a.directiveId, recipientId: a.recipientId }, linkExpiry(a, now));
  return `${config().PUBLIC_BASE_URL}${pathTo(RECIPIENT.shortLink, { code })}`;
};

/** Where a short link leads now: the agency's current signed link; 404 unknown, 410 once the agency is withdrawn. */
export const resolveShortLink = async (code: string, now: string) => {
  const unknown = () => new NotFoundError(problem('shortLink.unknown'));
  if (!SHORT_CODE.test(code)) throw unknown();
  const named = await getShortLink(code, now);
  if (!named) throw unknown();
  const assignment = await getAssignment(named.directiveId, named.recipientId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? unknown() : error;
  });
  if (assignment.status === 'CANCELLED') throw new GoneError(problem('shortLink.withdrawn'));
  return linkFor(assignment, now);
};
