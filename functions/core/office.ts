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

export const officeOf = (official: Pick<Official, 'office'>) =>
  official.office && OFFICE_ID.test(official.office) ? official.office : DEFAULT_OFFICE;

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
