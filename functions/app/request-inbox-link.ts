import { inboxLinkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count, logger } from '#adapters/observability.ts';
import { hasAssignments } from '#adapters/store/inbox.ts';
import { inboxLinkEmail } from '#documents/email/index.ts';

/**
 * An agency asks for its inbox link. Whatever the address, the caller learns nothing (the page answers the same):
 * only an address that has assignments gets an email, and only at that address, so knowing whether an address
 * is addressed by any office takes reading its mail.
 */
export const requestInboxLink = async (email: string) => {
  if (!(await hasAssignments(email))) return;
  const now = new Date().toISOString();
  try {
    await sendEmail({ to: [email], ...inboxLinkEmail({ email, link: await inboxLinkFor(email, now) }) });
    count('EmailsSent', 1, { kind: 'inbox' });
  } catch (error) {
    // A failure answered differently (a 500) would tell the caller that this address has assignments: it is
    // logged at ERROR and the answer stays the same; asking again sends again.
    logger.error('The inbox link could not be sent', { error });
  }
};
