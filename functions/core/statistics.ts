import {
  type Assignment,
  type AssignmentStatus,
  type Bucket,
  bucketOf,
  JUDGED_FIELDS,
  type Outcome,
  zeroByBucket,
} from './assignment/model.ts';
import { type Directive, tasksOf } from './directive.ts';

/**
 * The statistics an issuing office publishes about its directives (issue 5, point 9): per agency and per
 * directive, the Government Office's four counts plus the two ends that are neither, and the on-time rate.
 *
 * **Which assignments a period holds.** An assignment belongs to the period in which its directive was issued
 * (`issuedOn` within [from, to], both ends included, as local calendar dates). Not by deadline, because:
 * - a directive and all its assignments then land in one period together, the way an office reports
 *   "công văn ban hành trong kỳ" and the way the Government Office counts tasks "được giao trong kỳ";
 * - an assignment without a deadline (a task that needs no report) still belongs to a period;
 * - a granted extension would otherwise move an assignment from one period to the next after the figures of
 *   the first were published: by issue date, the figures of a closed period only change in their buckets.
 *
 * **Buckets** are judged at `now` with `bucketOf`: an open assignment is overdue as soon as one of its open
 * obligations (acknowledgement or report) has passed its deadline in force.
 *
 * **On-time rate** = completedOnTime / (completedOnTime + completedLate + inProgressOverdue). As the
 * Government Office does, an assignment still in progress past its deadline is already a failure: it can no
 * longer be completed on time, and leaving it out would reward not reporting at all over reporting late.
 * In progress on time is not judged yet; cancelled (thu hồi) and undeliverable assignments were never the
 * agency's to fail. The rate is a fraction in [0, 1], `null` when nothing has been judged yet (denominator 0).
 *
 * `total` counts every assignment in the period, all six buckets, so that the columns of a row add up to it.
 */

export type Period = { from: string; to: string };

/** What the statistics read of an assignment: the store loads only these fields of each item for them. */
export const STATISTICS_FIELDS = [
  // Whatever bucketOf reads, by construction: it is typed to see no more.
  ...JUDGED_FIELDS,
  'directiveId',
  'recipientId',
  'recipientName',
  'taskCodes',
  'acknowledgedAt',
  'escalationLevel',
] as const satisfies readonly (keyof Assignment)[];

export type StatisticsAssignment = Pick<Assignment, (typeof STATISTICS_FIELDS)[number]>;

export type StatisticsItem = { directive: Directive; assignments: StatisticsAssignment[] };

export type Counts = Record<Bucket, number> & { total: number };

export type CountsWithRate = Counts & { onTimeRate: number | null };

export type AgencyStatistics = CountsWithRate & { recipientId: string; recipientName: string };

export type DirectiveStatistics = CountsWithRate & {
  directiveId: string;
  number: string;
  subject: string;
  /** YYYY-MM-DD */
  issuedOn: string;
};

/** One assignment, flattened for the "Chi tiết" sheet. Instants are ISO (UTC); formatting is the exporter's. */
export type AssignmentDetail = {
  directiveId: string;
  directiveNumber: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  recipientId: string;
  recipientName: string;
  /** The codes of every task assigned to the recipient, in the directive's order. */
  taskCodes: string[];
  /** Each report the recipient owes, with the deadline in force (after extensions). */
  deadlines: { taskCode: string; deadline: string }[];
  /** The latest deadline in force: when everything is due. */
  lastDeadline?: string;
  acknowledgedAt?: string;
  /** The latest report submitted. */
  submittedAt?: string;
  status: AssignmentStatus;
  bucket: Bucket;
  outcome?: Outcome;
  escalationLevel: number;
};

export type StatisticsTables = {
  period: Period;
  now: string;
  byAgency: AgencyStatistics[];
  byDirective: DirectiveStatistics[];
  /** Every assignment, one row each: only the workbook's "Chi tiết" sheet shows them. */
  details?: AssignmentDetail[];
};

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** A programming error, not a user's: app/statistics.ts checks the period a user gives before it comes here. */
const checkPeriod = ({ from, to }: Period) => {
  if (!YMD.test(from) || !YMD.test(to)) throw new RangeError(`A period needs YYYY-MM-DD dates: ${from} – ${to}`);
  if (from > to) throw new RangeError(`A period cannot end before it starts: ${from} after ${to}`);
};

/** Whether a directive belongs to the period (issue date within it, both ends included). */
export const inPeriod = (directive: Pick<Directive, 'issuedOn'>, period: Period) =>
  directive.issuedOn >= period.from && directive.issuedOn <= period.to;

const emptyCounts = (): Counts => ({ ...zeroByBucket(), total: 0 });

const add = (counts: Counts, bucket: Bucket) => {
  counts[bucket] += 1;
  counts.total += 1;
};

/** completedOnTime / (completedOnTime + completedLate + inProgressOverdue); null when that is 0. */
export const onTimeRate = (c: Pick<Counts, 'completedOnTime' | 'completedLate' | 'inProgressOverdue'>) => {
  const judged = c.completedOnTime + c.completedLate + c.inProgressOverdue;
  return judged === 0 ? null : c.completedOnTime / judged;
};

const withRate = <T extends Counts>(c: T): T & { onTimeRate: number | null } => ({ ...c, onTimeRate: onTimeRate(c) });

const byName = (a: string, b: string) => a.localeCompare(b, 'vi');

const itemsIn = (items: readonly StatisticsItem[], period: Period) => {
  checkPeriod(period);
  return items.filter((i) => inPeriod(i.directive, period));
};

/** Rows per agency (recipientId), sorted by name in Vietnamese order. */
export const statisticsByAgency = (
  items: readonly StatisticsItem[],
  period: Period,
  now: string,
): AgencyStatistics[] => {
  const rows = new Map<string, Counts & { recipientId: string; recipientName: string; nameFrom: string }>();
  for (const { directive, assignments } of itemsIn(items, period)) {
    // The name an agency had in its latest directive is the one shown.
    const nameFrom = `${directive.issuedOn}|${directive.createdAt}`;
    for (const a of assignments) {
      let row = rows.get(a.recipientId);
      if (!row) {
        row = { ...emptyCounts(), recipientId: a.recipientId, recipientName: a.recipientName, nameFrom };
        rows.set(a.recipientId, row);
      } else if (nameFrom > row.nameFrom) {
        row.recipientName = a.recipientName;
        row.nameFrom = nameFrom;
      }
      add(row, bucketOf(a, now));
    }
  }
  return [...rows.values()]
    .map(({ nameFrom: _, ...row }) => withRate(row))
    .sort((a, b) => byName(a.recipientName, b.recipientName) || a.recipientId.localeCompare(b.recipientId));
};

/** Rows per directive, in order of issue (then number). */
export const statisticsByDirective = (
  items: readonly StatisticsItem[],
  period: Period,
  now: string,
): DirectiveStatistics[] =>
  itemsIn(items, period)
    .map(({ directive, assignments }) => {
      const counts = emptyCounts();
      for (const a of assignments) add(counts, bucketOf(a, now));
      return withRate({
        directiveId: directive.id,
        number: directive.number,
        subject: directive.subject,
        issuedOn: directive.issuedOn,
        ...counts,
      });
    })
    .sort(
      (a, b) =>
        a.issuedOn.localeCompare(b.issuedOn) ||
        a.number.localeCompare(b.number, 'vi', { numeric: true }) ||
        a.directiveId.localeCompare(b.directiveId),
    );

/** The sum of rows (per agency or per directive: the same assignments), with its own rate. */
export const statisticsTotal = (rows: readonly Counts[]): CountsWithRate => {
  const total = emptyCounts();
  for (const row of rows) {
    total.inProgressOnTime += row.inProgressOnTime;
    total.inProgressOverdue += row.inProgressOverdue;
    total.completedOnTime += row.completedOnTime;
    total.completedLate += row.completedLate;
    total.cancelled += row.cancelled;
    total.deliveryFailed += row.deliveryFailed;
    total.total += row.total;
  }
  return withRate(total);
};

const latest = (instants: (string | undefined)[]) =>
  instants.filter((i): i is string => i !== undefined).sort((x, y) => Date.parse(y) - Date.parse(x))[0];

/** Every assignment of the period, by directive (order of issue) then agency name. */
export const assignmentDetails = (
  items: readonly StatisticsItem[],
  period: Period,
  now: string,
): AssignmentDetail[] => {
  const directives = statisticsByDirective(items, period, now).map((d) => d.directiveId);
  const order = new Map(directives.map((id, i) => [id, i]));
  return itemsIn(items, period)
    .sort((a, b) => (order.get(a.directive.id) ?? 0) - (order.get(b.directive.id) ?? 0))
    .flatMap(({ directive, assignments }) =>
      [...assignments]
        .sort((a, b) => byName(a.recipientName, b.recipientName) || a.recipientId.localeCompare(b.recipientId))
        .map((a): AssignmentDetail => {
          const slots = Object.values(a.reports);
          const deadlines = slots
            .filter((s): s is typeof s & { deadline: string } => s.deadline !== undefined)
            .map((s) => ({ taskCode: s.taskCode, deadline: s.deadline }));
          const taskCodes = tasksOf(directive.tasks, a).map((t) => t.code);
          for (const s of slots) if (!taskCodes.includes(s.taskCode)) taskCodes.push(s.taskCode);
          return {
            directiveId: directive.id,
            directiveNumber: directive.number,
            issuedOn: directive.issuedOn,
            recipientId: a.recipientId,
            recipientName: a.recipientName,
            taskCodes,
            deadlines,
            lastDeadline: latest(deadlines.map((d) => d.deadline)),
            acknowledgedAt: a.acknowledgedAt,
            submittedAt: latest(slots.map((s) => s.submittedAt)),
            status: a.status,
            bucket: bucketOf(a, now),
            outcome: a.outcome,
            escalationLevel: a.escalationLevel,
          };
        }),
    );
};

/**
 * Everything the exports need, in one call; without `details` when `withDetails` is false (the page and the JSON
 * show none, and a province's are 20,000 rows to sort).
 */
export const statisticsTables = (
  items: readonly StatisticsItem[],
  period: Period,
  now: string,
  { withDetails = true }: { withDetails?: boolean } = {},
): StatisticsTables => ({
  period,
  now,
  byAgency: statisticsByAgency(items, period, now),
  byDirective: statisticsByDirective(items, period, now),
  ...(withDetails ? { details: assignmentDetails(items, period, now) } : {}),
});
