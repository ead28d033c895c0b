import { minus } from '../time.ts';
import { type Assignment, isOpen, type Obligation, openObligations } from './assignment.ts';

/**
 * A checkpoint is a moment the workflow must wake up for: a reminder before a deadline, or an escalation when
 * one is missed. Checkpoints are derived from the stored item every time, so an extension or a late report
 * changes them without touching the running execution beyond a wake-up.
 */
export type Checkpoint =
  | { id: string; kind: 'REMIND'; at: string; obligation: Obligation; before: string }
  | { id: string; kind: 'ESCALATE'; at: string; obligation: Obligation; level: number };

/** Step Functions accepts at most 99,999,999 s; a month keeps every wait short and re-reads the item. */
export const MAX_WAIT_SECONDS = 30 * 24 * 3600;

export const checkpointsOf = (a: Assignment): Checkpoint[] => {
  const all: Checkpoint[] = [];
  for (const o of openObligations(a)) {
    if (!o.deadline) continue;
    for (const before of a.policy.remindBefore) {
      const at = minus(o.deadline, before);
      // A reminder that would fall before the invitation went out says nothing the invitation didn't.
      if (a.deliveredAt && Date.parse(at) <= Date.parse(a.deliveredAt)) continue;
      all.push({ id: `remind:${o.key}:${before}:${o.deadline}`, kind: 'REMIND', at, obligation: o, before });
    }
    all.push({ id: `escalate:${o.key}:1:${o.deadline}`, kind: 'ESCALATE', at: o.deadline, obligation: o, level: 1 });
  }
  return all.filter((c) => !a.checkpointsDone.includes(c.id)).sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
};

export const dueCheckpoints = (a: Assignment, now: string) =>
  checkpointsOf(a).filter((c) => Date.parse(c.at) <= Date.parse(now));

/**
 * What the execution does next: end, or wait until the next checkpoint. `version` is the item version the plan
 * was computed from; the step that stores the next task token checks it, so a click that landed in between is
 * never missed.
 */
export type Plan = {
  done: boolean;
  status: Assignment['status'];
  version: number;
  timeoutSeconds: number;
  at?: string;
};

export const planNext = (a: Assignment, now: string): Plan => {
  if (!isOpen(a.status)) return { done: true, status: a.status, version: a.version, timeoutSeconds: 1 };
  // A checkpoint already due (a send that failed and will be retried) makes the wait end at once.
  const next = checkpointsOf(a)[0];
  const seconds = next ? Math.ceil((Date.parse(next.at) - Date.parse(now)) / 1000) : MAX_WAIT_SECONDS;
  return {
    done: false,
    status: a.status,
    version: a.version,
    timeoutSeconds: Math.min(Math.max(seconds, 1), MAX_WAIT_SECONDS),
    ...(next ? { at: next.at } : {}),
  };
};
