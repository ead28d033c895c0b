import { describe, expect, it } from 'vitest';
import { correctable, correctReport } from '#core/assignment/corrections.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { report } from '#core/assignment/transitions.ts';
import { applied, assignment, DEADLINE, frozen, HOUR, hn, later, RECIPIENT, refusalOf, slots } from './builders.ts';

/**
 * Correcting a report until its deadline in force: the slot names the new version, the history names both, and
 * when the report was sent and whether it was late stay as they were.
 */

// The documented bound, written out: a test that imported it would follow it wherever it moved.
const MAX_CORRECTIONS = 10;

/** Wednesday 15/03/2023 10:00, before task 1's deadline (Friday 17:00). */
const REPORTED_AT = hn('2023-03-15 10:00');
const NOW = hn('2023-03-16 09:00');

/** Acknowledged, task 1 reported on time as `rep-1`, task 2 still owed: the assignment stays open. */
const reportedOpen = (over: Partial<Assignment> = {}): Assignment =>
  assignment('ACKNOWLEDGED', {
    reports: slots(
      { taskCode: '1', deadline: DEADLINE, submittedAt: REPORTED_AT, late: false, reportId: 'rep-1' },
      { taskCode: '2', deadline: DEADLINE },
    ),
    ...over,
  });

const correction = (over: Partial<Parameters<typeof correctReport>[2]> = {}) => ({
  slotKey: '1',
  replaces: 'rep-1',
  reportId: 'rep-1b',
  corrections: 0,
  ...over,
});

describe('correcting a report', () => {
  it('points the slot at the new version and records both versions in one REPORT_CORRECTED event', () => {
    const from = frozen(reportedOpen());
    const { next, events } = applied(correctReport(from, NOW, correction()));
    expect(next.reports['1']?.reportId).toBe('rep-1b');
    expect(events).toEqual([
      {
        at: NOW,
        type: 'REPORT_CORRECTED',
        by: RECIPIENT,
        taskCode: '1',
        reportId: 'rep-1b',
        previousReportId: 'rep-1',
      },
    ]);
  });

  it('keeps when the report was sent and that it was on time, and changes no status', () => {
    const from = reportedOpen();
    const { next } = applied(correctReport(from, NOW, correction()));
    expect(next.reports['1']).toEqual({ ...from.reports['1'], reportId: 'rep-1b' });
    expect(next.status).toBe('ACKNOWLEDGED');
    expect(next.reports['2']).toEqual(from.reports['2']);
  });

  it('is allowed on a completed assignment before the deadline, which stays completed on time', () => {
    const from = assignment('COMPLETED');
    const { next } = applied(correctReport(from, NOW, correction()));
    expect(next.status).toBe('COMPLETED');
    expect(next.outcome).toBe('ON_TIME');
    expect(next.completedAt).toBe(from.completedAt);
    expect(next.reports['1']?.late).toBe(false);
  });

  it('is allowed at the deadline itself and refused one millisecond after it', () => {
    expect(refusalOf(correctReport(reportedOpen(), DEADLINE, correction()))).toBe('APPLIED');
    expect(refusalOf(correctReport(reportedOpen(), later(DEADLINE, 1), correction()))).toBe('CLOSED');
  });

  it('judges against the deadline in force: an extension granted before the report counts', () => {
    const extended = hn('2023-03-24 17:00');
    const from = reportedOpen({
      reports: slots({
        taskCode: '1',
        deadline: extended,
        deadlineSetAt: hn('2023-03-14 10:00'),
        submittedAt: hn('2023-03-20 10:00'),
        late: false,
        reportId: 'rep-1',
      }),
    });
    expect(refusalOf(correctReport(from, hn('2023-03-22 10:00'), correction()))).toBe('APPLIED');
    expect(refusalOf(correctReport(from, later(extended, HOUR), correction()))).toBe('CLOSED');
  });

  it('says why after the deadline, naming the task and the deadline', () => {
    const result = correctReport(reportedOpen(), later(DEADLINE, HOUR), correction());
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problem).toEqual({
        code: 'correction.pastDeadline',
        params: { taskCode: '1', deadline: DEADLINE },
      });
  });

  it('reads a lost race or a double submit (another version in force) as already done', () => {
    const won = applied(correctReport(reportedOpen(), NOW, correction())).next;
    const again = correctReport(won, later(NOW, 1000), correction({ reportId: 'rep-1c' }));
    expect(refusalOf(again)).toBe('ALREADY_DONE');
    if (!again.ok) expect(again.problem.code).toBe('correction.superseded');
  });

  it('chains: a correction of the correction names the version it replaced', () => {
    const once = applied(correctReport(reportedOpen(), NOW, correction())).next;
    const { next, events } = applied(
      correctReport(once, later(NOW, HOUR), correction({ replaces: 'rep-1b', reportId: 'rep-1c', corrections: 1 })),
    );
    expect(next.reports['1']?.reportId).toBe('rep-1c');
    expect(events[0]).toMatchObject({ reportId: 'rep-1c', previousReportId: 'rep-1b' });
  });

  it(`allows ${MAX_CORRECTIONS} corrections of one report and refuses the next`, () => {
    const from = reportedOpen();
    expect(refusalOf(correctReport(from, NOW, correction({ corrections: MAX_CORRECTIONS - 1 })))).toBe('APPLIED');
    const refused = correctReport(from, NOW, correction({ corrections: MAX_CORRECTIONS }));
    expect(refusalOf(refused)).toBe('TOO_MANY');
    if (!refused.ok)
      expect(refused.problem).toEqual({ code: 'correction.tooMany', params: { taskCode: '1', max: 10 } });
  });

  it('refuses a report not sent yet, an unknown slot and a key that only the prototype answers', () => {
    expect(refusalOf(correctReport(reportedOpen(), NOW, correction({ slotKey: '2' })))).toBe('INVALID');
    expect(refusalOf(correctReport(reportedOpen(), NOW, correction({ slotKey: '9' })))).toBe('UNKNOWN_TASK');
    expect(refusalOf(correctReport(reportedOpen(), NOW, correction({ slotKey: 'constructor' })))).toBe('UNKNOWN_TASK');
  });

  it('refuses a withdrawn assignment', () => {
    const withdrawn = reportedOpen({ status: 'CANCELLED', cancelledAt: hn('2023-03-15 11:00') });
    expect(refusalOf(correctReport(withdrawn, NOW, correction()))).toBe('CLOSED');
  });

  it('corrects one period of a periodic report by its key, leaving the others', () => {
    const from = reportedOpen({
      reports: slots(
        {
          taskCode: '1',
          period: '2023-03-16',
          deadline: hn('2023-03-16 17:00'),
          submittedAt: REPORTED_AT,
          late: false,
          reportId: 'p16',
        },
        { taskCode: '1', period: '2023-03-17', deadline: DEADLINE },
      ),
    });
    const { next } = applied(correctReport(from, NOW, correction({ slotKey: '1#2023-03-16', replaces: 'p16' })));
    expect(next.reports['1#2023-03-16']?.reportId).toBe('rep-1b');
    expect(next.reports['1#2023-03-17']).toEqual(from.reports['1#2023-03-17']);
  });

  it('the page offers the form exactly when the transition would apply', () => {
    const a = reportedOpen();
    expect(correctable(a, NOW, '1', 0)).toBe(true);
    expect(correctable(a, later(DEADLINE, 1), '1', 0)).toBe(false);
    expect(correctable(a, NOW, '1', MAX_CORRECTIONS)).toBe(false);
    expect(correctable(a, NOW, '2', 0)).toBe(false);
  });

  it('a report event names its submission, so the history reads the first version too', () => {
    const { events } = applied(report(assignment('ACKNOWLEDGED'), NOW, { taskCode: '1', reportId: 'rep-1' }));
    expect(events.find((e) => e.type === 'REPORTED')).toMatchObject({ reportId: 'rep-1', late: false });
  });
});
