import {
  type Assignment,
  type Bucket,
  bucketOf,
  isOpen,
  openObligations,
  pendingExtensions,
  zeroByBucket,
} from './assignment/model.ts';
import { byInstant } from './calendar/time.ts';

/**
 * The status sheet an official takes to a meeting ("Bản in tình hình thực hiện"): the counts and one line per
 * agency, overdue first. Pure: the page words its lines, the use case reads the assignments.
 */

export type SheetCounts = Record<Bucket | 'notAcknowledged', number>;

export type SheetLine = {
  recipientId: string;
  name: string;
  bucket: Bucket;
  acknowledgedAt?: string;
  /** The latest report sent, and how many of the reports owed are in. */
  lastReportAt?: string;
  reported: number;
  owed: number;
  /** Whole days since the earliest missed deadline still open (at least 1), for an overdue agency. */
  overdueDays?: number;
  /** The dates pending extension requests ask for, earliest request first. */
  extensionsAsked: string[];
};

const DAY_MS = 86_400_000;

type Read = Pick<
  Assignment,
  | 'recipientId'
  | 'recipientName'
  | 'status'
  | 'acknowledgedAt'
  | 'ackDeadline'
  | 'ackRemindedUntil'
  | 'reports'
  | 'outcome'
  | 'extensionRequests'
>;

export const sheetLineOf = (a: Read, now: string): SheetLine => {
  const bucket = bucketOf(a, now);
  const slots = Object.values(a.reports);
  const sent = slots.map((s) => s.submittedAt).filter((t): t is string => t !== undefined);
  const missed = openObligations(a)
    .map((o) => o.deadline)
    .filter((d): d is string => d !== undefined && Date.parse(d) <= Date.parse(now))
    .sort((x, y) => Date.parse(x) - Date.parse(y))[0];
  return {
    recipientId: a.recipientId,
    name: a.recipientName,
    bucket,
    ...(a.acknowledgedAt ? { acknowledgedAt: a.acknowledgedAt } : {}),
    ...(sent.length ? { lastReportAt: sent.sort(byInstant).at(-1) } : {}),
    reported: sent.length,
    owed: slots.length,
    ...(bucket === 'inProgressOverdue' && missed
      ? { overdueDays: Math.max(1, Math.ceil((Date.parse(now) - Date.parse(missed)) / DAY_MS)) }
      : {}),
    extensionsAsked: isOpen(a.status) ? pendingExtensions(a).map((r) => r.until) : [],
  };
};

/** Overdue first (longest overdue on top), then the rest still open, then the closed ones; by name within each. */
const RANK: Record<Bucket, number> = {
  inProgressOverdue: 0,
  inProgressOnTime: 1,
  completedLate: 2,
  completedOnTime: 3,
  deliveryFailed: 4,
  cancelled: 5,
};

export const statusSheetOf = (assignments: readonly Read[], now: string) => {
  const lines = assignments.map((a) => sheetLineOf(a, now));
  lines.sort(
    (x, y) =>
      RANK[x.bucket] - RANK[y.bucket] ||
      (y.overdueDays ?? 0) - (x.overdueDays ?? 0) ||
      x.name.localeCompare(y.name, 'vi'),
  );
  const counts: SheetCounts = { ...zeroByBucket(), notAcknowledged: 0 };
  for (const line of lines) {
    counts[line.bucket] += 1;
    // Still open and never acknowledged: the agency has not said it received the letter.
    if (!line.acknowledgedAt && (line.bucket === 'inProgressOnTime' || line.bucket === 'inProgressOverdue'))
      counts.notAcknowledged += 1;
  }
  return { lines, counts };
};
