import { problem } from '#contracts/problems.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { type Official, PROVINCE_ROLE } from './official.ts';

/**
 * Offices. Every official belongs to one (Cognito's `custom:office`) and every directive to the office of the
 * official who issued it. Data stored before offices existed carries none: it belongs to `DEFAULT_OFFICE`, and so
 * does an official whose account has no office, so that a deployment that never set one keeps working unchanged.
 */
export const DEFAULT_OFFICE = 'mac-dinh';

/** An office id as accounts and the local `officials.json` write it: `stttt-gialai`. */
export const OFFICE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * A child directive (an agency forwarding its tasks to its units, core/forward.ts) belongs to no issuing office: its
 * office is derived from the forwarding assignment, `fwd-{parent directive id}-{hash of the agency's id}`, and no
 * official can belong to it (an account's office with this prefix counts as none). So no official's list,
 * dashboard or statistics shows a child as theirs, and the digest groups its overdue units under that office,
 * whose only leaders are the forwarding agency and its head.
 */
export const FORWARDED_OFFICE_PREFIX = 'fwd-';

/** FNV-1a, 32 bits: a short, stable, pure hash (no crypto needed, the id is not a secret). */
const fnv1a = (text: string) => {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

export const forwardedOfficeOf = (parentDirectiveId: string, recipientId: string) =>
  `${FORWARDED_OFFICE_PREFIX}${parentDirectiveId.toLowerCase().replace(/[^a-z0-9]/g, '')}-${fnv1a(recipientId)}`;

export const isForwardedOffice = (office: string | undefined) => office?.startsWith(FORWARDED_OFFICE_PREFIX) ?? false;

export const officeOf = (official: Pick<Official, 'office'>) =>
  official.office && OFFICE_ID.test(official.office) && !isForwardedOffice(official.office)
    ? official.office
    : DEFAULT_OFFICE;

export const officeOfDirective = (directive: { office?: string | undefined }) => directive.office ?? DEFAULT_OFFICE;

export const isProvince = (official: Pick<Official, 'role'>) => official.role === PROVINCE_ROLE;

/** The claims an official's office and role are read from (Cognito's custom attributes). */
export const officeClaims = (claims: Record<string, unknown>): Pick<Official, 'office' | 'role'> => {
  const office = claims['custom:office'];
  const role = claims['custom:role'];
  return {
    ...(typeof office === 'string' && OFFICE_ID.test(office) ? { office } : {}),
    ...(role === PROVINCE_ROLE ? { role: PROVINCE_ROLE } : {}),
  };
};

/** Whether the official may see this directive: their office's own, or every office's for the province. */
export const canRead = (official: Pick<Official, 'office' | 'role'>, directive: { office?: string | undefined }) =>
  isProvince(official) || officeOfDirective(directive) === officeOf(official);

/**
 * Another office's directive answers as an unknown one does (404), so that ids cannot be probed across offices.
 */
export const assertCanRead = (
  official: Pick<Official, 'office' | 'role'>,
  directive: { id: string; office?: string | undefined },
) => {
  if (!canRead(official, directive)) throw new NotFoundError(problem('directive.notFound', { id: directive.id }));
};

/** The province reads and never acts: every state-changing request of theirs is a 403 that says why. */
export const assertCanAct = (official: Pick<Official, 'role'>) => {
  if (isProvince(official)) throw new ForbiddenError(problem('office.readOnly'));
};
