import { linkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { applyTransition, getAssignment } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import * as transitions from '#core/assignment/transitions.ts';
import type { Official } from '#core/official.ts';
import { invitationEmail } from '#documents/email/index.ts';
import { invitationFiles } from './directive-files.ts';

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
  if (result.applied) {
    const directive = await getDirective(directiveId);
    const link = await linkFor(result.assignment, at);
    // As with a re-sent link, the move is recorded first: if this send fails, "re-send link" mails the new
    // address again (the old link must be dead whatever happens to the email).
    await sendEmail({
      to: [result.assignment.recipientEmail],
      ...invitationEmail({
        directive,
        assignment: result.assignment,
        link,
        files: await invitationFiles(directive, link, false),
      }),
    });
    count('EmailsSent', 1, { kind: 'reassign' });
  }
  return result;
};
