import { linkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { applyTransition } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import * as transitions from '#core/assignment/transitions.ts';
import type { Official } from '#core/official.ts';
import { invitationEmail } from '#documents/email/index.ts';
import { invitationFiles } from './directive-files.ts';

const now = () => new Date().toISOString();

/** A new link (the old one stops working) in a new invitation email. */
export const resendLink = async (directiveId: string, recipientId: string, by: Official) => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) => transitions.resendLink(a, at, by.name));
  if (result.applied) {
    const directive = await getDirective(directiveId);
    const link = await linkFor(result.assignment, at);
    await sendEmail({
      to: [result.assignment.recipientEmail],
      // The officials' functions do not read the bucket: the new invitation links to the original.
      ...invitationEmail({
        directive,
        assignment: result.assignment,
        link,
        files: await invitationFiles(directive, link, false),
      }),
    });
    count('EmailsSent', 1, { kind: 'resend' });
  }
  return result;
};
