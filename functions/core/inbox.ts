import * as z from 'zod/mini';
import { type Assignment, isOpen, nextDeadline } from './assignment/model.ts';
import { addDaysToDate, startOfDay, wallOf } from './calendar/hanoi-time.ts';
import { isWorkingDay } from './calendar/index.ts';
import { byInstant, localDateOf } from './calendar/time.ts';
import { says } from './problems.ts';

/**
 * An agency's inbox: every assignment of one address, across every office. The address is compared as the
 * directive's recipients are stored (trimmed, lower-case) and also in NFC, so that a form that sends decomposed
 * letters finds the same partition.
 */
export const inboxEmailSchema = z.pipe(
  z.pipe(
    z.string(says('field.required', { field: 'inboxEmail' })),
    z.transform((v: string) => v.normalize('NFC').trim().toLowerCase()),
  ),
  z
    .email(says('field.email', { field: 'inboxEmail' }))
    .check(z.maxLength(254, says('field.tooLong', { field: 'inboxEmail', max: 254 }))),
);

export const inboxRequestSchema = z.object({ email: inboxEmailSchema });

/** What the inbox shows of one assignment, and how it sorts: open first by nearest deadline, then closed. */
export type InboxEntry = {
  assignment: Assignment;
  open: boolean;
  /** The nearest deadline still open; for a closed one, the last deadline it had. */
  deadline: string | undefined;
  /** When a closed one closed (completion, withdrawal, failed delivery). */
  closedAt: string | undefined;
};

const lastDeadline = (a: Assignment) =>
  [a.ackDeadline, ...Object.values(a.reports).map((r) => r.deadline)]
    .filter((d): d is string => d !== undefined)
    .sort(byInstant)
    .at(-1);

/** When an assignment closed, as far as the item says (its last event for a failed delivery). */
const closedAtOf = (a: Assignment) => a.completedAt ?? a.cancelledAt ?? a.history.at(-1)?.at ?? a.createdAt;

export const inboxEntry = (a: Assignment): InboxEntry => {
  const open = isOpen(a.status);
  return {
    assignment: a,
    open,
    deadline: open ? (nextDeadline(a) ?? a.ackDeadline) : lastDeadline(a),
    closedAt: open ? undefined : closedAtOf(a),
  };
};

/** Open ones first, nearest deadline first (none last); then closed ones, the latest closed first. */
export const sortInbox = (entries: InboxEntry[]): InboxEntry[] =>
  [...entries].sort((x, y) => {
    if (x.open !== y.open) return x.open ? -1 : 1;
    if (x.open) return byInstant(x.deadline, y.deadline) || key(x).localeCompare(key(y));
    return byInstant(y.closedAt, x.closedAt) || key(x).localeCompare(key(y));
  });

const key = (e: InboxEntry) => `${e.assignment.directiveId}#${e.assignment.recipientId}`;

/** The Hà Nội date of an instant, YYYY-MM-DD. */
export const localDate = (instant: string) => localDateOf(instant) ?? instant.slice(0, 10);

/** The Monday of the week a date is in (ISO weeks: Monday to Sunday). */
export const mondayOf = (date: string) => {
  const at = startOfDay(date);
  return at === undefined ? date : (addDaysToDate(date, 1 - wallOf(at).weekday) ?? date);
};

/**
 * Whether the weekly inbox email goes out on this date: the week's first working day. Usually Monday; when Monday
 * is a holiday (or a day off), the first working day after it in the same week. A week with no working day (Tết
 * can come close) sends none.
 */
export const isWeeklyInboxDay = (date: string) => {
  if (!isWorkingDay(date)) return false;
  for (let d = mondayOf(date); d < date; d = addDaysToDate(d, 1) ?? date) if (isWorkingDay(d)) return false;
  return true;
};
