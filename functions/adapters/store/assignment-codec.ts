import type { Assignment, Bucket, ReportSlot } from '#core/assignment/model.ts';

/**
 * How an assignment is laid out in its item. Most of it is stored as it is; the report slots are not: a year of
 * daily reports is 366 slots, and as maps of named attributes they alone would pass 100 KB. Each slot is one
 * string under its key (`code` or `code#period`, which give the task code and the period):
 *
 *   deadline | deadlineSetAt | submittedAt | late | reportId | remindedUntil
 *
 * with instants as milliseconds in base 36 (8 characters) and empty fields left empty: about 50 bytes a slot.
 */

export type StoredAssignment = Assignment & { bucket: Bucket; dueAt?: string; watchAt?: string };

const instant = (iso: string | undefined) => (iso === undefined ? '' : Date.parse(iso).toString(36));
const fromInstant = (field: string | undefined) =>
  field ? new Date(Number.parseInt(field, 36)).toISOString() : undefined;

export const encodeSlot = (slot: ReportSlot): string =>
  [
    instant(slot.deadline),
    instant(slot.deadlineSetAt),
    instant(slot.submittedAt),
    slot.late === undefined ? '' : slot.late ? '1' : '0',
    slot.reportId ?? '',
    instant(slot.remindedUntil),
  ].join('|');

export const decodeSlot = (key: string, value: unknown): ReportSlot => {
  const hash = key.indexOf('#');
  const taskCode = hash < 0 ? key : key.slice(0, hash);
  const period = hash < 0 ? undefined : key.slice(hash + 1);
  // An item written before slots were encoded keeps its map.
  if (typeof value !== 'string') return { ...(value as ReportSlot), taskCode };
  const [deadline, setAt, submittedAt, late, reportId, remindedUntil] = value.split('|');
  const slot: ReportSlot = { taskCode };
  const put = <K extends keyof ReportSlot>(k: K, v: ReportSlot[K] | undefined) => {
    if (v !== undefined && v !== '') slot[k] = v;
  };
  put('period', period);
  put('deadline', fromInstant(deadline));
  put('deadlineSetAt', fromInstant(setAt));
  put('submittedAt', fromInstant(submittedAt));
  if (late) slot.late = late === '1';
  put('reportId', reportId);
  put('remindedUntil', fromInstant(remindedUntil));
  return slot;
};

export const encodeReports = (reports: Record<string, ReportSlot>) =>
  Object.fromEntries(Object.entries(reports).map(([k, slot]) => [k, encodeSlot(slot)]));

const INTERNAL = new Set([
  'pk',
  'sk',
  'duePk',
  'watchPk',
  'gsi1pk',
  'gsi1sk',
  'gsi3pk',
  'gsi3sk',
  'rosterPk',
  'rosterSk',
  'rosterFold',
  'pendingPk',
  'pendingSk',
]);

/** The domain's assignment from an item (or an index projection of one). */
export const toAssignment = (item: Record<string, unknown>): StoredAssignment => {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!INTERNAL.has(k)) rest[k] = v;
  const reports = (item.reports ?? {}) as Record<string, unknown>;
  const decoded: Record<string, ReportSlot> = {};
  for (const [k, v] of Object.entries(reports)) decoded[k] = decodeSlot(k, v);
  const a = { ...rest, reports: decoded, history: (item.history as Assignment['history']) ?? [] } as StoredAssignment;
  // Items from before one pending request per slot carried a single `extensionRequest`.
  const legacy = item.extensionRequest as Assignment['extensionRequests'] extends Record<string, infer R> | undefined
    ? R | undefined
    : never;
  if (legacy && !a.extensionRequests) a.extensionRequests = { [legacy.taskCode]: legacy };
  delete (a as { extensionRequest?: unknown }).extensionRequest;
  delete (a as { checkpointsDone?: unknown }).checkpointsDone;
  return a;
};

/** What a dashboard reads of each assignment: everything but the history, which is the bulk of an item. */
export const SUMMARY_FIELDS = [
  'directiveId',
  'recipientId',
  'recipientName',
  'taskCodes',
  'recipientEmail',
  'status',
  'version',
  'createdAt',
  'policy',
  'deliveredAt',
  'ackDeadline',
  'acknowledgedAt',
  'completedAt',
  'cancelledAt',
  'reports',
  'escalationLevel',
  'ackRemindedUntil',
  'outcome',
  'extensionRequests',
  'linkVersion',
  'bucket',
  'dueAt',
  'forwardedTo',
  'notices',
];
