import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlot, encodeSlot } from '#adapters/store/assignment-codec.ts';
import { type Checkpoint, checkpointsOf, dueCheckpoints, planNext } from '#core/assignment/checkpoints.ts';
import type { Assignment, FollowUpPolicy, ReportSlot } from '#core/assignment/model.ts';
import {
  acknowledge,
  acknowledgementDeadline,
  deliver,
  grantExtension,
  recordCheckpoint,
  report,
} from '#core/assignment/transitions.ts';
import {
  addWorkingDays,
  endOfWorkingDay,
  isWorkingDay,
  nextWorkingMorning,
  plusWorkingTime,
} from '#core/calendar/index.ts';
import { END_OF_WORKING_DAY } from '#core/directive.ts';
import { applied, assignment, HOUR, hn, later, local, MINUTE, refusalOf } from './builders.ts';

/**
 * Properties of the calendar and of the checkpoints, over generated instants, deadlines and policies. The seed
 * is fixed and the runs bounded, so a run is fast and repeatable; a failure prints the counterexample and its
 * seed. To search harder once, `CORE_PROPERTY_RUNS=20 CORE_PROPERTY_SEED=7 npx vitest run test/core` runs 20
 * times as many with another seed.
 */

const MAX_WAIT_SECONDS = 30 * 24 * 3600;
const SEED = Number(process.env.CORE_PROPERTY_SEED ?? 20_230_313);
const FACTOR = Number(process.env.CORE_PROPERTY_RUNS ?? 1);
/** Bounded runs from the fixed seed, after the edge cases given as examples (always run first). */
const runs = <T>(numRuns: number, examples: T[] = []) => ({
  seed: SEED,
  numRuns: Math.ceil(numRuns * FACTOR),
  examples,
});

// --- the calendar, seen from outside: local dates in Hà Nội and `isWorkingDay` -------------------------------
// Hà Nội has kept UTC+7 all year since 1975, so local dates and times are plain arithmetic here: an oracle that
// shares nothing with the calendar code but `isWorkingDay`, and fast enough for hundreds of runs.

const ms = Date.parse;
const OFFSET = 7 * HOUR;
const DAY_MS = 24 * HOUR;
/** The local date (`YYYY-MM-DD`) of an instant. */
const dateOf = (iso: string) => new Date(ms(iso) + OFFSET).toISOString().slice(0, 10);
const nextDate = (date: string) => new Date(ms(date) + DAY_MS).toISOString().slice(0, 10);
/** The instant of a local date and time (`HH:mm`). */
const at = (date: string, clock: string) => ms(`${date}T${clock}:00.000+07:00`);

/** 08:00–17:00 (both included) of a working day. */
const inWorkingHours = (iso: string) => {
  const date = dateOf(iso);
  return isWorkingDay(date) && ms(iso) >= at(date, '08:00') && ms(iso) <= at(date, '17:00');
};

/** The working days in (from, to], both `YYYY-MM-DD`. */
const workingDaysAfter = (from: string, to: string) => {
  let n = 0;
  for (let d = nextDate(from); d <= to; d = nextDate(d)) if (isWorkingDay(d)) n++;
  return n;
};

/** Milliseconds of working time (08:00–17:00 of working days) between two instants. */
const workingTimeBetween = (from: string, to: string) => {
  let total = 0;
  for (let d = dateOf(from); d <= dateOf(to); d = nextDate(d)) {
    if (!isWorkingDay(d)) continue;
    const start = Math.max(ms(from), at(d, '08:00'));
    const end = Math.min(ms(to), at(d, '17:00'));
    if (end > start) total += end - start;
  }
  return total;
};

/** The date itself if it is a working day, else the first working day after it. */
const firstWorkingDate = (date: string) => {
  let d = date;
  while (!isWorkingDay(d)) d = nextDate(d);
  return d;
};

/** The first instant ≥ `iso` that is `clock` on a working day, found day by day. */
const firstWorking = (iso: string, clock: string, strictlyAfter = false) => {
  for (let d = dateOf(iso); ; d = nextDate(d)) {
    const t = at(d, clock);
    if (isWorkingDay(d) && (strictlyAfter ? t > ms(iso) : t >= ms(iso))) return new Date(t).toISOString();
  }
};

/**
 * Instants from 2019 to 2026: Tết in January and in February, the configured swaps of 2019, 2024 and 2025. (Each
 * year of the calendar costs its first caller some 15 ms of lunar arithmetic: the range is what keeps this fast.)
 */
const instant = (from = '2019-01-01T00:00:00Z', to = '2026-12-01T00:00:00Z') =>
  fc.integer({ min: ms(from), max: ms(to) }).map((t) => new Date(t).toISOString());
/** Any millisecond, whole minutes, and whole hours (which hit 08:00 and 17:00 exactly): the edges matter. */
const unitsOf = (unit: number) =>
  fc
    .integer({ min: ms('2019-01-01T00:00:00Z') / unit, max: ms('2026-12-01T00:00:00Z') / unit })
    .map((n) => new Date(n * unit).toISOString());
const anyInstant = fc.oneof(instant(), unitsOf(MINUTE), unitsOf(HOUR));
/** A working-time duration in minutes: 1 minute to 60 hours, often whole hours. */
const hoursAndMinutes = fc.oneof(
  fc.integer({ min: 1, max: 60 * 60 }),
  fc.integer({ min: 1, max: 60 }).map((h) => h * 60),
);
/** A number of working days, 0 and 1 often: where a day off at the start makes a difference. */
const workingDays = fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 60 }));
const asDuration = (minutes: number) => `PT${Math.floor(minutes / 60)}H${minutes % 60}M`;

describe('working days', () => {
  it('addWorkingDays(start, n) lands at 17:00 on a working day, with exactly n working days after the start', () => {
    fc.assert(
      fc.property(anyInstant, workingDays, (start, n) => {
        const end = addWorkingDays(start, n);
        const day = dateOf(end);
        expect(isWorkingDay(day)).toBe(true);
        expect(ms(end)).toBe(at(day, '17:00'));
        // n ≥ 1: the working days after the start date, up to and with the result, are n.
        // n = 0: the start date if it is a working day, else the first one after it.
        if (n > 0) expect(workingDaysAfter(dateOf(start), day)).toBe(n);
        else expect(day).toBe(firstWorkingDate(dateOf(start)));
      }),
      runs(100, [
        [hn('2023-03-18 10:00'), 0], // a Saturday
        [hn('2023-01-19 09:00'), 5], // over Tết 2023
      ]),
    );
  });

  it('addWorkingDays is strictly increasing in n ≥ 1 (0 and 1 meet when the start is a day off)', () => {
    fc.assert(
      fc.property(anyInstant, workingDays, fc.integer({ min: 1, max: 20 }), (start, n, k) => {
        const a = ms(addWorkingDays(start, n));
        const b = ms(addWorkingDays(start, n + k));
        if (n >= 1) expect(b).toBeGreaterThan(a);
        else expect(b).toBeGreaterThanOrEqual(a);
        if (n === 0 && k === 1 && isWorkingDay(dateOf(start))) expect(b).toBeGreaterThan(a);
      }),
      runs(100),
    );
  });

  it('nextWorkingMorning(x) is the first instant ≥ x within working hours, and it is idempotent', () => {
    fc.assert(
      fc.property(anyInstant, (x) => {
        const y = nextWorkingMorning(x);
        expect(ms(y)).toBeGreaterThanOrEqual(ms(x));
        expect(inWorkingHours(y)).toBe(true);
        expect(nextWorkingMorning(y)).toBe(y);
        // Nothing earlier would do: x itself when it is within working hours, else the next 08:00 of a working day.
        expect(y).toBe(inWorkingHours(x) ? x : firstWorking(x, '08:00'));
      }),
      runs(150, [[hn('2023-03-15 17:00')], [hn('2023-03-15 07:59')], [hn('2023-03-17 17:01')]]),
    );
  });

  it('plusWorkingTime(start, PTnHmM) lands within working hours, after exactly that much working time', () => {
    fc.assert(
      fc.property(anyInstant, hoursAndMinutes, (start, minutes) => {
        const end = plusWorkingTime(start, asDuration(minutes));
        expect(inWorkingHours(end)).toBe(true);
        expect(ms(end)).toBeGreaterThan(ms(start));
        // The first instant with that much working time behind it: 17:00, never 08:00 the next working day.
        expect(ms(end)).toBeGreaterThan(at(dateOf(end), '08:00'));
        expect(workingTimeBetween(start, end)).toBe(minutes * MINUTE);
      }),
      runs(100, [
        [hn('2023-03-13 08:00'), 9 * 60], // a whole working day: 17:00 the same day
        [hn('2023-03-17 16:00'), 8 * 60], // Friday 16:00 + 8 h: Monday 15:00
      ]),
    );
  });

  it('plusWorkingTime in two steps is plusWorkingTime in one', () => {
    fc.assert(
      fc.property(anyInstant, hoursAndMinutes, hoursAndMinutes, (start, m1, m2) => {
        const twoSteps = plusWorkingTime(plusWorkingTime(start, asDuration(m1)), asDuration(m2));
        expect(twoSteps).toBe(plusWorkingTime(start, asDuration(m1 + m2)));
      }),
      runs(80),
    );
  });

  it('endOfWorkingDay(x) is the first 17:00 of a working day after x', () => {
    fc.assert(
      fc.property(anyInstant, (x) => {
        const end = endOfWorkingDay(x);
        expect(isWorkingDay(dateOf(end))).toBe(true);
        expect(ms(end)).toBe(at(dateOf(end), '17:00'));
        expect(end).toBe(firstWorking(x, '17:00', true));
      }),
      runs(150, [[hn('2023-03-15 17:00')], [hn('2023-03-15 16:59')], [hn('2023-03-18 10:00')]]),
    );
  });

  it('the acknowledgement window "end of the working day" ends at 17:00 on a working day, at least an hour on', () => {
    fc.assert(
      fc.property(anyInstant, (delivered) => {
        const deadline = acknowledgementDeadline(delivered, END_OF_WORKING_DAY);
        expect(isWorkingDay(dateOf(deadline))).toBe(true);
        expect(ms(deadline)).toBe(at(dateOf(deadline), '17:00'));
        expect(ms(deadline)).toBeGreaterThanOrEqual(ms(delivered) + HOUR);
        // …and no later than needed: the first such 17:00 an hour after delivery.
        expect(deadline).toBe(firstWorking(later(delivered, HOUR), '17:00', true));
      }),
      runs(100),
    );
  });
});

// --- checkpoints: generated deliveries, deadlines, policies; a workflow that wakes at random instants -------

const policyArb: fc.Arbitrary<FollowUpPolicy> = fc.record({
  acknowledgeWithin: fc.constantFrom(END_OF_WORKING_DAY, 'PT1H', 'PT8H', 'P1D', 'P3D'),
  remindBefore: fc.subarray(['PT1H', 'PT2H', 'PT4H', 'P1D', 'P2D', 'P3D', 'P1W']),
  remindOnTheDay: fc.boolean(),
  escalateAfterWorkingDays: fc.integer({ min: 1, max: 10 }),
});

const slotArb = fc.record({
  /** The deadline, minutes after delivery: an hour to three months. */
  after: fc.integer({ min: 60, max: 90 * 24 * 60 }),
  /** Set by an extension at this fraction of the way from delivery to the deadline. */
  setAt: fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { nil: undefined }),
  /** One slot in ten has no deadline at all. */
  withoutDeadline: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** What happens at a wake-up besides the checkpoint step: nothing, a report, or an extension granted. */
const actionArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('report' as const), slot: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('grant' as const),
      slot: fc.nat(3),
      hours: fc.integer({ min: 1, max: 24 * 20 }),
    }),
  },
);

const scenarioArb = fc.record({
  deliveredAt: instant('2023-01-01T00:00:00Z', '2026-06-30T00:00:00Z'),
  policy: policyArb,
  slots: fc.array(slotArb, { minLength: 1, maxLength: 4 }),
  acknowledged: fc.boolean(),
  /** Wake-ups, minutes after delivery (sorted), each with an action. */
  wakes: fc.array(fc.tuple(fc.integer({ min: 0, max: 100 * 24 * 60 }), actionArb), { minLength: 1, maxLength: 8 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

const start = (s: Scenario): Assignment => {
  const reports: Record<string, ReportSlot> = {};
  s.slots.forEach((slot, i) => {
    const deadline = later(s.deliveredAt, slot.after * MINUTE);
    const setAt =
      slot.setAt === undefined
        ? undefined
        : new Date(ms(s.deliveredAt) + Math.round(slot.setAt * slot.after * MINUTE)).toISOString();
    reports[`t${i + 1}`] = slot.withoutDeadline
      ? { taskCode: `t${i + 1}` }
      : { taskCode: `t${i + 1}`, deadline, ...(setAt ? { deadlineSetAt: setAt } : {}) };
  });
  const issued = assignment('ISSUED', { policy: s.policy, reports, createdAt: later(s.deliveredAt, -HOUR) });
  const delivered = applied(deliver(issued, s.deliveredAt)).next;
  return s.acknowledged ? applied(acknowledge(delivered, later(s.deliveredAt, MINUTE))).next : delivered;
};

/**
 * What must hold of the checkpoints of any state an assignment can reach, as a list of violations (checked
 * once per state: an `expect` per checkpoint would cost more than the code under test).
 */
const orderViolations = (a: Assignment): string[] => {
  const list = checkpointsOf(a);
  const problems: string[] = [];
  const say = (c: Checkpoint, what: string) => problems.push(`${c.id} at ${local(c.at)}: ${what}`);
  list.forEach((c, i) => {
    const previous = list[i - 1];
    if (previous && ms(previous.at) > ms(c.at)) say(c, `sorted before ${previous.id}`);
    const deadline = ms(c.obligation.deadline ?? '');
    if (c.kind === 'REMIND') {
      if (ms(c.at) >= deadline) say(c, 'a reminder not before its deadline');
      if (ms(c.at) <= ms(a.deliveredAt ?? '')) say(c, 'a reminder not after delivery');
      if (c.obligation.deadlineSetAt && ms(c.at) <= ms(c.obligation.deadlineSetAt))
        say(c, 'a reminder not after the extension that set its deadline');
      if (!inWorkingHours(c.at)) say(c, 'a reminder outside working hours');
    } else if (c.level === 1) {
      if (ms(c.at) !== deadline) say(c, 'level 1 not at the deadline');
    } else if (c.level === 2) {
      if (ms(c.at) <= deadline) say(c, 'level 2 not after the deadline');
      if (!isWorkingDay(dateOf(c.at)) || ms(c.at) !== at(dateOf(c.at), '17:00')) say(c, 'level 2 not at 17:00');
    } else say(c, 'a level other than 1 and 2');
  });
  if (new Set(list.map((c) => c.id)).size !== list.length) problems.push('an id twice');
  // Each obligation still has its level 2, and its level 1 unless done up to it.
  for (const key of new Set(list.map((c) => c.obligation.key))) {
    const levels = list
      .filter((c) => c.obligation.key === key)
      .flatMap((c) => (c.kind === 'ESCALATE' ? [c.level] : []));
    if (levels.join() !== '1,2' && levels.join() !== '2') problems.push(`${key}: levels ${levels}`);
  }
  return problems;
};

const latestPerObligation = (due: Checkpoint[]) => {
  const latest = new Map<string, Checkpoint>();
  for (const c of due) latest.set(c.obligation.key, c); // due is sorted: the last one wins
  return [...latest.values()];
};

describe('checkpoint order', () => {
  it('sorted; reminders after delivery and before their deadline; level 1 at it, level 2 after; nothing sent twice', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        let a = start(s);
        expect(orderViolations(a)).toEqual([]);
        const sent = new Set<string>();
        const wakes = [...s.wakes].sort(([x], [y]) => x - y);
        for (const [minutes, action] of wakes) {
          const now = later(s.deliveredAt, minutes * MINUTE);
          // What the recipient or an official did meanwhile.
          const keys = Object.keys(a.reports);
          const key = action.kind === 'none' ? undefined : keys[action.slot % keys.length];
          const slot = key === undefined ? undefined : a.reports[key];
          if (action.kind === 'report' && key && !slot?.submittedAt)
            a = applied(report(a, now, { taskCode: key, reportId: `r-${minutes}` })).next;
          if (action.kind === 'grant' && key && slot && !slot.submittedAt && a.status !== 'COMPLETED') {
            const until = later(
              new Date(Math.max(ms(now), ms(slot.deadline ?? now))).toISOString(),
              action.hours * HOUR,
            );
            a = applied(grantExtension(a, now, { taskCode: key, until, by: 'Văn phòng' })).next;
          }
          expect(orderViolations(a)).toEqual([]);

          // The checkpoint step: the latest due checkpoint of each obligation is sent and recorded.
          const due = dueCheckpoints(a, now);
          const before = planNext(a, now);
          if (due.length > 0) expect(before.timeoutSeconds).toBe(1);
          for (const c of latestPerObligation(due)) {
            expect(sent.has(c.id), `${c.id} sent twice`).toBe(false);
            sent.add(c.id);
            a = applied(recordCheckpoint(a, now, c)).next;
          }
          // Nothing is due any more at the same instant, and what was moot is refused, not sent.
          expect(dueCheckpoints(a, now)).toEqual([]);
          const after = a;
          expect(new Set(due.map((c) => refusalOf(recordCheckpoint(after, now, c))))).toEqual(
            new Set(due.length > 0 ? ['ALREADY_DONE'] : []),
          );
          expect(orderViolations(a)).toEqual([]);

          const plan = planNext(a, now);
          if (a.status === 'COMPLETED') {
            expect(plan.done).toBe(true);
            continue;
          }
          expect(plan.timeoutSeconds).toBeGreaterThanOrEqual(1);
          expect(plan.timeoutSeconds).toBeLessThanOrEqual(MAX_WAIT_SECONDS);
          expect(Number.isInteger(plan.timeoutSeconds)).toBe(true);
          const next = checkpointsOf(a)[0];
          expect(plan.at).toBe(next?.at);
          if (next) {
            expect(ms(next.at)).toBeGreaterThan(ms(now));
            // The wait ends at the next checkpoint (within the second it is rounded up to), or after 30 days.
            const wakeAt = ms(now) + plan.timeoutSeconds * 1000;
            if (plan.timeoutSeconds < MAX_WAIT_SECONDS) {
              expect(wakeAt).toBeGreaterThanOrEqual(ms(next.at));
              expect(wakeAt).toBeLessThan(ms(next.at) + 1000);
            } else expect(ms(next.at)).toBeGreaterThanOrEqual(wakeAt - 1000);
          } else expect(plan.timeoutSeconds).toBe(MAX_WAIT_SECONDS);
        }
        // The level on the item is the highest escalation recorded.
        const levels = [...sent].filter((id) => id.startsWith('escalate:')).map((id) => Number(id.split(':')[2]));
        expect(a.escalationLevel).toBe(Math.max(0, ...levels));
      }),
      runs(80),
    );
  });
});

// --- the stored form of a report slot ---------------------------------------------------------------------

const TASK_CODE = /^[A-Za-z0-9ĐđăâêôơưệỹÀ][A-Za-z0-9ĐđăâêôơưệỹÀ._/-]{0,19}$/;
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const storedInstant = instant('2000-01-01T00:00:00Z', '2199-12-31T00:00:00Z');

const slotsArb = fc
  .record({
    taskCode: fc.stringMatching(TASK_CODE),
    period: maybe(fc.date({ min: new Date('2020-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })),
    deadline: maybe(storedInstant),
    deadlineSetAt: maybe(storedInstant),
    submittedAt: maybe(storedInstant),
    late: maybe(fc.boolean()),
    reportId: maybe(fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/))),
    remindedUntil: maybe(storedInstant),
  })
  .map(({ period, ...rest }) => {
    const slot: ReportSlot = { taskCode: rest.taskCode };
    if (period) slot.period = period.toISOString().slice(0, 10);
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (slot as Record<string, unknown>)[k] = v;
    return slot;
  });

describe('the encoded report slot', () => {
  it('round-trips through its key and its one string', () => {
    fc.assert(
      fc.property(slotsArb, (slot) => {
        const key = slot.period ? `${slot.taskCode}#${slot.period}` : slot.taskCode;
        const encoded = encodeSlot(slot);
        expect(encoded.split('|')).toHaveLength(6);
        expect(decodeSlot(key, encoded)).toStrictEqual(slot);
        expect(encodeSlot(decodeSlot(key, encoded))).toBe(encoded);
      }),
      runs(200),
    );
  });

  it('an item written before slots were encoded keeps its map', () => {
    const legacy = { taskCode: 'x', deadline: '2023-03-17T10:00:00.000Z', submittedAt: '2023-03-16T03:00:00.000Z' };
    expect(decodeSlot('1.2', legacy)).toEqual({ ...legacy, taskCode: '1.2' });
  });
});
