import { inboxLinkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
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
  await sendEmail({ to: [email], ...inboxLinkEmail({ email, link: await inboxLinkFor(email, now) }) });
  count('EmailsSent', 1, { kind: 'inbox' });
};
