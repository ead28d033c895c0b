import { isLeaderTitle } from './contacts.ts';
import { type Findings, warn } from './findings.ts';
import { MESSAGES } from './messages.ts';
import { fold, tol } from './text.ts';
import type { Contact, DraftLeader, DraftSigner } from './types.ts';

/**
 * The leaders who receive escalations: the contacts with a leader's title, or else the signer. Their roles decide
 * who hears of a missed deadline first (the signer) and who at the second level (the head of the issuing body).
 */

/** The head of the issuing body (not a deputy): the second level of escalation. */
const HEAD_TITLE = tol(
  '^(?:giam doc|chu tich|chanh van phong|hieu truong|truong ban|cuc truong|chi cuc truong)(?![a-z_])',
);

const leaderOf = (contact: Contact, signerKey: string | undefined): DraftLeader => {
  const name = contact.name as string;
  const title = contact.title as string;
  const role = fold(name) === signerKey ? 'SIGNER' : HEAD_TITLE.test(fold(title)) ? 'DIRECTOR' : undefined;
  return {
    name,
    title,
    email: contact.email ?? '',
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(role ? { role } : {}),
  };
};

export const leadershipOf = (
  contacts: Contact[],
  signer: DraftSigner | undefined,
  findings: Findings,
): DraftLeader[] => {
  const signerKey = signer?.name ? fold(signer.name) : undefined;
  const leaders = contacts.filter((c) => c.name && isLeaderTitle(c.title)).map((c) => leaderOf(c, signerKey));
  if (leaders.length === 0 && signer?.name && signer.title) {
    leaders.push({ name: signer.name, title: signer.title, email: '', role: 'SIGNER' });
    warn(findings, 'leadership.0', MESSAGES.leadershipFromSigner);
  }
  if (leaders.length === 0) warn(findings, 'leadership', MESSAGES.leadership);
  leaders.forEach((l, k) => {
    if (l.email === '') warn(findings, `leadership.${k}.email`, MESSAGES.leaderEmail, l.name);
  });
  return leaders;
};
