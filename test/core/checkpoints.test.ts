import { describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointsOf, dueCheckpoints, PLAN_GONE, planNext } from '#core/assignment/checkpoints.ts';
import { initialAssignment } from '#core/assignment/initial.ts';
import type { Assignment, AssignmentStatus, FollowUpPolicy, ReportSlot } from '#core/assignment/model.ts';
import { deliver, recordCheckpoint } from '#core/assignment/transitions.ts';
import { type Directive, directiveInputSchema } from '#core/directive.ts';
import {
  ACK_DEADLINE,
  applied,
  assignment,
  DAY,
  DEADLINE,
  DEFAULT_POLICY,
  DELIVERED_AT,
  hn,
  later,
  local,
  slots,
} from './builders.ts';

// Written out rather than imported: Step Functions' limits are why they are what they are.
const MAX_WAIT_SECONDS = 30 * 24 * 3600;
const RENEW_AFTER_DAYS = 300;
const RENEW_AFTER_VERSIONS = 600;

/** A checkpoint as a line of a table: `remind P2D 2023-03-15 17:00`, `escalate 1 2023-03-17 17:00`. */
const line = (c: Checkpoint) => `${c.kind === 'REMIND' ? `remind ${c.before}` : `escalate ${c.level}`} ${local(c.at)}`;
const linesOf = (a: Assignment, key = '1') =>
  checkpointsOf(a)
    .filter((c) => c.obligation.key === key)
    .map(line);

type Row = {
  name: string;
  slot?: Partial<ReportSlot>;
  policy?: Partial<FollowUpPolicy>;
  deliveredAt?: string;
  expected: string[];
};

/** Task 1's checkpoints on an acknowledged assignment (so only the report is owed). */
const ofSlot = ({ slot, policy, deliveredAt }: Row) =>
  assignment('ACKNOWLEDGED', {
    policy: { ...DEFAULT_POLICY, ...policy },
    deliveredAt: deliveredAt ?? DELIVERED_AT,
    reports: slots({ taskCode: '1', deadline: DEADLINE, ...slot }),
  });

describe('which reminders and escalations a deadline has (P2D, P1D, on the day; level 1 and 2)', () => {
  const rows: Row[] = [
    {
      name: 'Friday 17:00, the defaults: 2 days, 1 day before, 08:00 on the day; level 2 two working days on',
      expected: [
        'remind P2D 2023-03-15 17:00',
        'remind P1D 2023-03-16 17:00',
        'remind DAY 2023-03-17 08:00',
        'escalate 1 2023-03-17 17:00',
        'escalate 2 2023-03-21 17:00',
      ],
    },
    {
      name: 'Monday 10:00: reminders due on the weekend wait for Monday 08:00',
      slot: { deadline: hn('2023-03-20 10:00') },
      expected: [
        'remind P2D 2023-03-20 08:00',
        'remind P1D 2023-03-20 08:00',
        'remind DAY 2023-03-20 08:00',
        'escalate 1 2023-03-20 10:00',
        'escalate 2 2023-03-22 17:00',
      ],
    },
    {
      name: 'Tuesday 09:00: Sunday → Monday 08:00, Monday 09:00 is in working hours',
      slot: { deadline: hn('2023-03-21 09:00') },
      expected: [
        'remind P2D 2023-03-20 08:00',
        'remind P1D 2023-03-20 09:00',
        'remind DAY 2023-03-21 08:00',
        'escalate 1 2023-03-21 09:00',
        'escalate 2 2023-03-23 17:00',
      ],
    },
    {
      name: 'Wednesday 08:00: no reminder on the day (it would be at the deadline), none before delivery',
      slot: { deadline: hn('2023-03-15 08:00') },
      expected: ['remind P1D 2023-03-14 08:00', 'escalate 1 2023-03-15 08:00', 'escalate 2 2023-03-17 17:00'],
    },
    {
      name: 'Thursday 07:00 (before office hours): reminders of the evening before move to the next morning',
      slot: { deadline: hn('2023-03-16 07:00') },
      expected: [
        'remind P2D 2023-03-14 08:00',
        'remind P1D 2023-03-15 08:00',
        'escalate 1 2023-03-16 07:00',
        'escalate 2 2023-03-20 17:00',
      ],
    },
    {
      name: 'Thursday 20:00: a reminder due at night goes out the next working morning',
      slot: { deadline: hn('2023-03-16 20:00') },
      expected: [
        'remind P2D 2023-03-15 08:00',
        'remind P1D 2023-03-16 08:00',
        'remind DAY 2023-03-16 08:00',
        'escalate 1 2023-03-16 20:00',
        'escalate 2 2023-03-20 17:00',
      ],
    },
    {
      name: 'delivered on Thursday 09:00: none before delivery',
      deliveredAt: hn('2023-03-16 09:00'),
      expected: [
        'remind P1D 2023-03-16 17:00',
        'remind DAY 2023-03-17 08:00',
        'escalate 1 2023-03-17 17:00',
        'escalate 2 2023-03-21 17:00',
      ],
    },
    {
      name: 'delivered at the very time of a reminder: not that one',
      deliveredAt: hn('2023-03-16 17:00'),
      expected: ['remind DAY 2023-03-17 08:00', 'escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'an extension set this deadline on Thursday 12:00: none before then',
      slot: { deadlineSetAt: hn('2023-03-16 12:00') },
      expected: [
        'remind P1D 2023-03-16 17:00',
        'remind DAY 2023-03-17 08:00',
        'escalate 1 2023-03-17 17:00',
        'escalate 2 2023-03-21 17:00',
      ],
    },
    {
      name: 'an extension set this deadline at the time of a reminder: not that one',
      slot: { deadlineSetAt: hn('2023-03-16 17:00') },
      expected: ['remind DAY 2023-03-17 08:00', 'escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'no reminders asked: the two escalations only',
      policy: { remindBefore: [], remindOnTheDay: false },
      expected: ['escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'PT2H before Friday 17:00: Friday 15:00',
      policy: { remindBefore: ['PT2H'], remindOnTheDay: false },
      expected: ['remind PT2H 2023-03-17 15:00', 'escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'PT2H before Friday 09:00: 07:00 waits for 08:00',
      slot: { deadline: hn('2023-03-17 09:00') },
      policy: { remindBefore: ['PT2H'], remindOnTheDay: false },
      expected: ['remind PT2H 2023-03-17 08:00', 'escalate 1 2023-03-17 09:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'P1W before Friday 24/03: Friday 17/03 17:00',
      slot: { deadline: hn('2023-03-24 17:00') },
      policy: { remindBefore: ['P1W'], remindOnTheDay: false },
      expected: ['remind P1W 2023-03-17 17:00', 'escalate 1 2023-03-24 17:00', 'escalate 2 2023-03-28 17:00'],
    },
    {
      name: 'level 2 after 1 working day',
      policy: { remindBefore: [], remindOnTheDay: false, escalateAfterWorkingDays: 1 },
      expected: ['escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-20 17:00'],
    },
    {
      name: 'level 2 after 5 working days',
      policy: { remindBefore: [], remindOnTheDay: false, escalateAfterWorkingDays: 5 },
      expected: ['escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-24 17:00'],
    },
    {
      name: 'no level-2 setting: 2 working days',
      policy: { remindBefore: [], remindOnTheDay: false, escalateAfterWorkingDays: undefined },
      expected: ['escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'Thursday 04/05/2023 10:00, after the 30/4–1/5 holidays and their make-up days 2–3/5',
      slot: { deadline: hn('2023-05-04 10:00') },
      expected: [
        'remind P2D 2023-05-04 08:00',
        'remind P1D 2023-05-04 08:00',
        'remind DAY 2023-05-04 08:00',
        'escalate 1 2023-05-04 10:00',
        'escalate 2 2023-05-08 17:00',
      ],
    },
    {
      name: 'Friday 27/01/2023 17:00, the first working day after Tết (20–26/01)',
      slot: { deadline: hn('2023-01-27 17:00') },
      deliveredAt: hn('2023-01-16 09:00'),
      expected: [
        'remind P2D 2023-01-27 08:00',
        'remind P1D 2023-01-27 08:00',
        'remind DAY 2023-01-27 08:00',
        'escalate 1 2023-01-27 17:00',
        'escalate 2 2023-01-31 17:00',
      ],
    },
    {
      name: 'Thursday 19/01/2023 17:00, the last before Tết: level 2 after it',
      slot: { deadline: hn('2023-01-19 17:00') },
      deliveredAt: hn('2023-01-16 09:00'),
      expected: [
        'remind P2D 2023-01-17 17:00',
        'remind P1D 2023-01-18 17:00',
        'remind DAY 2023-01-19 08:00',
        'escalate 1 2023-01-19 17:00',
        'escalate 2 2023-01-30 17:00',
      ],
    },
    {
      name: 'done up to Thursday 17:00 (the P1D reminder went out): the later ones only',
      slot: { remindedUntil: hn('2023-03-16 17:00') },
      expected: ['remind DAY 2023-03-17 08:00', 'escalate 1 2023-03-17 17:00', 'escalate 2 2023-03-21 17:00'],
    },
    {
      name: 'done up to level 2: nothing left',
      slot: { remindedUntil: hn('2023-03-21 17:00') },
      expected: [],
    },
    { name: 'no deadline: nothing', slot: { deadline: undefined }, expected: [] },
    {
      name: 'reported: nothing',
      slot: { submittedAt: hn('2023-03-20 09:00'), late: true, reportId: 'r' },
      expected: [],
    },
  ];
  it.each(rows)('$name', (row) => {
    expect(linesOf(ofSlot(row))).toEqual(row.expected);
  });

  it('ids name the obligation, the reminder or level, and the deadline in force', () => {
    expect(checkpointsOf(ofSlot({ name: '', expected: [] })).map((c) => c.id)).toEqual([
      `remind:1:P2D:${DEADLINE}`,
      `remind:1:P1D:${DEADLINE}`,
      `remind:1:DAY:${DEADLINE}`,
      `escalate:1:1:${DEADLINE}`,
      `escalate:1:2:${DEADLINE}`,
    ]);
  });
});

describe('the acknowledgement is an obligation while DELIVERED', () => {
  it('by the end of the day of receipt: too close for reminders, escalated at 17:00 and two working days on', () => {
    expect(linesOf(assignment('DELIVERED'), 'ack')).toEqual([
      'escalate 1 2023-03-13 17:00',
      'escalate 2 2023-03-15 17:00',
    ]);
  });

  it('within P3D of Monday 09:05: reminders too', () => {
    const { next } = applied(
      deliver(assignment('ISSUED', { policy: { ...DEFAULT_POLICY, acknowledgeWithin: 'P3D' } }), DELIVERED_AT),
    );
    expect(linesOf(next, 'ack')).toEqual([
      'remind P2D 2023-03-14 09:05',
      'remind P1D 2023-03-15 09:05',
      'remind DAY 2023-03-16 08:00',
      'escalate 1 2023-03-16 09:05',
      'escalate 2 2023-03-20 17:00',
    ]);
  });

  it('all obligations together, in the order of time', () => {
    expect(checkpointsOf(assignment('DELIVERED')).map((c) => `${c.obligation.key} ${line(c)}`)).toEqual([
      'ack escalate 1 2023-03-13 17:00',
      'ack escalate 2 2023-03-15 17:00',
      '1 remind P2D 2023-03-15 17:00',
      '1 remind P1D 2023-03-16 17:00',
      '1 remind DAY 2023-03-17 08:00',
      '1 escalate 1 2023-03-17 17:00',
      '1 escalate 2 2023-03-21 17:00',
    ]);
  });

  it.each(['ISSUED', 'COMPLETED', 'CANCELLED', 'DELIVERY_FAILED'] as AssignmentStatus[])(
    '%s: no checkpoint at all (none before delivery, none once closed)',
    (status) => {
      expect(checkpointsOf(assignment(status))).toEqual([]);
    },
  );
});

describe('periodic reports: each period its own checkpoints', () => {
  const directive = (): Directive => ({
    ...directiveInputSchema.parse({
      number: '12/STTTT',
      issuer: 'Sở Thông tin và Truyền thông',
      issuedOn: '2023-03-13',
      subject: 'Báo cáo hằng ngày',
      signer: { name: 'Lê Thị Phó', title: 'Phó Giám đốc' },
      leadership: [{ name: 'Lê Thị Phó', title: 'Phó Giám đốc', email: 'pgd@stttt.example.gov.vn' }],
      recipients: [{ id: 'so-y-te', name: 'Sở Y tế', email: 'syt@example.gov.vn' }],
      tasks: [
        {
          code: '1',
          text: 'Báo cáo số ca bệnh',
          assignees: ['so-y-te'],
          deadline: '2023-03-14T16:00:00+07:00',
          recurrence: { every: 'P1D', until: '2023-03-16' },
        },
      ],
      remindBefore: ['PT1H'],
      remindOnTheDay: false,
      escalateAfterWorkingDays: 1,
    }),
    id: 'd-12',
    createdAt: hn('2023-03-13 09:00'),
    recipientCount: 1,
  });

  it('initialAssignment makes one slot per period; once delivered, their checkpoints interleave in time', () => {
    const issued = initialAssignment(directive(), { id: 'so-y-te', name: 'Sở Y tế', email: 'syt@example.gov.vn' });
    expect(Object.keys(issued.reports)).toEqual(['1#2023-03-14', '1#2023-03-15', '1#2023-03-16']);
    expect(checkpointsOf(issued)).toEqual([]);
    const { next } = applied(deliver(issued, hn('2023-03-13 09:30')));
    expect(
      checkpointsOf(next)
        .filter((c) => c.obligation.key !== 'ack')
        .map((c) => `${c.obligation.key} ${line(c)}`),
    ).toEqual([
      '1#2023-03-14 remind PT1H 2023-03-14 15:00',
      '1#2023-03-14 escalate 1 2023-03-14 16:00',
      '1#2023-03-15 remind PT1H 2023-03-15 15:00',
      '1#2023-03-15 escalate 1 2023-03-15 16:00',
      '1#2023-03-14 escalate 2 2023-03-15 17:00',
      '1#2023-03-16 remind PT1H 2023-03-16 15:00',
      '1#2023-03-16 escalate 1 2023-03-16 16:00',
      '1#2023-03-15 escalate 2 2023-03-16 17:00',
      '1#2023-03-16 escalate 2 2023-03-17 17:00',
    ]);
  });
});

describe('dueCheckpoints', () => {
  const a = assignment('ACKNOWLEDGED');
  it.each([
    ['2023-03-15 16:59', []],
    ['2023-03-15 17:00', ['remind P2D 2023-03-15 17:00']],
    ['2023-03-17 08:30', ['remind P2D 2023-03-15 17:00', 'remind P1D 2023-03-16 17:00', 'remind DAY 2023-03-17 08:00']],
    [
      '2023-04-01 00:00',
      [
        'remind P2D 2023-03-15 17:00',
        'remind P1D 2023-03-16 17:00',
        'remind DAY 2023-03-17 08:00',
        'escalate 1 2023-03-17 17:00',
        'escalate 2 2023-03-21 17:00',
      ],
    ],
  ])('at %s: everything up to now that is not done', (now, expected) => {
    expect(dueCheckpoints(a, hn(now)).map(line)).toEqual(expected);
  });

  it('recording the latest due one leaves none due at the same instant', () => {
    const now = hn('2023-03-17 08:30');
    const latest = dueCheckpoints(a, now).at(-1);
    if (!latest) throw new Error('nothing due');
    const { next } = applied(recordCheckpoint(a, now, latest));
    expect(dueCheckpoints(next, now)).toEqual([]);
    expect(dueCheckpoints(next, hn('2023-03-17 17:00')).map(line)).toEqual(['escalate 1 2023-03-17 17:00']);
  });
});

describe('planNext: wait for the next checkpoint, at most 30 days; end when closed; renew when old or long', () => {
  const NOW = hn('2023-03-15 10:00');
  const LIFE = { startedAt: hn('2023-03-13 09:00') };

  it.each(['COMPLETED', 'CANCELLED', 'DELIVERY_FAILED'] as AssignmentStatus[])('%s: done', (status) => {
    expect(planNext(assignment(status, { version: 7 }), NOW, { startedAt: '2020-01-01T00:00:00.000Z' })).toEqual({
      done: true,
      renew: false,
      status,
      version: 7,
      timeoutSeconds: 1,
    });
  });

  it('the gone item: done', () => {
    expect(PLAN_GONE.done).toBe(true);
  });

  const rows: { name: string; a: Assignment; now: string; timeoutSeconds: number; at?: string }[] = [
    {
      name: 'until the next reminder: 7 hours',
      a: assignment('ACKNOWLEDGED'),
      now: NOW,
      timeoutSeconds: 7 * 3600,
      at: hn('2023-03-15 17:00'),
    },
    {
      name: 'half a second before it: 1 s (rounded up, never 0)',
      a: assignment('ACKNOWLEDGED'),
      now: later(hn('2023-03-15 17:00'), -500),
      timeoutSeconds: 1,
      at: hn('2023-03-15 17:00'),
    },
    {
      name: 'one already due (its send failed): 1 s',
      a: assignment('ACKNOWLEDGED'),
      now: hn('2023-03-16 09:00'),
      timeoutSeconds: 1,
      at: hn('2023-03-15 17:00'),
    },
    {
      name: 'the acknowledgement first while DELIVERED',
      a: assignment('DELIVERED'),
      now: NOW.replace('2023-03-15', '2023-03-13'),
      timeoutSeconds: 7 * 3600,
      at: ACK_DEADLINE,
    },
    {
      name: 'no deadline at all: 30 days, no instant',
      a: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1' }) }),
      now: NOW,
      timeoutSeconds: MAX_WAIT_SECONDS,
    },
    {
      name: 'the next one in three months: 30 days',
      a: assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1', deadline: hn('2023-06-16 17:00') }) }),
      now: NOW,
      timeoutSeconds: MAX_WAIT_SECONDS,
      at: hn('2023-06-14 17:00'),
    },
    {
      name: 'the next one in exactly 30 days: 30 days',
      a: assignment('ACKNOWLEDGED', {
        policy: { ...DEFAULT_POLICY, remindBefore: [], remindOnTheDay: false },
        reports: slots({ taskCode: '1', deadline: later(NOW, 30 * DAY) }),
      }),
      now: NOW,
      timeoutSeconds: MAX_WAIT_SECONDS,
      at: later(NOW, 30 * DAY),
    },
  ];
  it.each(rows)('$name', ({ a, now, timeoutSeconds, at }) => {
    const plan = planNext(a, now);
    expect(plan).toEqual({
      done: false,
      renew: false,
      status: a.status,
      version: a.version,
      timeoutSeconds,
      ...(at ? { at } : {}),
    });
  });

  const DAYS = 86_400_000;
  const renewRows: {
    name: string;
    a: Assignment;
    life?: { startedAt: string; renewAfterDays?: number };
    renew: boolean;
  }[] = [
    { name: 'no execution life known: never', a: assignment('ACKNOWLEDGED', { version: 5000 }), renew: false },
    { name: 'young and short: no', a: assignment('ACKNOWLEDGED'), life: LIFE, renew: false },
    {
      name: `${RENEW_AFTER_DAYS} days old: renew`,
      a: assignment('ACKNOWLEDGED'),
      life: { startedAt: later(NOW, -RENEW_AFTER_DAYS * DAYS) },
      renew: true,
    },
    {
      name: `a second short of ${RENEW_AFTER_DAYS} days: no`,
      a: assignment('ACKNOWLEDGED'),
      life: { startedAt: later(NOW, -RENEW_AFTER_DAYS * DAYS + 1000) },
      renew: false,
    },
    {
      name: 'renewAfterDays 1, a day old: renew',
      a: assignment('ACKNOWLEDGED'),
      life: { startedAt: later(NOW, -1 * DAYS), renewAfterDays: 1 },
      renew: true,
    },
    {
      name: `${RENEW_AFTER_VERSIONS} versions in this generation: renew`,
      a: assignment('ACKNOWLEDGED', { version: 700, generation: 1, generationVersion: 100 }),
      life: LIFE,
      renew: true,
    },
    {
      name: `${RENEW_AFTER_VERSIONS - 1} versions in this generation: no`,
      a: assignment('ACKNOWLEDGED', { version: 699, generation: 1, generationVersion: 100 }),
      life: LIFE,
      renew: false,
    },
    {
      name: `the first generation counts from version 0: ${RENEW_AFTER_VERSIONS} → renew`,
      a: assignment('ACKNOWLEDGED', { version: RENEW_AFTER_VERSIONS }),
      life: LIFE,
      renew: true,
    },
  ];
  it.each(renewRows)('renew — $name', ({ a, life, renew }) => {
    const plan = planNext(a, NOW, life);
    expect(plan.renew).toBe(renew);
    expect(plan.done).toBe(false);
  });
});

describe('a task coded "ack" is not taken for the acknowledgement', () => {
  // The acknowledgement's obligation key is "ack": a task of that code would record its reminders as the
  // acknowledgement's (`ackRemindedUntil`), leaving its own due for ever. The schema refuses the code instead.
  const withCode = (code: string) =>
    directiveInputSchema.safeParse({
      number: '1/X',
      issuer: 'Sở',
      issuedOn: '2023-03-13',
      subject: 'V/v',
      signer: { name: 'A', title: 'Giám đốc' },
      leadership: [{ name: 'A', title: 'Giám đốc', email: 'a@example.gov.vn' }],
      recipients: [{ id: 'so-y-te', name: 'Sở Y tế', email: 'syt@example.gov.vn' }],
      tasks: [{ code, text: 'Báo cáo', assignees: ['so-y-te'], deadline: '2023-03-17T17:00:00+07:00' }],
    });

  it('is refused on its field; "ACK" and "ack.1" are task codes like any other (keys match exactly)', () => {
    const parsed = withCode('ack');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('tasks.0.code');
    expect(withCode('ACK').success).toBe(true);
    expect(withCode('ack.1').success).toBe(true);
  });

  it('a slot of another code records its reminder as its own: nothing stays due at the same instant', () => {
    const NOW = hn('2023-03-16 17:00');
    const a = assignment('ACKNOWLEDGED', { reports: slots({ taskCode: '1.3', deadline: DEADLINE }) });
    const latest = dueCheckpoints(a, NOW).at(-1);
    if (!latest) throw new Error('nothing due');
    const { next } = applied(recordCheckpoint(a, NOW, latest));
    expect(dueCheckpoints(next, NOW)).toEqual([]);
  });
});
