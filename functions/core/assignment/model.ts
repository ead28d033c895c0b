/**
 * An assignment: one recipient's obligations under one directive. It is the unit the workflow tracks, and the
 * stored item is the truth: the state machine only waits and wakes.
 */

export const ASSIGNMENT_STATUSES = [
  'ISSUED',
  'DELIVERED',
  'ACKNOWLEDGED',
  'COMPLETED',
  'CANCELLED',
  'DELIVERY_FAILED',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const OPEN_STATUSES: readonly AssignmentStatus[] = ['ISSUED', 'DELIVERED', 'ACKNOWLEDGED'];
export const isOpen = (status: AssignmentStatus) => OPEN_STATUSES.includes(status);

export type Outcome = 'ON_TIME' | 'LATE';

export type Attachment = { key: string; name: string; size: number; contentType: string };

/**
 * One report the recipient owes: a task that requires a report. What the agency wrote (and its file) is a
 * submission of its own (`reportId`), so that a year of daily reports does not grow the assignment.
 */
export type ReportSlot = {
  taskCode: string;
  /** The local date of a periodic report's deadline; absent for a one-off report. */
  period?: string;
  deadline?: string;
  /** When an extension set the deadline in force: reminders due before then are moot. */
  deadlineSetAt?: string;
  submittedAt?: string;
  late?: boolean;
  /** The submission that is this report. */
  reportId?: string;
  /** The reminders and escalations of the deadline in force are done up to this instant (see checkpoints.ts). */
  remindedUntil?: string;
};

/** A pending request to move one slot's deadline. The reason in full is the submission `reasonId`. */
export type ExtensionRequest = {
  requestedAt: string;
  /** The slot key: a task code, or `code#period` for one period of a periodic report. */
  taskCode: string;
  until: string;
  /** The beginning of the reason, for lists. */
  reason: string;
  reasonId?: string;
};

export const EVENT_TYPES = [
  'ISSUED',
  'DELIVERED',
  'DELIVERY_FAILED',
  'ACKNOWLEDGED',
  'REPORTED',
  /** The agency sent a corrected version of a report before its deadline (`reportId`, `previousReportId`). */
  'REPORT_CORRECTED',
  'COMPLETED',
  'REMINDED',
  'ESCALATED',
  'EXTENSION_REQUESTED',
  'EXTENSION_GRANTED',
  'EXTENSION_REFUSED',
  'LINK_RESENT',
  /** An official moved the assignment to another address (`from`, `to`): a new link, the old one is dead. */
  'REASSIGNED',
  /** The agency named the person who handles it (`detail`: the name), copied on reminders. */
  'HANDLER_NAMED',
  'CANCELLED',
  /** A workflow step failed for good; the execution waits and resumes from the stored item. */
  'STEP_FAILED',
  /** The workflow went on in a new execution (before Step Functions' limits, or after one was lost). */
  'RESUMED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type HistoryEvent = {
  at: string;
  type: EventType;
  /** Who caused it: the recipient, an official's name, or the workflow. */
  by?: string;
  taskCode?: string;
  level?: number;
  checkpoint?: string;
  deadline?: string;
  previousDeadline?: string;
  late?: boolean;
  detail?: string;
  /** A reassignment's old and new addresses. */
  from?: string;
  to?: string;
  /** The submission a report event recorded, and for a correction the version it replaced: both stay readable. */
  reportId?: string;
  previousReportId?: string;
};

/** Reminder offsets and other follow-up rules, copied from the directive so the item alone decides. */
export type FollowUpPolicy = {
  /** An ISO duration from delivery, or END_OF_WORKING_DAY. */
  acknowledgeWithin: string;
  remindBefore: string[];
  remindOnTheDay?: boolean;
  escalateAfterWorkingDays?: number;
};

export type Contact = { name?: string; email?: string; phone?: string };

/** The channels of the short notices on a phone beside the email (adapters/notices). */
export type NoticeChannel = 'sms' | 'zalo';
export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['sms', 'zalo'];
/** What a notice announces: the invitation, a reminder, an escalation. One record of each is kept. */
export type NoticeKind = 'invitation' | 'reminder' | 'escalation';

/** One notice as the provider answered it. */
export type NoticeSent = {
  channel: NoticeChannel;
  /** E.164. */
  to: string;
  status: 'SENT' | 'FAILED';
  messageId?: string;
  error?: string;
};

/** The notices of one checkpoint: at most one per channel and phone (the agency's, its head's): four. */
export type NoticeRecord = { at: string; checkpoint: string; sent: NoticeSent[] };

/**
 * A notice that fell due outside working hours (an invitation issued at 22:00, a step resumed at night): what it
 * announces, kept until the next working-hours start (`due`), when the checkpoint step sends it. One slot: a later
 * one replaces it, as a later reminder makes an earlier one moot.
 */
export type PendingNotice = {
  kind: NoticeKind;
  checkpoint: string;
  /** The obligation it is about (`ack` or a slot key): once that is done, the notice is moot. */
  obligation: string;
  due: string;
  taskCode?: string;
  deadline?: string;
  level?: number;
};

/**
 * What the phone notices of an assignment did, in a fixed size whatever happens: the pending one, the latest
 * record of each kind, and per channel the latest outcome (what the dashboard shows).
 */
export type Notices = {
  pending?: PendingNotice;
  last?: Partial<Record<NoticeKind, NoticeRecord>>;
  reached?: Partial<Record<NoticeChannel, { status: 'SENT' | 'FAILED'; at: string }>>;
};

export type Assignment = {
  directiveId: string;
  recipientId: string;
  recipientName: string;
  recipientEmail: string;
  recipientPhone?: string;
  /** The agency's head, copied on first-level escalations. */
  recipientHead?: Contact;
  /** The agency asked for no SMS, or no Zalo, notices (the directory's flags, copied at issue). */
  noSms?: boolean;
  noZalo?: boolean;
  /** The phone notices sent and pending (core/assignment/notices.ts). */
  notices?: Notices;
  /** The codes of the tasks this recipient carries out (the directive item keeps no assignee lists). */
  taskCodes?: string[];
  /** The directive's number and issuer, so a digest can list the item without reading the directive. */
  number?: string;
  issuer?: string;
  status: AssignmentStatus;
  version: number;
  createdAt: string;
  policy: FollowUpPolicy;
  deliveredAt?: string;
  ackDeadline?: string;
  acknowledgedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  reports: Record<string, ReportSlot>;
  escalationLevel: number;
  /** The reminders and escalations of the acknowledgement are done up to this instant. */
  ackRemindedUntil?: string;
  outcome?: Outcome;
  /** At most one pending request per slot, and at most MAX_PENDING_EXTENSIONS in all. */
  extensionRequests?: Record<string, ExtensionRequest>;
  /** Bumped when an official re-sends the link or reassigns: older links stop working. */
  linkVersion: number;
  /** The first link version of the current address: an older link was sent to an address that no longer acts. */
  addressSince?: number;
  /** The person the agency named to handle it: copied on reminders. */
  handler?: Contact;
  /** The child directive the agency forwarded its tasks to (core/forward.ts): one per assignment. */
  forwardedTo?: string;
  taskToken?: string;
  /** The item version the stored token was waiting on. */
  tokenVersion?: number;
  /** The latest events, oldest first; older ones are archived in items of their own (see storage). */
  history: HistoryEvent[];
  /** How many chunks of older history were archived. */
  archivedChunks?: number;
  /** Which execution tracks the assignment: 0 is the first; each continuation or restart adds one. */
  generation?: number;
  /** The item version when the current execution began: how much work this execution has done. */
  generationVersion?: number;
};

export const ACK = 'ack';

/** Something the recipient still owes, with the deadline in force. */
export type Obligation = {
  key: string;
  taskCode?: string;
  deadline?: string;
  deadlineSetAt?: string;
  remindedUntil?: string;
};

/** What judging an assignment's obligations reads of it: the statistics load only these fields of each item. */
export const JUDGED_FIELDS = ['status', 'ackDeadline', 'ackRemindedUntil', 'reports', 'outcome'] as const;
export type JudgedFields = Pick<Assignment, (typeof JUDGED_FIELDS)[number]>;

export const openObligations = (a: JudgedFields): Obligation[] => {
  if (!isOpen(a.status) || a.status === 'ISSUED') return [];
  const open: Obligation[] = [];
  if (a.status === 'DELIVERED')
    open.push({
      key: ACK,
      ...(a.ackDeadline ? { deadline: a.ackDeadline } : {}),
      ...(a.ackRemindedUntil ? { remindedUntil: a.ackRemindedUntil } : {}),
    });
  for (const [key, slot] of Object.entries(a.reports)) {
    if (!slot.submittedAt)
      open.push({
        key,
        taskCode: slot.taskCode,
        ...(slot.deadline ? { deadline: slot.deadline } : {}),
        ...(slot.deadlineSetAt ? { deadlineSetAt: slot.deadlineSetAt } : {}),
        ...(slot.remindedUntil ? { remindedUntil: slot.remindedUntil } : {}),
      });
  }
  return open;
};

export const isOverdue = (a: JudgedFields, now: string) =>
  openObligations(a).some((o) => o.deadline !== undefined && Date.parse(o.deadline) <= Date.parse(now));

/** The earliest deadline still open: what the sparse "due" index is keyed on. */
export const nextDeadline = (a: Assignment) =>
  openObligations(a)
    .map((o) => o.deadline)
    .filter((d): d is string => d !== undefined)
    .sort((x, y) => Date.parse(x) - Date.parse(y))[0];

/**
 * The Government Office's four counts, plus the two ends that are neither: each assignment sits in one bucket.
 */
export const BUCKETS = [
  'inProgressOnTime',
  'inProgressOverdue',
  'completedOnTime',
  'completedLate',
  'cancelled',
  'deliveryFailed',
] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Every bucket at zero: what a count starts from. */
export const zeroByBucket = () => Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;

export const bucketOf = (a: JudgedFields, now: string): Bucket => {
  switch (a.status) {
    case 'COMPLETED':
      return a.outcome === 'LATE' ? 'completedLate' : 'completedOnTime';
    case 'CANCELLED':
      return 'cancelled';
    case 'DELIVERY_FAILED':
      return 'deliveryFailed';
    default:
      return isOverdue(a, now) ? 'inProgressOverdue' : 'inProgressOnTime';
  }
};

/** A slot by its key, as an own property only: keys are chosen by users (`constructor`, `__proto__`…). */
export const slotOf = (a: Pick<Assignment, 'reports'>, key: string): ReportSlot | undefined =>
  Object.hasOwn(a.reports, key) ? a.reports[key] : undefined;

export const pendingExtensions = (a: Pick<Assignment, 'extensionRequests'>): ExtensionRequest[] =>
  Object.values(a.extensionRequests ?? {}).sort((x, y) => Date.parse(x.requestedAt) - Date.parse(y.requestedAt));
