import { type Findings, warn } from './findings.ts';
import { MESSAGES } from './messages.ts';
import type { RecipientIndex } from './recipients.ts';
import { tol, trimEndPunct } from './text.ts';
import type { DraftTask } from './types.ts';

/**
 * Who carries out a task. Only the unit in charge counts, never the units it works with ("phối hợp với"); a named
 * unit that is not among the recipients is warned about rather than guessed.
 */

export type HeadNames = {
  ids: string[];
  unmatched: string[];
  /** The head names its units (even if none is among the recipients): it decides the assignees. */
  named: boolean;
};

/** The text before a colon, or a short heading, read as a list of units; else the units a sentence starts with. */
export const assigneesOfHead = (head: string, index: RecipientIndex): HeadNames => {
  const colon = head.indexOf(':');
  const lead = colon > 0 && colon <= 200 ? head.slice(0, colon) : head.length <= 200 ? trimEndPunct(head) : '';
  if (lead !== '') {
    const named = index.named(lead);
    if (named.pure) return { ids: named.ids, unmatched: named.unmatched, named: true };
  }
  const ids = index.leading(head);
  return { ids, unmatched: [], named: ids.length > 0 };
};

const REQUEST_VERB = tol('(?<![a-z_])(?:de nghi|yeu cau|giao)\\s+');

/** "Đề nghị …", "yêu cầu …", "giao …": the paragraph asks someone to act. */
export const isRequest = (key: string): boolean => REQUEST_VERB.test(key);

/** The recipients right after the request verb ("Giao Sở Tài chính chủ trì …"); none when it names none. */
export const requestedUnits = (raw: string, key: string, index: RecipientIndex): string[] => {
  const verb = REQUEST_VERB.exec(key);
  return verb ? index.leading(raw.slice(verb.index + verb[0].length)) : [];
};

/** A task keeps `unmatched`, the units it names that are not recipients, until this warning is written. */
export type AssignedTask = DraftTask & { unmatched?: string[] };

export const warnAboutAssignees = (task: AssignedTask, k: number, findings: Findings) => {
  if (task.unmatched?.length)
    warn(
      findings,
      `tasks.${k}.assignees`,
      task.assignees.length ? MESSAGES.unknownAssignees(task.unmatched) : MESSAGES.unknownOnlyAssignees(task.unmatched),
    );
  else if (task.assignees.length === 0) warn(findings, `tasks.${k}.assignees`, MESSAGES.noAssignees);
};
