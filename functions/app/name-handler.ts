import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import type { Contact } from '#core/assignment/model.ts';
import { nameHandler as named } from '#core/assignment/transitions.ts';
import { byLinkHolder, type OpenedLink } from './open-link.ts';

/** The agency names the person who handles the assignment; that person is copied on the reminders. */
export const nameHandler = (opened: OpenedLink, handler: Contact): Promise<Applied> =>
  applyTransition(
    opened.claims.directiveId,
    opened.claims.recipientId,
    opened.now,
    byLinkHolder(opened, (a) => named(a, opened.now, handler)),
    opened.assignment,
  );
