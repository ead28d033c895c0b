import { byInstant } from '#core/calendar/time.ts';
import { deadlinesIn, firstPeriodOf, recurrenceIn, workingDaysIn } from './dates.ts';
import { type Findings, warn } from './findings.ts';
import { MESSAGES } from './messages.ts';
import type { DraftTask } from './types.ts';

/**
 * When a task is due: a date ("trước 17 giờ ngày 03/02/2021"), a number of working days ("trong thời hạn 05 ngày
 * làm việc"), or a recurrence ("báo cáo hằng ngày … đến hết ngày …") whose first period the schema wants as the
 * deadline. `key` is the task's text folded. Every doubt is a warning on the task.
 */

/** With several dates, the earliest is kept and the others are named in a warning. */
const setDeadline = (t: DraftTask, k: number, key: string, issuedOn: string | undefined, findings: Findings) => {
  const { found, problems } = deadlinesIn(key, t.text, issuedOn);
  for (const pr of problems)
    warn(
      findings,
      `tasks.${k}.deadline`,
      pr.reason === 'invalid' ? MESSAGES.deadlineInvalid(pr.phrase) : MESSAGES.deadlineNoYear(pr.phrase),
      pr.phrase,
    );
  if (found.length === 0) return;
  const sorted = [...found].sort((a, b) => byInstant(a.instant, b.instant));
  const first = sorted[0] as (typeof sorted)[number];
  t.deadline = first.instant;
  if (new Set(found.map((f) => f.instant)).size > 1)
    warn(findings, `tasks.${k}.deadline`, MESSAGES.severalDeadlines(found.map((f) => f.phrase)));
  if (first.yearInferred)
    warn(findings, `tasks.${k}.deadline`, MESSAGES.deadlineYear(first.phrase, first.yearInferred), first.phrase);
};

const setWorkingDays = (t: DraftTask, k: number, key: string, findings: Findings) => {
  const days = workingDaysIn(key);
  if (days === undefined) return;
  t.deadlineWorkingDays = days;
  warn(findings, `tasks.${k}.deadline`, MESSAGES.workingDays(days));
};

/** Monthly and quarterly duties are kept but warned about: the create schema takes daily and weekly only. */
const setRecurrence = (t: DraftTask, k: number, key: string, issuedOn: string | undefined, findings: Findings) => {
  const recurrence = recurrenceIn(key, issuedOn);
  if (!recurrence) return;
  t.recurrence = recurrence;
  if (recurrence.every === 'P1M' || recurrence.every === 'P3M') {
    warn(findings, `tasks.${k}.recurrence`, MESSAGES.recurrenceUnsupported);
    return;
  }
  if (!t.deadline) {
    const first = firstPeriodOf(recurrence, key, issuedOn);
    if (first) {
      t.deadline = first.instant;
      warn(findings, `tasks.${k}.deadline`, MESSAGES.firstPeriod(first.date));
    } else warn(findings, `tasks.${k}.deadline`, MESSAGES.firstPeriodMissing);
  }
  if (!recurrence.until) warn(findings, `tasks.${k}.recurrence`, MESSAGES.recurrenceUntil);
};

/** Sets the deadline, working days and recurrence of task `k` (the index in `draft.tasks`, for the warnings). */
export const setTaskTerms = (
  t: DraftTask,
  k: number,
  key: string,
  issuedOn: string | undefined,
  findings: Findings,
) => {
  setDeadline(t, k, key, issuedOn, findings);
  setWorkingDays(t, k, key, findings);
  setRecurrence(t, k, key, issuedOn, findings);
  if (t.deadline && t.deadlineWorkingDays) warn(findings, `tasks.${k}.deadlineWorkingDays`, MESSAGES.bothDeadlines);
};
