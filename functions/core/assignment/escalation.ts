import type { Directive, Leader } from '../directive.ts';
import type { Assignment } from './model.ts';

const same = (a: string, b: string) =>
  a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

const unique = (people: Leader[]) => people.filter((p, i) => people.findIndex((q) => same(q.email, p.email)) === i);

/** "Giám đốc Sở", not "Phó Giám đốc Sở". */
const isDirector = (l: Leader) => l.role === 'DIRECTOR' || /^giám đốc/i.test(l.title.normalize('NFC').trim());

/**
 * Who hears of a missed deadline. Level 1: the official who signed the directive, and the late agency's own
 * head when the directory has one. Level 2, some working days later: the director. When a directive names
 * none of these, every leader it lists hears of it: an escalation must reach someone.
 */
export const escalationRecipients = (directive: Directive, assignment: Assignment, level: number): Leader[] => {
  const leaders = directive.leadership;
  if (level >= 2) {
    const directors = leaders.filter(isDirector);
    return directors.length > 0 ? directors : leaders.slice(0, 1);
  }
  const signer = leaders.filter((l) => l.role === 'SIGNER' || same(l.name, directive.signer.name));
  if (signer.length === 0 && directive.signer.email)
    signer.push({ name: directive.signer.name, title: directive.signer.title, email: directive.signer.email });
  const head = assignment.recipientHead;
  const heads: Leader[] = head?.email
    ? [
        {
          name: head.name ?? `Thủ trưởng ${assignment.recipientName}`,
          title: `Thủ trưởng ${assignment.recipientName}`,
          email: head.email,
          ...(head.phone ? { phone: head.phone } : {}),
        },
      ]
    : [];
  const people = unique([...signer, ...heads]);
  return people.length > 0 ? people : leaders;
};
