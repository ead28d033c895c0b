import { linkFor, verifyInboxToken } from '#adapters/links.ts';
import { directivesByIds } from '#adapters/store/directives.ts';
import { inboxOf } from '#adapters/store/inbox.ts';
import { inboxEntry, sortInbox } from '#core/inbox.ts';

/**
 * An agency's inbox, from its signed link: every assignment of its address across every office, open ones first
 * by nearest deadline, then the latest closed ones; each with its directive's number, subject and issuer and a
 * fresh link to its own page, signed for the assignment's current link version (so an address the assignment
 * was reassigned to gets a working link, and the old address no longer lists it).
 */
export const readInbox = async (token: string, now: string) => {
  const { email, expiresAt } = await verifyInboxToken(token, now);
  const { open, closed } = await inboxOf(email);
  const directives = await directivesByIds([...new Set([...open, ...closed].map((a) => a.directiveId))]);
  const entries = await Promise.all(
    sortInbox([...open, ...closed].map(inboxEntry)).map(async (entry) => {
      const directive = directives.get(entry.assignment.directiveId);
      return {
        ...entry,
        number: directive?.number ?? entry.assignment.number ?? '',
        subject: directive?.subject ?? '',
        issuer: directive?.issuer ?? entry.assignment.issuer ?? '',
        // A withdrawn directive's page still shows what it was; a directive that is gone has none.
        link: directive ? await linkFor(entry.assignment, now) : undefined,
      };
    }),
  );
  return { email, expiresAt, entries };
};

export type Inbox = Awaited<ReturnType<typeof readInbox>>;
export type InboxLine = Inbox['entries'][number];
