import { describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointsOf } from '#core/assignment/checkpoints.ts';
import type {
  Assignment,
  AssignmentStatus,
  EventType,
  ExtensionRequest,
  HistoryEvent,
  Outcome,
} from '#core/assignment/model.ts';
import {
  acknowledge,
  cancel,
  deliver,
  failDelivery,
  grantExtension,
  type Refusal,
  recordCheckpoint,
  recordStepFailure,
  refuseExtension,
  report,
  requestExtension,
  resendLink,
  resume,
  type Transition,
} from '#core/assignment/transitions.ts';
import {
  ACK_DEADLINE,
  ACKNOWLEDGED_AT,
  applied,
  assignment,
  DEADLINE,
  DELIVERED_AT,
  frozen,
  HOUR,
  hn,
  later,
  MINUTE,
  RECIPIENT,
  refusalOf,
  slots,
} from './builders.ts';

/**
 * Every transition as a table: a starting assignment, an action, and what comes out: applied (with the status,
 * outcome and event types that result) or refused (with the refusal's kind). Messages are not asserted: they
 * are the web layer's to word.
 */

/** Wednesday 15/03/2023 10:00: after delivery, before task 1's deadline (Friday 17:00). */
const NOW = hn('2023-03-15 10:00');
/** Monday 20/03/2023 10:00: task 1's deadline has passed. */
const LATE = hn('2023-03-20 10:00');
const NEW_DEADLINE = hn('2023-03-24 17:00');

// The documented bounds (README, "Items stay small"), written out rather than imported: a test that read them
// from the code would follow them wherever they moved.
const MAX_EXCERPT = 160;
const MAX_NAME = 80;
const MAX_EVENTS_PER_TRANSITION = 6;
const MAX_PENDING_EXTENSIONS = 5;
const OFFICIAL = 'Nguyễn Văn Bình';

type Row = {
  name: string;
  from: Assignment;
  act: (a: Assignment) => Transition;
  /** Refused with this kind; or, when absent, applied with what follows. */
  refused?: Refusal;
  status?: AssignmentStatus;
  outcome?: Outcome;
  events?: EventType[];
  check?: (next: Assignment, events: HistoryEvent[], from: Assignment) => void;
};

const request = (taskCode: string, requestedAt: string, until = NEW_DEADLINE): ExtensionRequest => ({
  requestedAt,
  taskCode,
  until,
  reason: 'Cần thêm thời gian tổng hợp',
  reasonId: `reason-${taskCode}`,
});
const pending = (...requests: ExtensionRequest[]) => Object.fromEntries(requests.map((r) => [r.taskCode, r]));

/** Slots `1` … `n`, each due at DEADLINE. */
const tasks = (n: number) =>
  slots(...Array.from({ length: n }, (_, i) => ({ taskCode: String(i + 1), deadline: DEADLINE })));

const reported = (at = hn('2023-03-14 10:00'), late = false) => ({
  taskCode: '2',
  deadline: DEADLINE,
  submittedAt: at,
  late,
  reportId: 'rep-2',
});

const CLOSED_STATES = ['CANCELLED', 'COMPLETED', 'DELIVERY_FAILED'] as const;
const OPEN_STATES = ['ISSUED', 'DELIVERED', 'ACKNOWLEDGED'] as const;
/** Keys that every object answers through its prototype: a lookup by a user's key must not find them. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const run = (rows: Row[]) =>
  it.each(rows)('$name', ({ from, act, refused, status, outcome, events, check }) => {
    const before = structuredClone(from);
    const result = act(frozen(from));
    expect(from).toEqual(before); // the input is never changed
    if (refused) {
      expect(refusalOf(result)).toBe(refused);
      return;
    }
    const { next, events: added } = applied(result);
    if (status) expect(next.status).toBe(status);
    if (outcome) expect(next.outcome).toBe(outcome);
    if (events) expect(added.map((e) => e.type)).toEqual(events);
    // The bounds hold for every transition: a few events, each with bounded text.
    expect(added.length).toBeGreaterThan(0);
    expect(added.length).toBeLessThanOrEqual(MAX_EVENTS_PER_TRANSITION);
    for (const e of added) {
      expect((e.detail ?? '').length).toBeLessThanOrEqual(MAX_EXCERPT);
      expect((e.by ?? '').length).toBeLessThanOrEqual(MAX_NAME);
    }
    check?.(next, added, from);
  });

describe('deliver', () => {
  run([
    {
      name: 'ISSUED → DELIVERED on Wednesday 09:00: acknowledgement due by 17:00 the same day',
      from: assignment('ISSUED'),
      act: (a) => deliver(a, hn('2023-03-15 09:00')),
      status: 'DELIVERED',
      events: ['DELIVERED'],
      check: (next) => {
        expect(next.deliveredAt).toBe(hn('2023-03-15 09:00'));
        expect(next.ackDeadline).toBe(hn('2023-03-15 17:00'));
      },
    },
    {
      name: 'delivered in the last working hour (16:30): due by the end of the next working day',
      from: assignment('ISSUED'),
      act: (a) => deliver(a, hn('2023-03-15 16:30')),
      status: 'DELIVERED',
      check: (next) => expect(next.ackDeadline).toBe(hn('2023-03-16 17:00')),
    },
    {
      name: 'delivered Friday 16:30: due Monday 17:00',
      from: assignment('ISSUED'),
      act: (a) => deliver(a, hn('2023-03-17 16:30')),
      check: (next) => expect(next.ackDeadline).toBe(hn('2023-03-20 17:00')),
    },
    {
      name: 'delivered on a Saturday: due Monday 17:00',
      from: assignment('ISSUED'),
      act: (a) => deliver(a, hn('2023-03-18 10:00')),
      check: (next) => expect(next.ackDeadline).toBe(hn('2023-03-20 17:00')),
    },
    {
      name: 'PT8H counts working hours: Friday 16:00 + 8 h = Monday 15:00',
      from: assignment('ISSUED', { policy: { ...assignment().policy, acknowledgeWithin: 'PT8H' } }),
      act: (a) => deliver(a, hn('2023-03-17 16:00')),
      check: (next) => expect(next.ackDeadline).toBe(hn('2023-03-20 15:00')),
    },
    {
      name: 'P1D is a calendar day',
      from: assignment('ISSUED', { policy: { ...assignment().policy, acknowledgeWithin: 'P1D' } }),
      act: (a) => deliver(a, hn('2023-03-17 16:00')),
      check: (next) => expect(next.ackDeadline).toBe(hn('2023-03-18 16:00')),
    },
    ...(['DELIVERED', 'ACKNOWLEDGED', 'COMPLETED', 'CANCELLED'] as const).map(
      (s): Row => ({
        name: `${s}: already delivered`,
        from: assignment(s),
        act: (a) => deliver(a, NOW),
        refused: 'ALREADY_DONE',
      }),
    ),
  ]);
});

describe('failDelivery', () => {
  run([
    {
      name: 'ISSUED → DELIVERY_FAILED, the error kept and cut',
      from: assignment('ISSUED'),
      act: (a) => failDelivery(a, NOW, `MessageRejected: ${'x'.repeat(400)}`),
      status: 'DELIVERY_FAILED',
      events: ['DELIVERY_FAILED'],
      check: (_, [e]) => expect(e?.detail).toHaveLength(MAX_EXCERPT),
    },
    {
      name: 'DELIVERED: already delivered',
      from: assignment('DELIVERED'),
      act: (a) => failDelivery(a, NOW, 'late bounce'),
      refused: 'ALREADY_DONE',
    },
  ]);
});

describe('acknowledge', () => {
  run([
    {
      name: 'DELIVERED, before the acknowledgement deadline: ACKNOWLEDGED, not late, its reminders forgotten',
      from: assignment('DELIVERED', { ackRemindedUntil: hn('2023-03-13 10:00') }),
      act: (a) => acknowledge(a, ACKNOWLEDGED_AT),
      status: 'ACKNOWLEDGED',
      events: ['ACKNOWLEDGED'],
      check: (next, [e]) => {
        expect(e?.late).toBe(false);
        expect(next.acknowledgedAt).toBe(ACKNOWLEDGED_AT);
        expect(next.deliveredAt).toBe(DELIVERED_AT);
        expect(next.ackRemindedUntil).toBeUndefined();
      },
    },
    {
      name: 'DELIVERED, at the acknowledgement deadline exactly: not late',
      from: assignment('DELIVERED'),
      act: (a) => acknowledge(a, ACK_DEADLINE),
      events: ['ACKNOWLEDGED'],
      check: (_, [e]) => expect(e?.late).toBe(false),
    },
    {
      name: 'DELIVERED, after the acknowledgement deadline: ACKNOWLEDGED, late',
      from: assignment('DELIVERED'),
      act: (a) => acknowledge(a, later(ACK_DEADLINE, 1)),
      status: 'ACKNOWLEDGED',
      events: ['ACKNOWLEDGED'],
      check: (_, [e]) => expect(e?.late).toBe(true),
    },
    {
      name: 'ISSUED (the click beat the DELIVERED write): ACKNOWLEDGED, delivered at the same instant',
      from: assignment('ISSUED'),
      act: (a) => acknowledge(a, NOW),
      status: 'ACKNOWLEDGED',
      events: ['ACKNOWLEDGED'],
      check: (next) => expect(next.deliveredAt).toBe(NOW),
    },
    {
      name: 'no report owed: acknowledging completes, on time',
      from: assignment('DELIVERED', { reports: {} }),
      act: (a) => acknowledge(a, ACKNOWLEDGED_AT),
      status: 'COMPLETED',
      outcome: 'ON_TIME',
      events: ['ACKNOWLEDGED', 'COMPLETED'],
      check: (next) => expect(next.completedAt).toBe(ACKNOWLEDGED_AT),
    },
    {
      name: 'no report owed, acknowledged late: completes LATE',
      from: assignment('DELIVERED', { reports: {} }),
      act: (a) => acknowledge(a, LATE),
      status: 'COMPLETED',
      outcome: 'LATE',
      events: ['ACKNOWLEDGED', 'COMPLETED'],
    },
    ...(['ACKNOWLEDGED', 'COMPLETED'] as const).map(
      (s): Row => ({
        name: `${s}: already`,
        from: assignment(s),
        act: (a) => acknowledge(a, NOW),
        refused: 'ALREADY_DONE',
      }),
    ),
    ...(['CANCELLED', 'DELIVERY_FAILED'] as const).map(
      (s): Row => ({ name: `${s}: closed`, from: assignment(s), act: (a) => acknowledge(a, NOW), refused: 'CLOSED' }),
    ),
  ]);
});

const reportOf =
  (taskCode: string, at = NOW) =>
  (a: Assignment) =>
    report(a, at, { taskCode, reportId: 'rep-1' });

describe('report', () => {
  run([
    {
      name: 'ACKNOWLEDGED, on time: the only report completes the assignment ON_TIME',
      from: assignment('ACKNOWLEDGED'),
      act: reportOf('1'),
      status: 'COMPLETED',
      outcome: 'ON_TIME',
      events: ['REPORTED', 'COMPLETED'],
      check: (next, [e]) => {
        expect(next.reports['1']).toEqual({
          taskCode: '1',
          deadline: DEADLINE,
          submittedAt: NOW,
          late: false,
          reportId: 'rep-1',
        });
        expect(e).toMatchObject({ taskCode: '1', late: false, by: RECIPIENT });
        expect(next.completedAt).toBe(NOW);
      },
    },
    {
      name: 'at the deadline exactly: on time',
      from: assignment('ACKNOWLEDGED'),
      act: reportOf('1', DEADLINE),
      outcome: 'ON_TIME',
    },
    {
      name: 'a millisecond after the deadline: late, and the assignment completes LATE',
      from: assignment('ACKNOWLEDGED'),
      act: reportOf('1', later(DEADLINE, 1)),
      status: 'COMPLETED',
      outcome: 'LATE',
      events: ['REPORTED', 'COMPLETED'],
      check: (next, [e]) => {
        expect(next.reports['1']?.late).toBe(true);
        expect(e?.late).toBe(true);
      },
    },
    {
      name: 'a slot without a deadline is never late',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1' }) }),
      act: reportOf('1', LATE),
      outcome: 'ON_TIME',
    },
    {
      name: 'one report of two: still ACKNOWLEDGED',
      from: assignment('ACKNOWLEDGED', { reports: tasks(2) }),
      act: reportOf('1'),
      status: 'ACKNOWLEDGED',
      events: ['REPORTED'],
      check: (next) => expect(next.outcome).toBeUndefined(),
    },
    {
      name: 'the last report on time after another was late: completes LATE',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1', deadline: DEADLINE }, reported(LATE, true)) }),
      act: reportOf('1'),
      status: 'COMPLETED',
      outcome: 'LATE',
    },
    {
      name: 'one period of a periodic report, by its slot key',
      from: assignment('ACKNOWLEDGED', {
        reports: slots(
          { taskCode: '1', period: '2023-03-15', deadline: hn('2023-03-15 17:00') },
          { taskCode: '1', period: '2023-03-16', deadline: hn('2023-03-16 17:00') },
        ),
      }),
      act: reportOf('1#2023-03-15'),
      status: 'ACKNOWLEDGED',
      events: ['REPORTED'],
      check: (next) => {
        expect(next.reports['1#2023-03-15']).toMatchObject({ taskCode: '1', period: '2023-03-15', submittedAt: NOW });
        expect(next.reports['1#2023-03-16']?.submittedAt).toBeUndefined();
      },
    },
    {
      name: 'before the acknowledgement (DELIVERED): implies it, and completes',
      from: assignment('DELIVERED'),
      act: reportOf('1'),
      status: 'COMPLETED',
      outcome: 'ON_TIME',
      events: ['ACKNOWLEDGED', 'REPORTED', 'COMPLETED'],
      check: (next) => expect(next.acknowledgedAt).toBe(NOW),
    },
    {
      name: 'before the acknowledgement, one report of two: ACKNOWLEDGED',
      from: assignment('DELIVERED', { reports: tasks(2) }),
      act: reportOf('2'),
      status: 'ACKNOWLEDGED',
      events: ['ACKNOWLEDGED', 'REPORTED'],
    },
    {
      name: 'before the DELIVERED write (ISSUED): delivered and acknowledged at the same instant',
      from: assignment('ISSUED'),
      act: reportOf('1'),
      status: 'COMPLETED',
      events: ['ACKNOWLEDGED', 'REPORTED', 'COMPLETED'],
      check: (next) => {
        expect(next.deliveredAt).toBe(NOW);
        expect(next.acknowledgedAt).toBe(NOW);
      },
    },
    {
      name: "the report withdraws its slot's pending extension request and forgets its reminders",
      from: assignment('ACKNOWLEDGED', {
        reports: slots(
          { taskCode: '1', deadline: DEADLINE, remindedUntil: hn('2023-03-15 08:00') },
          { taskCode: '2', deadline: DEADLINE },
        ),
        extensionRequests: pending(request('1', hn('2023-03-14 10:00')), request('2', hn('2023-03-14 10:00'))),
      }),
      act: reportOf('1'),
      status: 'ACKNOWLEDGED',
      check: (next) => {
        expect(Object.keys(next.extensionRequests ?? {})).toEqual(['2']);
        expect(next.reports['1']?.remindedUntil).toBeUndefined();
      },
    },
    {
      name: 'completing drops every pending request',
      from: assignment('ACKNOWLEDGED', { extensionRequests: pending(request('1', hn('2023-03-14 10:00'))) }),
      act: reportOf('1'),
      status: 'COMPLETED',
      check: (next) => expect(next.extensionRequests).toBeUndefined(),
    },
    {
      name: 'a task this recipient does not carry: UNKNOWN_TASK',
      from: assignment('ACKNOWLEDGED'),
      act: reportOf('9'),
      refused: 'UNKNOWN_TASK',
    },
    {
      name: 'the acknowledgement is not a report slot: UNKNOWN_TASK',
      from: assignment('DELIVERED'),
      act: reportOf('ack'),
      refused: 'UNKNOWN_TASK',
    },
    ...PROTOTYPE_KEYS.map(
      (code): Row => ({
        name: `task code ${code}, which every object answers: UNKNOWN_TASK`,
        from: assignment('ACKNOWLEDGED'),
        act: reportOf(code),
        refused: 'UNKNOWN_TASK',
      }),
    ),
    {
      name: 'a slot already reported: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1', deadline: DEADLINE }, reported()) }),
      act: reportOf('2'),
      refused: 'ALREADY_DONE',
    },
    { name: 'COMPLETED: ALREADY_DONE', from: assignment('COMPLETED'), act: reportOf('1'), refused: 'ALREADY_DONE' },
    { name: 'CANCELLED: CLOSED', from: assignment('CANCELLED'), act: reportOf('1'), refused: 'CLOSED' },
    { name: 'DELIVERY_FAILED: CLOSED', from: assignment('DELIVERY_FAILED'), act: reportOf('1'), refused: 'CLOSED' },
    { name: 'CANCELLED, unknown task: CLOSED', from: assignment('CANCELLED'), act: reportOf('9'), refused: 'CLOSED' },
    {
      name: 'CANCELLED, __proto__: CLOSED',
      from: assignment('CANCELLED'),
      act: reportOf('__proto__'),
      refused: 'CLOSED',
    },
  ]);
});

describe('cancel', () => {
  run([
    ...OPEN_STATES.map(
      (s): Row => ({
        name: `${s} → CANCELLED, pending requests dropped`,
        from: assignment(s, { extensionRequests: pending(request('1', hn('2023-03-14 10:00'))) }),
        act: (a) => cancel(a, NOW, OFFICIAL, 'Đơn vị đã giải thể'),
        status: 'CANCELLED',
        events: ['CANCELLED'],
        check: (next, [e]) => {
          expect(next.cancelledAt).toBe(NOW);
          expect(next.extensionRequests).toBeUndefined();
          expect(e).toMatchObject({ by: OFFICIAL, detail: 'Đơn vị đã giải thể' });
        },
      }),
    ),
    {
      name: 'without a reason: no detail',
      from: assignment('DELIVERED'),
      act: (a) => cancel(a, NOW, OFFICIAL),
      events: ['CANCELLED'],
      check: (_, [e]) => expect(e).not.toHaveProperty('detail'),
    },
    {
      name: 'the reason is cut to 160 characters, the name to 80',
      from: assignment('DELIVERED'),
      act: (a) => cancel(a, NOW, 'Ô'.repeat(300), 'ư'.repeat(2000)),
      check: (_, [e]) => {
        expect(e?.detail).toHaveLength(MAX_EXCERPT);
        expect(e?.detail?.endsWith('…')).toBe(true);
        expect(e?.by).toHaveLength(MAX_NAME);
      },
    },
    {
      name: 'CANCELLED: ALREADY_DONE',
      from: assignment('CANCELLED'),
      act: (a) => cancel(a, NOW, OFFICIAL),
      refused: 'ALREADY_DONE',
    },
    {
      name: 'COMPLETED: CLOSED',
      from: assignment('COMPLETED'),
      act: (a) => cancel(a, NOW, OFFICIAL),
      refused: 'CLOSED',
    },
    {
      name: 'DELIVERY_FAILED: CLOSED',
      from: assignment('DELIVERY_FAILED'),
      act: (a) => cancel(a, NOW, OFFICIAL),
      refused: 'CLOSED',
    },
  ]);
});

const ask =
  (taskCode: string, until: string, at = NOW, reason = 'Cần thêm thời gian') =>
  (a: Assignment) =>
    requestExtension(a, at, { taskCode, until, reason, reasonId: 'sub-9' });

describe('requestExtension: one pending per slot, replaced at most hourly, at most five in all', () => {
  run([
    {
      name: 'a later deadline than the one in force: pending',
      from: assignment('ACKNOWLEDGED'),
      act: ask('1', NEW_DEADLINE),
      status: 'ACKNOWLEDGED',
      events: ['EXTENSION_REQUESTED'],
      check: (next, [e]) => {
        expect(next.extensionRequests).toEqual({
          '1': {
            requestedAt: NOW,
            taskCode: '1',
            until: NEW_DEADLINE,
            reason: 'Cần thêm thời gian',
            reasonId: 'sub-9',
          },
        });
        expect(e).toMatchObject({ taskCode: '1', deadline: NEW_DEADLINE, by: RECIPIENT });
        expect(next.reports).toEqual(assignment('ACKNOWLEDGED').reports); // the deadline is unchanged until granted
      },
    },
    {
      name: 'before acknowledging (DELIVERED): allowed',
      from: assignment('DELIVERED'),
      act: ask('1', NEW_DEADLINE),
      status: 'DELIVERED',
      events: ['EXTENSION_REQUESTED'],
    },
    {
      name: 'until the deadline in force: INVALID',
      from: assignment('ACKNOWLEDGED'),
      act: ask('1', DEADLINE),
      refused: 'INVALID',
    },
    {
      name: 'until before the deadline in force: INVALID',
      from: assignment('ACKNOWLEDGED'),
      act: ask('1', hn('2023-03-16 17:00')),
      refused: 'INVALID',
    },
    {
      name: 'a slot without a deadline: until now is INVALID',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1' }) }),
      act: ask('1', NOW),
      refused: 'INVALID',
    },
    {
      name: 'a slot without a deadline: any later instant is fine',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1' }) }),
      act: ask('1', later(NOW, 1)),
      events: ['EXTENSION_REQUESTED'],
    },
    {
      name: 'unknown task: UNKNOWN_TASK',
      from: assignment('ACKNOWLEDGED'),
      act: ask('9', NEW_DEADLINE),
      refused: 'UNKNOWN_TASK',
    },
    {
      name: 'the acknowledgement cannot be extended: UNKNOWN_TASK',
      from: assignment('DELIVERED'),
      act: ask('ack', NEW_DEADLINE),
      refused: 'UNKNOWN_TASK',
    },
    ...PROTOTYPE_KEYS.map(
      (code): Row => ({
        name: `task code ${code}: UNKNOWN_TASK`,
        from: assignment('ACKNOWLEDGED'),
        act: ask(code, NEW_DEADLINE),
        refused: 'UNKNOWN_TASK',
      }),
    ),
    {
      name: 'a slot already reported: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1', deadline: DEADLINE }, reported()) }),
      act: ask('2', NEW_DEADLINE),
      refused: 'ALREADY_DONE',
    },
    ...CLOSED_STATES.map(
      (s): Row => ({ name: `${s}: CLOSED`, from: assignment(s), act: ask('1', NEW_DEADLINE), refused: 'CLOSED' }),
    ),
    {
      name: 'the same request again: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED', { extensionRequests: pending(request('1', later(NOW, -5 * MINUTE))) }),
      act: ask('1', NEW_DEADLINE),
      refused: 'ALREADY_DONE',
    },
    {
      name: 'another date for the same slot within the hour: TOO_SOON',
      from: assignment('ACKNOWLEDGED', { extensionRequests: pending(request('1', later(NOW, -HOUR + 1))) }),
      act: ask('1', hn('2023-03-22 17:00')),
      refused: 'TOO_SOON',
    },
    {
      name: 'another date for the same slot an hour later: replaces the pending one',
      from: assignment('ACKNOWLEDGED', { extensionRequests: pending(request('1', later(NOW, -HOUR))) }),
      act: ask('1', hn('2023-03-22 17:00')),
      events: ['EXTENSION_REQUESTED'],
      check: (next) => {
        expect(Object.keys(next.extensionRequests ?? {})).toEqual(['1']);
        expect(next.extensionRequests?.['1']).toMatchObject({ until: hn('2023-03-22 17:00'), requestedAt: NOW });
      },
    },
    {
      name: 'a fifth pending request (on a fifth slot): pending',
      from: assignment('ACKNOWLEDGED', {
        reports: tasks(6),
        extensionRequests: pending(...['1', '2', '3', '4'].map((c) => request(c, hn('2023-03-14 10:00')))),
      }),
      act: ask('5', NEW_DEADLINE),
      check: (next) => expect(Object.keys(next.extensionRequests ?? {})).toHaveLength(MAX_PENDING_EXTENSIONS),
    },
    {
      name: 'a sixth pending request: TOO_MANY',
      from: assignment('ACKNOWLEDGED', {
        reports: tasks(6),
        extensionRequests: pending(...['1', '2', '3', '4', '5'].map((c) => request(c, hn('2023-03-14 10:00')))),
      }),
      act: ask('6', NEW_DEADLINE),
      refused: 'TOO_MANY',
    },
    {
      name: 'five pending: replacing one of them (after an hour) is still fine',
      from: assignment('ACKNOWLEDGED', {
        reports: tasks(6),
        extensionRequests: pending(...['1', '2', '3', '4', '5'].map((c) => request(c, hn('2023-03-14 10:00')))),
      }),
      act: ask('3', hn('2023-03-22 17:00')),
      check: (next) => {
        expect(Object.keys(next.extensionRequests ?? {})).toHaveLength(MAX_PENDING_EXTENSIONS);
        expect(next.extensionRequests?.['3']?.until).toBe(hn('2023-03-22 17:00'));
      },
    },
    {
      name: 'the reason is kept as an excerpt of 160 characters, in the request and in the event',
      from: assignment('ACKNOWLEDGED'),
      act: ask('1', NEW_DEADLINE, NOW, 'Lý do '.repeat(400)),
      check: (next, [e]) => {
        expect(next.extensionRequests?.['1']?.reason.length).toBeLessThanOrEqual(MAX_EXCERPT);
        expect(next.extensionRequests?.['1']?.reason.endsWith('…')).toBe(true);
        expect(e?.detail?.length).toBeLessThanOrEqual(MAX_EXCERPT);
      },
    },
  ]);
});

const grant =
  (taskCode: string, until = NEW_DEADLINE, at = NOW) =>
  (a: Assignment) =>
    grantExtension(a, at, { taskCode, until, by: OFFICIAL });

describe('grantExtension', () => {
  run([
    {
      name: "the pending request granted: the slot's deadline moves, its reminders start over, the request goes",
      from: assignment('ACKNOWLEDGED', {
        reports: slots({ taskCode: '1', deadline: DEADLINE, remindedUntil: hn('2023-03-15 17:00') }),
        extensionRequests: pending(request('1', hn('2023-03-14 10:00'))),
      }),
      act: grant('1'),
      status: 'ACKNOWLEDGED',
      events: ['EXTENSION_GRANTED'],
      check: (next, [e]) => {
        expect(next.reports['1']).toEqual({ taskCode: '1', deadline: NEW_DEADLINE, deadlineSetAt: NOW });
        expect(next.extensionRequests).toBeUndefined();
        expect(e).toMatchObject({ by: OFFICIAL, taskCode: '1', deadline: NEW_DEADLINE, previousDeadline: DEADLINE });
      },
    },
    {
      name: "another slot's pending request stays",
      from: assignment('ACKNOWLEDGED', {
        reports: tasks(2),
        extensionRequests: pending(request('1', hn('2023-03-14 10:00')), request('2', hn('2023-03-14 10:00'))),
      }),
      act: grant('1'),
      check: (next) => expect(Object.keys(next.extensionRequests ?? {})).toEqual(['2']),
    },
    {
      name: 'without a request (an official moves it on their own): applied',
      from: assignment('DELIVERED'),
      act: grant('1'),
      status: 'DELIVERED',
      events: ['EXTENSION_GRANTED'],
    },
    {
      name: 'a slot without a deadline gets one; no previous deadline',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1' }) }),
      act: grant('1'),
      check: (next, [e]) => {
        expect(next.reports['1']?.deadline).toBe(NEW_DEADLINE);
        expect(e).not.toHaveProperty('previousDeadline');
      },
    },
    {
      name: 'after the deadline passed, to a new one still ahead: applied',
      from: assignment('ACKNOWLEDGED', { escalationLevel: 1 }),
      act: grant('1', NEW_DEADLINE, LATE),
      events: ['EXTENSION_GRANTED'],
    },
    {
      name: 'the deadline already in force: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED'),
      act: grant('1', DEADLINE),
      refused: 'ALREADY_DONE',
    },
    { name: 'until now: INVALID', from: assignment('ACKNOWLEDGED'), act: grant('1', NOW), refused: 'INVALID' },
    {
      name: 'until in the past: INVALID',
      from: assignment('ACKNOWLEDGED'),
      act: grant('1', hn('2023-03-14 17:00')),
      refused: 'INVALID',
    },
    {
      name: 'a slot already reported: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1', deadline: DEADLINE }, reported()) }),
      act: grant('2'),
      refused: 'ALREADY_DONE',
    },
    { name: 'unknown task: UNKNOWN_TASK', from: assignment('ACKNOWLEDGED'), act: grant('9'), refused: 'UNKNOWN_TASK' },
    ...PROTOTYPE_KEYS.map(
      (code): Row => ({
        name: `task code ${code}: UNKNOWN_TASK`,
        from: assignment('ACKNOWLEDGED'),
        act: grant(code),
        refused: 'UNKNOWN_TASK',
      }),
    ),
    ...CLOSED_STATES.map(
      (s): Row => ({ name: `${s}: CLOSED`, from: assignment(s), act: grant('1'), refused: 'CLOSED' }),
    ),
  ]);
});

const FIVE_PENDING = pending(...['1', '2', '3', '4', '5'].map((c) => request(c, hn('2023-03-14 10:00'))));

describe('refuseExtension: one slot, or all', () => {
  run([
    {
      name: 'one slot named: its request refused, the other stays',
      from: assignment('ACKNOWLEDGED', {
        reports: tasks(2),
        extensionRequests: pending(request('1', hn('2023-03-14 10:00')), request('2', hn('2023-03-14 11:00'))),
      }),
      act: (a) => refuseExtension(a, NOW, { by: OFFICIAL, taskCode: '1', reason: 'Không có căn cứ' }),
      events: ['EXTENSION_REFUSED'],
      check: (next, [e]) => {
        expect(Object.keys(next.extensionRequests ?? {})).toEqual(['2']);
        expect(e).toMatchObject({ taskCode: '1', deadline: NEW_DEADLINE, by: OFFICIAL, detail: 'Không có căn cứ' });
        expect(next.reports).toEqual(tasks(2)); // deadlines unchanged
      },
    },
    {
      name: 'no slot named: every pending request refused, one event each',
      from: assignment('ACKNOWLEDGED', { reports: tasks(6), extensionRequests: FIVE_PENDING }),
      act: (a) => refuseExtension(a, NOW, { by: OFFICIAL }),
      events: Array(5).fill('EXTENSION_REFUSED'),
      check: (next, added) => {
        expect(next.extensionRequests).toBeUndefined();
        expect(added.map((e) => e.taskCode).sort()).toEqual(['1', '2', '3', '4', '5']);
      },
    },
    {
      name: 'nothing pending: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED'),
      act: (a) => refuseExtension(a, NOW, { by: OFFICIAL }),
      refused: 'ALREADY_DONE',
    },
    {
      name: 'a slot with nothing pending: ALREADY_DONE',
      from: assignment('ACKNOWLEDGED', { reports: tasks(2), extensionRequests: pending(request('2', NOW)) }),
      act: (a) => refuseExtension(a, NOW, { by: OFFICIAL, taskCode: '1' }),
      refused: 'ALREADY_DONE',
    },
    ...PROTOTYPE_KEYS.map(
      (code): Row => ({
        name: `slot ${code}: nothing pending`,
        from: assignment('ACKNOWLEDGED', { extensionRequests: pending(request('1', NOW)) }),
        act: (a) => refuseExtension(a, NOW, { by: OFFICIAL, taskCode: code }),
        refused: 'ALREADY_DONE',
      }),
    ),
  ]);
});

describe('resendLink', () => {
  run([
    ...OPEN_STATES.map(
      (s): Row => ({
        name: `${s}: a new link version, older links stop working`,
        from: assignment(s),
        act: (a) => resendLink(a, NOW, OFFICIAL),
        status: s,
        events: ['LINK_RESENT'],
        check: (next) => expect(next.linkVersion).toBe(2),
      }),
    ),
    ...CLOSED_STATES.map(
      (s): Row => ({
        name: `${s}: CLOSED`,
        from: assignment(s),
        act: (a) => resendLink(a, NOW, OFFICIAL),
        refused: 'CLOSED',
      }),
    ),
  ]);
});

describe('recordStepFailure', () => {
  run([
    ...OPEN_STATES.map(
      (s): Row => ({
        name: `${s}: recorded, nothing else changes`,
        from: assignment(s),
        act: (a) => recordStepFailure(a, NOW, { step: 'Checkpoint', error: 'ThrottlingException' }),
        status: s,
        events: ['STEP_FAILED'],
        check: (next, [e], from) => {
          expect(next).toEqual(from);
          expect(e?.detail).toBe('Checkpoint: ThrottlingException');
        },
      }),
    ),
    {
      name: 'a long error is cut to 160 characters',
      from: assignment('DELIVERED'),
      act: (a) => recordStepFailure(a, NOW, { step: 'Deliver', error: 'e'.repeat(5000) }),
      check: (_, [e]) => expect(e?.detail).toHaveLength(MAX_EXCERPT),
    },
    ...CLOSED_STATES.map(
      (s): Row => ({
        name: `${s}: ALREADY_DONE`,
        from: assignment(s),
        act: (a) => recordStepFailure(a, NOW, { step: 'Deliver', error: 'x' }),
        refused: 'ALREADY_DONE',
      }),
    ),
  ]);
});

describe('resume: the next generation, once', () => {
  run([
    {
      name: 'the first execution (no generation yet) goes on in generation 1',
      from: assignment('DELIVERED', { version: 41 }),
      act: (a) => resume(a, NOW, { fromGeneration: 0, reason: 'renew' }),
      status: 'DELIVERED',
      events: ['RESUMED'],
      check: (next) => {
        expect(next.generation).toBe(1);
        expect(next.generationVersion).toBe(42);
      },
    },
    {
      name: 'generation 2 → 3',
      from: assignment('ACKNOWLEDGED', { generation: 2, generationVersion: 10, version: 15 }),
      act: (a) => resume(a, NOW, { fromGeneration: 2, reason: 'lost' }),
      check: (next) => expect([next.generation, next.generationVersion]).toEqual([3, 16]),
    },
    {
      name: 'another step already moved it on: ALREADY_DONE',
      from: assignment('DELIVERED', { generation: 1 }),
      act: (a) => resume(a, NOW, { fromGeneration: 0, reason: 'renew' }),
      refused: 'ALREADY_DONE',
    },
    {
      name: 'closed, same generation: CLOSED',
      from: assignment('COMPLETED'),
      act: (a) => resume(a, NOW, { fromGeneration: 0, reason: 'renew' }),
      refused: 'CLOSED',
    },
    {
      name: 'closed, moved on meanwhile: ALREADY_DONE',
      from: assignment('CANCELLED', { generation: 3 }),
      act: (a) => resume(a, NOW, { fromGeneration: 2, reason: 'renew' }),
      refused: 'ALREADY_DONE',
    },
  ]);
});

/** The checkpoint of `a` whose id starts with `prefix` (e.g. `remind:1:P2D`). */
const cp = (a: Assignment, prefix: string): Checkpoint => {
  const found = checkpointsOf(a).find((c) => c.id.startsWith(prefix));
  if (!found) throw new Error(`no checkpoint ${prefix} in ${checkpointsOf(a).map((c) => c.id)}`);
  return found;
};
/** Records the checkpoint `prefix` computed on `of` (default: the assignment itself). */
const record = (prefix: string, at: string, of?: Assignment) => (a: Assignment) =>
  recordCheckpoint(a, at, cp(of ?? a, prefix));

const OPEN_SLOT = assignment('DELIVERED');

describe('recordCheckpoint: what is done is everything up to one instant', () => {
  run([
    {
      name: 'the P2D reminder of task 1: REMINDED, done up to its time',
      from: OPEN_SLOT,
      act: record('remind:1:P2D', hn('2023-03-15 17:00')),
      status: 'DELIVERED',
      events: ['REMINDED'],
      check: (next, [e]) => {
        expect(next.reports['1']?.remindedUntil).toBe(hn('2023-03-15 17:00'));
        expect(next.escalationLevel).toBe(0);
        expect(e).toMatchObject({ checkpoint: `remind:1:P2D:${DEADLINE}`, taskCode: '1', deadline: DEADLINE });
        expect(e).not.toHaveProperty('level');
      },
    },
    {
      name: 'the later reminders stay, the earlier are gone',
      from: OPEN_SLOT,
      act: record('remind:1:P1D', hn('2023-03-16 17:00')),
      check: (next) =>
        expect(
          checkpointsOf(next)
            .filter((c) => c.obligation.key === '1')
            .map((c) => c.id.split(':').slice(0, 3).join(':')),
        ).toEqual(['remind:1:DAY', 'escalate:1:1', 'escalate:1:2']),
    },
    {
      name: 'the acknowledgement missed: ESCALATED level 1, kept on the acknowledgement',
      from: OPEN_SLOT,
      act: record('escalate:ack:1', ACK_DEADLINE),
      events: ['ESCALATED'],
      check: (next, [e]) => {
        expect(next.ackRemindedUntil).toBe(ACK_DEADLINE);
        expect(next.reports['1']?.remindedUntil).toBeUndefined();
        expect(next.escalationLevel).toBe(1);
        expect(e).toMatchObject({ level: 1, deadline: ACK_DEADLINE });
        expect(e).not.toHaveProperty('taskCode');
      },
    },
    {
      name: 'level 2 of task 1',
      from: OPEN_SLOT,
      act: record('escalate:1:2', hn('2023-03-21 17:00')),
      events: ['ESCALATED'],
      check: (next, [e]) => {
        expect(next.escalationLevel).toBe(2);
        expect(e?.level).toBe(2);
      },
    },
    {
      name: 'the level never goes down: level 1 of another obligation after level 2',
      from: assignment('DELIVERED', { escalationLevel: 2 }),
      act: record('escalate:ack:1', ACK_DEADLINE),
      check: (next) => expect(next.escalationLevel).toBe(2),
    },
    {
      name: 'the same checkpoint twice: ALREADY_DONE',
      from: assignment('DELIVERED', {
        reports: slots({ taskCode: '1', deadline: DEADLINE, remindedUntil: hn('2023-03-15 17:00') }),
      }),
      act: record('remind:1:P2D', hn('2023-03-15 17:05'), OPEN_SLOT),
      refused: 'ALREADY_DONE',
    },
    {
      name: 'an earlier one after a later one went out: ALREADY_DONE (moot)',
      from: assignment('DELIVERED', {
        reports: slots({ taskCode: '1', deadline: DEADLINE, remindedUntil: hn('2023-03-17 08:00') }),
      }),
      act: record('remind:1:P2D', hn('2023-03-17 08:00'), OPEN_SLOT),
      refused: 'ALREADY_DONE',
    },
    {
      name: 'the old deadline after an extension moved it: NOT_DUE',
      from: assignment('DELIVERED', { reports: slots({ taskCode: '1', deadline: NEW_DEADLINE, deadlineSetAt: NOW }) }),
      act: record('remind:1:P1D', hn('2023-03-16 17:00'), OPEN_SLOT),
      refused: 'NOT_DUE',
    },
    {
      name: 'a slot reported meanwhile: NOT_DUE',
      from: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1', deadline: DEADLINE }, reported()) }),
      act: record('remind:2:P1D', hn('2023-03-16 17:00'), assignment('ACKNOWLEDGED', { reports: tasks(2) })),
      refused: 'NOT_DUE',
    },
    {
      name: 'acknowledged meanwhile: the acknowledgement escalation is NOT_DUE',
      from: assignment('ACKNOWLEDGED'),
      act: record('escalate:ack:1', ACK_DEADLINE, OPEN_SLOT),
      refused: 'NOT_DUE',
    },
    ...CLOSED_STATES.map(
      (s): Row => ({
        name: `${s}: CLOSED`,
        from: assignment(s),
        act: record('remind:1:P2D', hn('2023-03-15 17:00'), OPEN_SLOT),
        refused: 'CLOSED',
      }),
    ),
  ]);

  it('a later deadline from an extension starts with none done', () => {
    // Everything of the first deadline went out, level 2 included.
    const escalated = assignment('ACKNOWLEDGED', {
      escalationLevel: 2,
      reports: slots({ taskCode: '1', deadline: DEADLINE, remindedUntil: hn('2023-03-21 17:00') }),
    });
    expect(checkpointsOf(escalated)).toEqual([]);
    const grantedAt = hn('2023-03-21 18:00');
    const until = hn('2023-03-29 17:00');
    const { next } = applied(grantExtension(escalated, grantedAt, { taskCode: '1', until, by: OFFICIAL }));
    expect(next.reports['1']?.remindedUntil).toBeUndefined();
    expect(checkpointsOf(next).map((c) => [c.id, c.at])).toEqual([
      [`remind:1:P2D:${until}`, hn('2023-03-27 17:00')],
      [`remind:1:P1D:${until}`, hn('2023-03-28 17:00')],
      [`remind:1:DAY:${until}`, hn('2023-03-29 08:00')],
      [`escalate:1:1:${until}`, until],
      [`escalate:1:2:${until}`, hn('2023-03-31 17:00')],
    ]);
    const first = applied(recordCheckpoint(next, hn('2023-03-27 17:00'), cp(next, 'remind:1:P2D')));
    expect(first.next.reports['1']?.remindedUntil).toBe(hn('2023-03-27 17:00'));
  });
});

describe('the bounds on what one transition adds', () => {
  it(`a transition that would add more than ${MAX_EVENTS_PER_TRANSITION} events throws instead of writing them`, () => {
    // Seven pending requests cannot be made (five at most); an item that had them anyway is not written.
    const seven = assignment('ACKNOWLEDGED', {
      reports: tasks(7),
      extensionRequests: pending(...['1', '2', '3', '4', '5', '6', '7'].map((c) => request(c, NOW))),
    });
    expect(() => refuseExtension(seven, NOW, { by: OFFICIAL })).toThrow(RangeError);
    const six = assignment('ACKNOWLEDGED', {
      reports: tasks(6),
      extensionRequests: pending(...['1', '2', '3', '4', '5', '6'].map((c) => request(c, NOW))),
    });
    expect(applied(refuseExtension(six, NOW, { by: OFFICIAL })).events).toHaveLength(6);
  });

  it('every text an agency or an official types is cut in the events: 160 characters, names 80', () => {
    const long = 'Báo cáo '.repeat(100);
    const name = 'Ủy ban nhân dân '.repeat(20);
    const a = assignment('DELIVERED', { recipientName: name });
    const events = [
      applied(requestExtension(a, NOW, { taskCode: '1', until: NEW_DEADLINE, reason: long })).events,
      applied(refuseExtension({ ...a, extensionRequests: pending(request('1', NOW)) }, NOW, { by: name, reason: long }))
        .events,
      applied(cancel(a, NOW, name, long)).events,
      applied(report(a, NOW, { taskCode: '1', reportId: 'r' })).events,
      applied(recordStepFailure(a, NOW, { step: long, error: long })).events,
      applied(failDelivery(assignment('ISSUED'), NOW, long)).events,
    ].flat();
    for (const e of events) {
      expect(e.detail === undefined || e.detail.length <= MAX_EXCERPT).toBe(true);
      expect(e.by === undefined || e.by.length <= MAX_NAME).toBe(true);
    }
    expect(events.filter((e) => e.detail?.length === MAX_EXCERPT).length).toBeGreaterThanOrEqual(5);
    expect(events.filter((e) => e.by?.length === MAX_NAME).length).toBeGreaterThanOrEqual(3);
  });
});
