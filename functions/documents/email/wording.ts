import type { Checkpoint } from '#core/assignment/checkpoints.ts';
import { ACK, type Assignment, slotOf } from '#core/assignment/model.ts';
import { ddmmyyyy, hhmm, parseDuration } from '#core/calendar/hanoi-time.ts';
import { formatCalendarDate, formatted } from '#core/calendar/time.ts';
import type { Directive, Leader, Task } from '#core/directive.ts';
import { aboutSubject } from '#core/subject.ts';
import { withoutDiacritics } from '../notices.ts';
import type { Inline } from './blocks.ts';

/** The phrases the emails share: dates and durations in words, the directive reference, a task as owed. */

/** "17:00 ngày 03/02/2021", in Asia/Ho_Chi_Minh. */
export const deadlineVi = (iso: string) => formatted(iso, (ms) => `${hhmm(ms)} ngày ${ddmmyyyy(ms)}`);

/** "17:00 on 03/02/2021 (UTC+7)". */
export const deadlineEn = (iso: string) => `${formatted(iso, (ms) => `${hhmm(ms)} on ${ddmmyyyy(ms)}`)} (UTC+7)`;

const UNITS_VI = [
  ['years', 'năm'],
  ['months', 'tháng'],
  ['weeks', 'tuần'],
  ['days', 'ngày'],
  ['hours', 'giờ'],
  ['minutes', 'phút'],
] as const;

/** P1D → "1 ngày", PT8H → "8 giờ"; empty when the duration cannot be read. */
export const durationVi = (iso: string) => {
  const o = parseDuration(iso);
  if (!o) return '';
  return UNITS_VI.filter(([unit]) => (o[unit] ?? 0) > 0)
    .map(([unit, word]) => `${o[unit]} ${word}`)
    .join(' ');
};

/** `126/STTTT-BCVT` → `126-stttt-bcvt`: safe in a file name. */
export const slugOf = (value: string) =>
  withoutDiacritics(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'cong-van';

export const issuedOn = (d: Directive) => formatCalendarDate(d.issuedOn);

/**
 * "Công văn số 126/STTTT-BCVT ngày 30/01/2021 của Sở … về việc đảm bảo …" as inline content: a letter named in a
 * sentence, capitalised as administrative letters name a specific one ("Căn cứ Công văn số …"), its subject "về
 * việc …" whether or not the official typed "V/v" (core/subject.ts).
 */
export const directiveRef = (d: Directive, withIssuer = true): Inline[] => [
  'Công văn số ',
  { strong: d.number },
  ` ngày ${issuedOn(d)}${withIssuer ? ` của ${d.issuer}` : ''} ${aboutSubject(d.subject)}`.trimEnd(),
];

/** A task as the recipient owes it: the deadline in force is its report slot's (an extension moves it). */
export const taskLine = (t: Task, a: Assignment): Inline[] => {
  const deadline = slotOf(a, t.code)?.deadline ?? t.deadline;
  const line: Inline[] = [{ strong: `${t.code}.` }, ` ${t.text}`];
  if (t.recurrence && t.deadline) {
    const periods = Object.values(a.reports).filter((s) => s.taskCode === t.code).length;
    const every = t.recurrence.every === 'P1D' ? 'Báo cáo hằng ngày' : 'Báo cáo hằng tuần';
    line.push(
      `\n${every}, kỳ đầu hạn `,
      { strong: deadlineVi(t.deadline) },
      `, đến hết ngày ${formatCalendarDate(t.recurrence.until)} (${periods} kỳ).`,
    );
    return line;
  }
  if (t.reportRequired && deadline) line.push('\nYêu cầu báo cáo, hạn ', { strong: deadlineVi(deadline) }, '.');
  else if (t.reportRequired) line.push('\nYêu cầu báo cáo.');
  else if (deadline) line.push('\nHạn: ', { strong: deadlineVi(deadline) }, '.');
  return line;
};

/** "Đồng chí Nguyễn Ngọc Hùng – Giám đốc Sở": a leader as the emails address them. */
export const comrade = (l: Leader) => `Đồng chí ${l.name} – ${l.title}`;

/** What an obligation is about: the acknowledgement, or the task whose report is owed. */
export const obligationOf = (directive: Directive, assignment: Assignment, obligation: Checkpoint['obligation']) => {
  if (obligation.key === ACK) return { ack: true as const, deadline: obligation.deadline ?? assignment.ackDeadline };
  const slot = slotOf(assignment, obligation.key);
  const code = obligation.taskCode ?? slot?.taskCode ?? obligation.key;
  return {
    ack: false as const,
    code,
    task: directive.tasks.find((t) => t.code === code),
    deadline: obligation.deadline ?? slot?.deadline,
  };
};
