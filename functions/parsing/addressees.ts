import { type Findings, warn } from './findings.ts';
import { MESSAGES } from './messages.ts';
import { isNumbered } from './paragraphs.ts';
import { uniqueIds } from './recipients.ts';
import { opensSection } from './section-openers.ts';
import { opensSigner } from './signer.ts';
import { BULLET, type Line, startsLower, stripBullet, trimEndPunct } from './text.ts';
import type { DraftRecipient } from './types.ts';

/**
 * "Kính gửi": the addressees as written, one per line or separated by `;`, and the recipients made of them (one
 * per addressee, with an id; the email is picked from the directory by the official).
 */

/** "A; B; C." as ["A", "B", "C"], without bullets and trailing punctuation. */
export const splitItems = (raw: string): string[] =>
  raw
    .split(/;\s*/)
    .map((s) => trimEndPunct(stripBullet(s.trim())))
    .filter((s) => s !== '');

/**
 * Reads the list from its opening line ("Kính gửi: …") to its full stop. A line starting in lowercase continues
 * the name above it; the list goes on while its lines are bullets or the line before ends with `;` or `,`.
 */
export const readAddressees = (
  lines: Line[],
  start: number,
  opening: RegExpExecArray,
): { names: string[]; next: number } => {
  const rest = (lines[start] as Line).raw.slice(opening[0].length).trim();
  const names = rest === '' ? [] : splitItems(rest);
  let prev = rest;
  let next = start + 1;
  while (next < lines.length && !/\.$/.test(prev)) {
    const line = lines[next] as Line;
    if (opensSection(line) || isNumbered(line.raw) || opensSigner(line.raw)) break;
    const bullet = BULLET.test(line.raw);
    if (!bullet && startsLower(line.raw) && names.length > 0 && !/[;]$/.test(prev)) {
      names[names.length - 1] = trimEndPunct(`${names[names.length - 1]} ${line.raw}`);
      prev = line.raw;
      next++;
      continue;
    }
    const listy = bullet || /[;,]$/.test(prev) || (names.length === 0 && prev === '');
    if (!listy || line.raw.length > 250) break;
    names.push(...splitItems(line.raw));
    prev = line.raw;
    next++;
  }
  return { names, next };
};

/** One recipient per addressee; each one's email is left for the official to pick, with a warning. */
export const recipientsOf = (addressees: string[], findings: Findings): DraftRecipient[] => {
  const ids = uniqueIds(addressees);
  const recipients = addressees.map((name, k): DraftRecipient => ({ id: ids[k] as string, name, email: '' }));
  if (recipients.length === 0) warn(findings, 'recipients', MESSAGES.recipients);
  recipients.forEach((r, k) => {
    warn(findings, `recipients.${k}.email`, MESSAGES.recipientEmail, r.name);
  });
  return recipients;
};
