import { applyTransition, getAssignment } from '#adapters/store/assignments.ts';
import * as transitions from '#core/assignment/transitions.ts';
import type { Official } from '#core/official.ts';
import { mailCurrentLink } from './resend-link.ts';

/**
 * Moves an assignment to another address: the new address gets a new invitation with a new link, every older
 * link answers 410 saying the assignment moved; deadlines, reports and history stay. `fromEmail` is the
 * address the official acted on (read now when the caller does not say): a reassignment that lost a race to
 * another one conflicts instead of moving the assignment twice.
 */
export const reassign = async (
  directiveId: string,
  recipientId: string,
  input: { email: string; name?: string | undefined; fromEmail?: string | undefined },
  by: Official,
) => {
  const at = new Date().toISOString();
  const read = await getAssignment(directiveId, recipientId);
  const fromEmail = input.fromEmail ?? read.recipientEmail;
  const result = await applyTransition(
    directiveId,
    recipientId,
    at,
    (a) => transitions.reassign(a, at, { by: by.name, email: input.email, name: input.name, fromEmail }),
    read,
  );
  if (result.applied) await mailCurrentLink(result.assignment, at, 'reassign');
  return result;
};
