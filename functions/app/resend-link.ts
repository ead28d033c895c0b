import { linkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { applyTransition } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import type { Assignment } from '#core/assignment/model.ts';
import * as transitions from '#core/assignment/transitions.ts';
import type { Official } from '#core/official.ts';
import { invitationEmail } from '#documents/email/index.ts';
import { invitationFiles } from './directive-files.ts';

const now = () => new Date().toISOString();

/**
 * The invitation again, with the assignment's current link: after a new link or a move to another address. The
 * change is recorded first, so that if this send fails, "re-send link" mails again (the old link is dead whatever
 * happens to the email). The officials' functions do not read the bucket: the invitation links to the original.
 */
export const mailCurrentLink = async (assignment: Assignment, at: string, kind: 'resend' | 'reassign') => {
  const directive = await getDirective(assignment.directiveId);
  const link = await linkFor(assignment, at);
  await sendEmail({
    to: [assignment.recipientEmail],
    ...(await invitationEmail({ directive, assignment, link, files: await invitationFiles(directive, link, false) })),
  });
  count('EmailsSent', 1, { kind });
};

/** A new link (the old one stops working) in a new invitation email. */
export const resendLink = async (directiveId: string, recipientId: string, by: Official) => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) => transitions.resendLink(a, at, by.name));
  if (result.applied) await mailCurrentLink(result.assignment, at, 'resend');
  return result;
};
