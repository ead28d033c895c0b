import { describe, expect, it } from 'vitest';
import {
  assignmentDetails,
  onTimeRate,
  STATISTICS_FIELDS,
  statisticsByAgency,
  statisticsByDirective,
  statisticsTables,
  statisticsTotal,
} from '#core/statistics.ts';
import { AGENCIES, assignment, DEADLINE_126, directive125, directive126, items, JANUARY, NOW } from './fixtures.ts';

const counts = (row: Record<string, unknown>) => ({
  inProgressOnTime: row.inProgressOnTime,
  inProgressOverdue: row.inProgressOverdue,
  completedOnTime: row.completedOnTime,
  completedLate: row.completedLate,
  cancelled: row.cancelled,
  deliveryFailed: row.deliveryFailed,
  total: row.total,
});

describe('statisticsByAgency', () => {
  const rows = statisticsByAgency(items(), JANUARY, NOW);

  it('has one row per agency, in Vietnamese order of names', () => {
    expect(rows.map((r) => r.recipientName)).toEqual([
      'Bộ Chỉ huy Quân sự tỉnh',
      'Công an tỉnh',
      'Công ty Điện lực Gia Lai',
    ]);
    expect(rows.map((r) => r.recipientId)).toEqual([AGENCIES.bchqs.id, AGENCIES.congAn.id, AGENCIES.dienLuc.id]);
  });

  it('counts each agency’s assignments of the period in the bucket they are in at now', () => {
    const [bchqs, congAn, dienLuc] = rows;
    expect(bchqs && counts(bchqs)).toEqual({
      inProgressOnTime: 1,
      inProgressOverdue: 0,
      completedOnTime: 1,
      completedLate: 0,
      cancelled: 0,
      deliveryFailed: 0,
      total: 2,
    });
    expect(congAn && counts(congAn)).toEqual({
      inProgressOnTime: 0,
      inProgressOverdue: 1,
      completedOnTime: 0,
      completedLate: 0,
      cancelled: 1,
      deliveryFailed: 0,
      total: 2,
    });
    expect(dienLuc && counts(dienLuc)).toEqual({
      inProgressOnTime: 0,
      inProgressOverdue: 0,
      completedOnTime: 1,
      completedLate: 1,
      cancelled: 0,
      deliveryFailed: 0,
      total: 2,
    });
  });

  it('rates on time over completed plus overdue in progress; cancelled and on time in progress do not count', () => {
    expect(rows.map((r) => r.onTimeRate)).toEqual([1, 0, 0.5]);
  });

  it('leaves out directives issued outside the period (the March directive had three late completions)', () => {
    expect(rows.reduce((n, r) => n + r.completedLate, 0)).toBe(1);
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(6);
  });

  it('includes both ends of the period', () => {
    const day = { from: '2021-01-30', to: '2021-01-30' };
    expect(statisticsByAgency(items(), day, NOW).reduce((n, r) => n + r.total, 0)).toBe(6);
    const march = statisticsByAgency(items(), { from: '2021-01-31', to: '2021-03-01' }, '2021-03-20T00:00:00Z');
    expect(march.map((r) => [r.total, r.completedLate, r.onTimeRate])).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [1, 1, 0],
    ]);
  });

  it('judges buckets at now: before the deadline the overdue assignment was on time', () => {
    const before = statisticsByAgency(items(), JANUARY, '2021-02-03T09:59:59.000Z');
    const congAn = before.find((r) => r.recipientId === AGENCIES.congAn.id);
    expect(congAn && [congAn.inProgressOnTime, congAn.inProgressOverdue, congAn.onTimeRate]).toEqual([1, 0, null]);
    expect(DEADLINE_126).toBe('2021-02-03T10:00:00.000Z');
  });

  it('gives a null rate when nothing has been judged, and counts undeliverable assignments in the total only', () => {
    const rows = statisticsByAgency(
      [
        {
          directive: directive125,
          assignments: [
            assignment(directive125, AGENCIES.bchqs),
            assignment(directive125, AGENCIES.congAn, { status: 'DELIVERY_FAILED' }),
          ],
        },
      ],
      JANUARY,
      NOW,
    );
    expect(rows.map((r) => [r.recipientName, r.deliveryFailed, r.total, r.onTimeRate])).toEqual([
      ['Bộ Chỉ huy Quân sự tỉnh', 0, 1, null],
      ['Công an tỉnh', 1, 1, null],
    ]);
  });

  it('refuses a period that is not two dates in order', () => {
    expect(() => statisticsByAgency(items(), { from: '2021-02-01', to: '2021-01-01' }, NOW)).toThrow(RangeError);
    expect(() => statisticsByAgency(items(), { from: '01/01/2021', to: '2021-01-31' }, NOW)).toThrow(RangeError);
  });

  it('sorts with Vietnamese collation, not code points', () => {
    const names = ['Ủy ban nhân dân huyện Chư Prông', 'Đài Phát thanh tỉnh', 'Điện lực', 'Công an tỉnh', 'Dược'];
    const rows = statisticsByAgency(
      [
        {
          directive: directive125,
          assignments: names.map((name, i) => ({
            ...assignment(directive125, AGENCIES.bchqs),
            recipientId: `a${i}`,
            recipientName: name,
          })),
        },
      ],
      JANUARY,
      NOW,
    );
    expect(rows.map((r) => r.recipientName)).toEqual([
      'Công an tỉnh',
      'Dược',
      'Đài Phát thanh tỉnh',
      'Điện lực',
      'Ủy ban nhân dân huyện Chư Prông',
    ]);
  });
});

describe('statisticsByDirective', () => {
  const rows = statisticsByDirective(items(), JANUARY, NOW);

  it('has one row per directive of the period, in order of issue then number', () => {
    expect(rows.map((r) => [r.number, r.issuedOn])).toEqual([
      ['125/STTTT-BCVT', '2021-01-30'],
      ['126/STTTT-BCVT', '2021-01-30'],
    ]);
    expect(rows[1]?.subject).toBe(directive126.subject);
    expect(rows[1]?.directiveId).toBe(directive126.id);
  });

  it('counts and rates each directive', () => {
    const [d125, d126] = rows;
    expect(d125 && counts(d125)).toEqual({
      inProgressOnTime: 1,
      inProgressOverdue: 0,
      completedOnTime: 1,
      completedLate: 0,
      cancelled: 1,
      deliveryFailed: 0,
      total: 3,
    });
    expect(d125?.onTimeRate).toBe(1);
    expect(d126 && counts(d126)).toEqual({
      inProgressOnTime: 0,
      inProgressOverdue: 1,
      completedOnTime: 1,
      completedLate: 1,
      cancelled: 0,
      deliveryFailed: 0,
      total: 3,
    });
    expect(d126?.onTimeRate).toBe(1 / 3);
  });

  it('totals the same whether summed by agency or by directive', () => {
    const byAgency = statisticsTotal(statisticsByAgency(items(), JANUARY, NOW));
    const byDirective = statisticsTotal(rows);
    expect(byAgency).toEqual(byDirective);
    expect(byAgency).toMatchObject({ completedOnTime: 2, completedLate: 1, inProgressOverdue: 1, total: 6 });
    expect(byAgency.onTimeRate).toBe(0.5);
  });
});

describe('onTimeRate', () => {
  it('is completed on time over completed and overdue in progress, null on an empty denominator', () => {
    expect(onTimeRate({ completedOnTime: 2, completedLate: 1, inProgressOverdue: 1 })).toBe(0.5);
    expect(onTimeRate({ completedOnTime: 0, completedLate: 0, inProgressOverdue: 0 })).toBeNull();
    expect(onTimeRate({ completedOnTime: 0, completedLate: 0, inProgressOverdue: 3 })).toBe(0);
  });
});

describe('assignmentDetails', () => {
  it('lists every assignment of the period with its tasks, deadlines, submission and bucket', () => {
    const details = assignmentDetails(items(), JANUARY, NOW);
    expect(details.map((d) => [d.directiveNumber, d.recipientName, d.bucket])).toEqual([
      ['125/STTTT-BCVT', 'Bộ Chỉ huy Quân sự tỉnh', 'inProgressOnTime'],
      ['125/STTTT-BCVT', 'Công an tỉnh', 'cancelled'],
      ['125/STTTT-BCVT', 'Công ty Điện lực Gia Lai', 'completedOnTime'],
      ['126/STTTT-BCVT', 'Bộ Chỉ huy Quân sự tỉnh', 'completedOnTime'],
      ['126/STTTT-BCVT', 'Công an tỉnh', 'inProgressOverdue'],
      ['126/STTTT-BCVT', 'Công ty Điện lực Gia Lai', 'completedLate'],
    ]);
    const late = details[5];
    expect(late).toMatchObject({
      taskCodes: ['2.2'],
      deadlines: [{ taskCode: '2.2', deadline: DEADLINE_126 }],
      lastDeadline: DEADLINE_126,
      submittedAt: '2021-02-04T02:30:00.000Z',
      status: 'COMPLETED',
      outcome: 'LATE',
    });
    expect(details[4]).toMatchObject({ taskCodes: ['1.3'], submittedAt: undefined, escalationLevel: 1 });
  });

  it('comes with the two tables from statisticsTables', () => {
    const tables = statisticsTables(items(), JANUARY, NOW);
    expect(tables.byAgency).toHaveLength(3);
    expect(tables.byDirective).toHaveLength(2);
    expect(tables.details).toHaveLength(6);
    expect(tables.period).toEqual(JANUARY);
  });

  it('leaves the details out when asked (the page and the JSON show none), and nothing else changes', () => {
    const { details, ...rest } = statisticsTables(items(), JANUARY, NOW);
    const without = statisticsTables(items(), JANUARY, NOW, { withDetails: false });
    expect(details).toHaveLength(6);
    expect(without).not.toHaveProperty('details');
    expect(without).toEqual(rest);
  });

  it('needs no field of an assignment but STATISTICS_FIELDS, the only ones the store reads for it', () => {
    // One agency of 125 not yet acknowledged: overdue by its acknowledgement deadline alone (its report is due
    // 08/02), so that every deadline the buckets judge is in the data.
    const full = items().map((i) =>
      i.directive.id !== directive125.id
        ? i
        : {
            ...i,
            assignments: i.assignments.map((a, k) =>
              k === 0 ? { ...a, status: 'DELIVERED' as const, acknowledgedAt: undefined } : a,
            ),
          },
    );
    const projected = full.map((i) => ({
      ...i,
      assignments: i.assignments.map((a) => {
        const kept: Record<string, unknown> = {};
        for (const f of STATISTICS_FIELDS) if (a[f] !== undefined) kept[f] = a[f];
        return kept as Pick<typeof a, (typeof STATISTICS_FIELDS)[number]>;
      }),
    }));
    const of125 = (list: typeof full) =>
      statisticsByDirective(list, JANUARY, NOW).find((d) => d.directiveId === directive125.id);
    expect(of125(full)?.inProgressOverdue).toBe(1);
    expect(of125(projected)?.inProgressOverdue).toBe(1);
    expect(statisticsTables(projected, JANUARY, NOW)).toEqual(statisticsTables(full, JANUARY, NOW));
  });
});
