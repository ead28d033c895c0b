import { parseIso, startOfDayOf } from '../calendar/hanoi-time.ts';
import { addWorkingDays, nextWorkingMorning } from '../calendar/index.ts';
import { minus } from '../calendar/time.ts';
import { type Assignment, isOpen, type Obligation, openObligations } from './model.ts';

/**
 * A checkpoint is a moment the workflow must wake up for: a reminder before a deadline, or an escalation when
 * one is missed. Checkpoints are derived from the stored item every time, so an extension or a late report
 * changes them without touching the running execution beyond a wake-up.
 *
 * What has been sent is one instant per obligation (`remindedUntil`): the checkpoint step sends the latest
 * checkpoint that fell due and makes the earlier ones moot, so the checkpoints done always are those up to an
 * instant. An item thus records a year of daily reports' reminders in a bounded space, and a new deadline
 * (an extension) starts with none done.
 */
export type Checkpoint =
  | { id: string; kind: 'REMIND'; at: string; obligation: Obligation; before: string }
  | { id: string; kind: 'ESCALATE'; at: string; obligation: Obligation; level: number };

/** Step Functions accepts at most 99,999,999 s; a month keeps every wait short and re-reads the item. */
export const MAX_WAIT_SECONDS = 30 * 24 * 3600;

export const ON_THE_DAY = 'DAY';
const DEFAULT_ESCALATE_AFTER = 2;

const ms = Date.parse;

/** 08:00 in Hà Nội on the day the deadline falls. */
const morningOf = (deadline: string) => {
  const at = parseIso(deadline);
  return at === undefined ? deadline : new Date(startOfDayOf(at) + 8 * 3_600_000).toISOString();
};

/**
 * When a reminder goes out: never at night or on a day off (it waits for 08:00 of the next working day), never
 * once the deadline has come, never before the invitation itself.
 */
const reminderTime = (due: string, deadline: string, deliveredAt?: string, deadlineSetAt?: string) => {
  const at = nextWorkingMorning(due);
  if (ms(at) >= ms(deadline)) return undefined;
  if (deliveredAt && ms(at) <= ms(deliveredAt)) return undefined;
  // Nor before an extension set this deadline: a reminder that was due before the grant is moot.
  if (deadlineSetAt && ms(at) <= ms(deadlineSetAt)) return undefined;
  return at;
};

type Timing = { kind: 'REMIND'; at: string; before: string } | { kind: 'ESCALATE'; at: string; level: number };

/**
 * The times of one deadline's reminders and escalations depend only on the deadline, the follow-up policy, the
 * delivery and the extension; they are computed once per container (the calendar arithmetic is the costly part,
 * and a year of daily reports asks for 366 deadlines at every step).
 */
const timings = new Map<string, Timing[]>();
const MAX_TIMINGS = 20_000;

const timingsOf = (a: Assignment, deadline: string, deadlineSetAt?: string): Timing[] => {
  const p = a.policy;
  const key = [
    deadline,
    deadlineSetAt,
    a.deliveredAt,
    p.remindBefore.join(','),
    p.remindOnTheDay,
    p.escalateAfterWorkingDays,
  ].join('|');
  const known = timings.get(key);
  if (known) return known;
  const list: Timing[] = [];
  for (const before of [...p.remindBefore, ...(p.remindOnTheDay ? [ON_THE_DAY] : [])]) {
    const due = before === ON_THE_DAY ? morningOf(deadline) : minus(deadline, before);
    const at = reminderTime(due, deadline, a.deliveredAt, deadlineSetAt);
    if (at) list.push({ kind: 'REMIND', at, before });
  }
  list.push({ kind: 'ESCALATE', at: deadline, level: 1 });
  list.push({
    kind: 'ESCALATE',
    at: addWorkingDays(deadline, p.escalateAfterWorkingDays ?? DEFAULT_ESCALATE_AFTER),
    level: 2,
  });
  if (timings.size >= MAX_TIMINGS) timings.clear();
  timings.set(key, list);
  return list;
};

const checkpointsOfObligation = (a: Assignment, o: Obligation): Checkpoint[] => {
  const deadline = o.deadline;
  if (!deadline) return [];
  return timingsOf(a, deadline, o.deadlineSetAt)
    .filter((t) => o.remindedUntil === undefined || ms(t.at) > ms(o.remindedUntil))
    .map(
      (t): Checkpoint =>
        t.kind === 'REMIND'
          ? { id: `remind:${o.key}:${t.before}:${deadline}`, kind: 'REMIND', at: t.at, obligation: o, before: t.before }
          : {
              id: `escalate:${o.key}:${t.level}:${deadline}`,
              kind: 'ESCALATE',
              at: t.at,
              obligation: o,
              level: t.level,
            },
    );
};

export const checkpointsOf = (a: Assignment): Checkpoint[] =>
  openObligations(a)
    .flatMap((o) => checkpointsOfObligation(a, o))
    .sort((x, y) => ms(x.at) - ms(y.at));

export const dueCheckpoints = (a: Assignment, now: string) => checkpointsOf(a).filter((c) => ms(c.at) <= ms(now));

/**
 * What the execution does next: end, or wait until the next checkpoint. `version` is the item version the plan
 * was computed from; the step that stores the next task token checks it, so a click that landed in between is
 * never missed.
 */
export type Plan = {
  done: boolean;
  /** Go on in a new execution: this one is old or long (see `mustRenew`). */
  renew: boolean;
  status: Assignment['status'];
  version: number;
  timeoutSeconds: number;
  at?: string;
};

/**
 * A Standard execution lives at most a year and keeps at most 25,000 history events. An execution goes on in a
 * new one well before either: after RENEW_AFTER_DAYS, or after RENEW_AFTER_VERSIONS changes of the item (each
 * change costs the execution at most one wake-up, about a dozen events).
 */
export const RENEW_AFTER_DAYS = 300;
export const RENEW_AFTER_VERSIONS = 600;

/** What the step knows of the execution it runs in, and after how many days it goes on in a new one. */
export type ExecutionLife = { startedAt: string; renewAfterDays?: number };

export const mustRenew = (a: Assignment, now: string, life?: ExecutionLife) =>
  life !== undefined &&
  isOpen(a.status) &&
  (ms(now) - ms(life.startedAt) >= (life.renewAfterDays ?? RENEW_AFTER_DAYS) * 86_400_000 ||
    a.version - (a.generationVersion ?? 0) >= RENEW_AFTER_VERSIONS);

/** The plan when there is nothing left to track: the assignment item is gone. */
export const PLAN_GONE: Plan = { done: true, renew: false, status: 'CANCELLED', version: 0, timeoutSeconds: 1 };

export const planNext = (a: Assignment, now: string, life?: ExecutionLife): Plan => {
  if (!isOpen(a.status)) return { done: true, renew: false, status: a.status, version: a.version, timeoutSeconds: 1 };
  // A checkpoint already due (a send that failed and will be retried) makes the wait end at once. A phone notice
  // that waits for working hours (core/assignment/notices.ts) wakes the execution like a checkpoint.
  const checkpoint = checkpointsOf(a)[0]?.at;
  const pending = a.notices?.pending?.due;
  const next =
    pending && (!checkpoint || ms(pending) < ms(checkpoint))
      ? { at: pending }
      : checkpoint
        ? { at: checkpoint }
        : undefined;
  const seconds = next ? Math.ceil((ms(next.at) - ms(now)) / 1000) : MAX_WAIT_SECONDS;
  return {
    done: false,
    renew: mustRenew(a, now, life),
    status: a.status,
    version: a.version,
    timeoutSeconds: Math.min(Math.max(seconds, 1), MAX_WAIT_SECONDS),
    ...(next ? { at: next.at } : {}),
  };
};
