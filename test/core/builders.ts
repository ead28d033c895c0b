import { DateTime } from 'luxon';
import type { Assignment, AssignmentStatus, FollowUpPolicy, ReportSlot } from '#core/assignment/model.ts';
import type { Transition } from '#core/assignment/transitions.ts';
import { END_OF_WORKING_DAY } from '#core/directive.ts';

/**
 * Small builders for the pure core's tests: instants written in Hà Nội time, and assignments in any state
 * without going through a directive, storage or a workflow.
 *
 * The reference week is Monday 13/03/2023 to Friday 17/03/2023 (and the next, 20–24/03): no holiday near it.
 */

export const ZONE = 'Asia/Ho_Chi_Minh';

/** `'2023-03-15 17:00'` (Hà Nội) → the UTC instant as the core stores it (`2023-03-15T10:00:00.000Z`). */
export const hn = (local: string): string => {
  const parsed = DateTime.fromISO(local.replace(' ', 'T'), { zone: ZONE });
  if (!parsed.isValid) throw new RangeError(`Not a local date-time: ${local}`);
  return parsed.toUTC().toJSDate().toISOString();
};

/** An instant as `yyyy-MM-dd HH:mm` in Hà Nội, for readable failures. */
export const local = (iso: string): string => DateTime.fromISO(iso).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm');

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export const DEFAULT_POLICY: FollowUpPolicy = {
  acknowledgeWithin: END_OF_WORKING_DAY,
  remindBefore: ['P2D', 'P1D'],
  remindOnTheDay: true,
  escalateAfterWorkingDays: 2,
};

/** Issued Monday 13/03/2023 09:00, delivered at 09:05, acknowledgement due at 17:00 the same day. */
export const ISSUED_AT = hn('2023-03-13 09:00');
export const DELIVERED_AT = hn('2023-03-13 09:05');
export const ACK_DEADLINE = hn('2023-03-13 17:00');
export const ACKNOWLEDGED_AT = hn('2023-03-13 10:00');
/** Task 1's report is due on Friday 17/03/2023 at 17:00. */
export const DEADLINE = hn('2023-03-17 17:00');

export const RECIPIENT = 'Sở Y tế';

/** One recipient, one task (`1`) with a report due at DEADLINE, in the state asked for. */
export const assignment = (status: AssignmentStatus = 'ISSUED', over: Partial<Assignment> = {}): Assignment => {
  const delivered = status !== 'ISSUED';
  const acknowledged = status === 'ACKNOWLEDGED' || status === 'COMPLETED';
  const base: Assignment = {
    directiveId: 'd-1',
    recipientId: 'so-y-te',
    recipientName: RECIPIENT,
    recipientEmail: 'syt@example.gov.vn',
    status,
    version: 3,
    createdAt: ISSUED_AT,
    policy: DEFAULT_POLICY,
    ...(delivered && status !== 'DELIVERY_FAILED' ? { deliveredAt: DELIVERED_AT, ackDeadline: ACK_DEADLINE } : {}),
    ...(acknowledged ? { acknowledgedAt: ACKNOWLEDGED_AT } : {}),
    reports: { '1': { taskCode: '1', deadline: DEADLINE } },
    escalationLevel: 0,
    linkVersion: 1,
    history: [{ at: ISSUED_AT, type: 'ISSUED', by: 'Sở TT&TT' }],
  };
  if (status === 'COMPLETED') {
    const at = hn('2023-03-16 10:00');
    base.reports = { '1': { taskCode: '1', deadline: DEADLINE, submittedAt: at, late: false, reportId: 'rep-1' } };
    base.completedAt = at;
    base.outcome = 'ON_TIME';
  }
  if (status === 'CANCELLED') base.cancelledAt = hn('2023-03-14 10:00');
  return { ...base, ...over };
};

/** Report slots keyed by task code. */
export const slots = (...list: ReportSlot[]): Record<string, ReportSlot> =>
  Object.fromEntries(list.map((s) => [s.period ? `${s.taskCode}#${s.period}` : s.taskCode, s]));

/** Freezes an assignment all the way down: a transition that mutated its input would throw. */
export const frozen = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
};

/** The applied transition, or a failure that names the refusal instead. */
export const applied = (t: Transition) => {
  if (!t.ok) throw new Error(`expected the transition to apply, it was refused: ${t.refusal}`);
  return t;
};

export const refusalOf = (t: Transition) => (t.ok ? 'APPLIED' : t.refusal);
