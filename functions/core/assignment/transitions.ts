import { type ParamsOf, type Problem, type ProblemCode, problem } from '#contracts/problems.ts';
import { endOfWorkingDay, isWorkingTimeDuration, plusWorkingTime } from '../calendar/index.ts';
import { plus } from '../calendar/time.ts';
import { END_OF_WORKING_DAY } from '../directive.ts';
import { type Checkpoint, checkpointsOf } from './checkpoints.ts';
import {
  ACK,
  type Assignment,
  type Contact,
  type ExtensionRequest,
  type HistoryEvent,
  isOpen,
  type Outcome,
  type ReportSlot,
  slotOf,
} from './model.ts';

/**
 * Every change to an assignment is a pure function from the stored item to the next one. The storage layer
 * writes the result with one conditional UpdateItem on the version it was computed from, so a lost race is
 * re-evaluated against the winner and comes out as "already done". A refusal says why as a problem
 * (contracts/problems.ts), which the edge renders in the visitor's language.
 */
export type Transition =
  | { ok: true; next: Assignment; events: HistoryEvent[] }
  | { ok: false; refusal: Refusal; problem: Problem };

export type Refusal =
  | 'ALREADY_DONE'
  | 'CLOSED'
  | 'UNKNOWN_TASK'
  | 'NOT_DUE'
  | 'INVALID'
  | 'TOO_MANY'
  | 'TOO_SOON'
  | 'CONFLICT';

/** What one transition may add to the item's history: a report that acknowledges and completes adds three. */
export const MAX_EVENTS_PER_TRANSITION = 6;
/** Free text kept in the item is cut to this; the whole text lives in a submission of its own. */
export const MAX_EXCERPT = 160;
const MAX_BY = 80;
/** Addresses in events: longer than any real mailbox, short enough to keep the item's bound. */
export const MAX_ADDRESS = 120;
/** Pending extension requests of one assignment, at most one per slot. */
export const MAX_PENDING_EXTENSIONS = 5;
/** A new request for a slot replaces the pending one, but not sooner than this after it. */
export const EXTENSION_REQUEST_INTERVAL_MS = 60 * 60_000;

export const excerpt = (text: string, max = MAX_EXCERPT) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

export const refuse = <C extends ProblemCode>(refusal: Refusal, code: C, ...params: ParamsOf<C>): Transition => ({
  ok: false,
  refusal,
  problem: problem(code, ...params) as Problem,
});
export const done = <C extends ProblemCode>(code: C, ...params: ParamsOf<C>): Transition =>
  refuse('ALREADY_DONE', code, ...params);
export const closed = (a: Assignment): Transition =>
  refuse(
    'CLOSED',
    a.status === 'CANCELLED'
      ? 'refusal.withdrawn'
      : a.status === 'COMPLETED'
        ? 'refusal.completed'
        : 'refusal.undeliverable',
  );
export const unknownTask = (taskCode: string) => refuse('UNKNOWN_TASK', 'refusal.unknownTask', { taskCode });

/** Every event is bounded: names and free text are cut, so no sequence of actions can grow an item unboundedly. */
const bounded = (e: HistoryEvent): HistoryEvent => ({
  ...e,
  ...(e.by !== undefined ? { by: excerpt(e.by, MAX_BY) } : {}),
  ...(e.detail !== undefined ? { detail: excerpt(e.detail) } : {}),
  ...(e.from !== undefined ? { from: excerpt(e.from, MAX_ADDRESS) } : {}),
  ...(e.to !== undefined ? { to: excerpt(e.to, MAX_ADDRESS) } : {}),
});

export const changed = (next: Assignment, ...events: HistoryEvent[]): Transition => {
  if (events.length > MAX_EVENTS_PER_TRANSITION)
    throw new RangeError(`A transition may add at most ${MAX_EVENTS_PER_TRANSITION} events, not ${events.length}`);
  return { ok: true, next, events: events.map(bounded) };
};

const withoutRequest = (a: Assignment, key: string) => {
  if (!a.extensionRequests || !Object.hasOwn(a.extensionRequests, key)) return a.extensionRequests;
  const { [key]: _, ...rest } = a.extensionRequests;
  return Object.keys(rest).length > 0 ? rest : undefined;
};

/**
 * Decree 30/2020 expects a receipt notice the same working day; a directive that arrives within the last hour
 * of one is acknowledged by the end of the next. A window given in hours counts working hours.
 */
export const acknowledgementDeadline = (deliveredAt: string, acknowledgeWithin: string) =>
  acknowledgeWithin === END_OF_WORKING_DAY
    ? endOfWorkingDay(plus(deliveredAt, 'PT1H'))
    : isWorkingTimeDuration(acknowledgeWithin)
      ? plusWorkingTime(deliveredAt, acknowledgeWithin)
      : plus(deliveredAt, acknowledgeWithin);

export const deliver = (a: Assignment, now: string): Transition => {
  if (a.status !== 'ISSUED') return done('refusal.alreadySent');
  return changed(
    {
      ...a,
      status: 'DELIVERED',
      deliveredAt: now,
      ackDeadline: acknowledgementDeadline(now, a.policy.acknowledgeWithin),
    },
    { at: now, type: 'DELIVERED', by: 'workflow' },
  );
};

export const failDelivery = (a: Assignment, now: string, detail: string): Transition => {
  if (a.status !== 'ISSUED') return done('refusal.alreadyHandled');
  return changed({ ...a, status: 'DELIVERY_FAILED' }, { at: now, type: 'DELIVERY_FAILED', by: 'workflow', detail });
};

/** COMPLETED with its outcome once nothing is owed; otherwise the assignment as it is. */
const settle = (a: Assignment, now: string, events: HistoryEvent[]): Transition => {
  const slots = Object.values(a.reports);
  if (a.status !== 'ACKNOWLEDGED' || slots.some((s) => !s.submittedAt)) return changed(a, ...events);
  const late =
    slots.length > 0
      ? slots.some((s) => s.late)
      : a.ackDeadline !== undefined && Date.parse(a.acknowledgedAt ?? now) > Date.parse(a.ackDeadline);
  const outcome: Outcome = late ? 'LATE' : 'ON_TIME';
  return changed({ ...a, status: 'COMPLETED', completedAt: now, outcome, extensionRequests: undefined }, ...events, {
    at: now,
    type: 'COMPLETED',
    by: 'workflow',
    detail: outcome,
  });
};

const acknowledged = (a: Assignment, now: string): { next: Assignment; events: HistoryEvent[] } => ({
  next: {
    ...a,
    status: 'ACKNOWLEDGED',
    acknowledgedAt: now,
    deliveredAt: a.deliveredAt ?? now,
    ackRemindedUntil: undefined,
  },
  events: [
    {
      at: now,
      type: 'ACKNOWLEDGED',
      by: a.recipientName,
      late: a.ackDeadline !== undefined && Date.parse(now) > Date.parse(a.ackDeadline),
    },
  ],
});

/** A click that lands before the DELIVERED write (the email is sent first) still counts. */
const awaitingAcknowledgement = (a: Assignment) => a.status === 'ISSUED' || a.status === 'DELIVERED';

export const acknowledge = (a: Assignment, now: string): Transition => {
  if (a.status === 'ACKNOWLEDGED' || (a.status === 'COMPLETED' && a.acknowledgedAt))
    return done('refusal.alreadyAcknowledged');
  if (!isOpen(a.status)) return closed(a);
  const { next, events } = acknowledged(a, now);
  return settle(next, now, events);
};

/** A report refers to its submission (text and file), stored as an item of its own before this transition. */
export type ReportInput = { taskCode: string; reportId: string };

/** A report before the acknowledgement is accepted, and implies it: the recipient has plainly received it. */
export const report = (a: Assignment, now: string, input: ReportInput): Transition => {
  const slot = slotOf(a, input.taskCode);
  if (!slot) return isOpen(a.status) ? unknownTask(input.taskCode) : closed(a);
  if (slot.submittedAt) return done('refusal.alreadyReported', { taskCode: input.taskCode });
  if (!isOpen(a.status)) return closed(a);
  let base = a;
  const events: HistoryEvent[] = [];
  if (awaitingAcknowledgement(a)) {
    const ack = acknowledged(a, now);
    base = ack.next;
    events.push(...ack.events);
  }
  const late = slot.deadline !== undefined && Date.parse(now) > Date.parse(slot.deadline);
  const { remindedUntil: _, ...open } = slot;
  const submitted: ReportSlot = { ...open, submittedAt: now, late, reportId: input.reportId };
  events.push({ at: now, type: 'REPORTED', by: a.recipientName, ...input, late });
  return settle(
    {
      ...base,
      reports: { ...base.reports, [input.taskCode]: submitted },
      extensionRequests: withoutRequest(base, input.taskCode),
    },
    now,
    events,
  );
};

/**
 * Records a reminder or an escalation as sent, and with it every earlier one of the same obligation (they are
 * moot once a later one went out). Refused when the step it was for is no longer pending: done meanwhile, or
 * its deadline moved.
 */
export const recordCheckpoint = (a: Assignment, now: string, cp: Checkpoint): Transition => {
  if (!isOpen(a.status)) return closed(a);
  const key = cp.obligation.key;
  const until = key === ACK ? a.ackRemindedUntil : slotOf(a, key)?.remindedUntil;
  if (until !== undefined && Date.parse(cp.at) <= Date.parse(until)) return done('refusal.alreadySent');
  if (!checkpointsOf(a).some((c) => c.id === cp.id)) return refuse('NOT_DUE', 'refusal.notDue');
  const slot = key === ACK ? undefined : slotOf(a, key);
  const next: Assignment = {
    ...a,
    ...(key === ACK ? { ackRemindedUntil: cp.at } : {}),
    ...(slot ? { reports: { ...a.reports, [key]: { ...slot, remindedUntil: cp.at } } } : {}),
    escalationLevel: cp.kind === 'ESCALATE' ? Math.max(a.escalationLevel, cp.level) : a.escalationLevel,
  };
  return changed(next, {
    at: now,
    type: cp.kind === 'ESCALATE' ? 'ESCALATED' : 'REMINDED',
    by: 'workflow',
    checkpoint: cp.id,
    ...(cp.obligation.taskCode ? { taskCode: cp.obligation.taskCode } : {}),
    ...(cp.obligation.deadline ? { deadline: cp.obligation.deadline } : {}),
    ...(cp.kind === 'ESCALATE' ? { level: cp.level } : {}),
  });
};

export const cancel = (a: Assignment, now: string, by: string, reason?: string): Transition => {
  if (a.status === 'CANCELLED') return done('refusal.alreadyWithdrawn');
  if (!isOpen(a.status)) return closed(a);
  return changed(
    { ...a, status: 'CANCELLED', cancelledAt: now, extensionRequests: undefined },
    { at: now, type: 'CANCELLED', by, ...(reason ? { detail: reason } : {}) },
  );
};

export type ExtensionRequestInput = { taskCode: string; until: string; reason: string; reasonId?: string };

/** Why a request cannot be made against this item, before anything is stored; undefined when it can. */
export const extensionRequestProblem = (
  a: Assignment,
  now: string,
  input: Pick<ExtensionRequestInput, 'taskCode' | 'until'>,
): Transition | undefined => {
  if (!isOpen(a.status)) return closed(a);
  const slot = input.taskCode === ACK ? undefined : slotOf(a, input.taskCode);
  if (!slot) return unknownTask(input.taskCode);
  if (slot.submittedAt) return done('refusal.alreadyReported', { taskCode: input.taskCode });
  const inForce = slot.deadline ?? now;
  if (Date.parse(input.until) <= Date.parse(inForce))
    return slot.deadline
      ? refuse('INVALID', 'field.notAfterDeadline', { field: 'extensionUntil', deadline: slot.deadline })
      : refuse('INVALID', 'field.notAfterNow', { field: 'extensionUntil' });
  const pending = a.extensionRequests && Object.hasOwn(a.extensionRequests, input.taskCode);
  const request = pending ? a.extensionRequests?.[input.taskCode] : undefined;
  if (request && request.until === input.until) return done('refusal.extensionPending');
  if (request && Date.parse(now) - Date.parse(request.requestedAt) < EXTENSION_REQUEST_INTERVAL_MS)
    return refuse('TOO_SOON', 'refusal.tooSoon');
  if (!request && Object.keys(a.extensionRequests ?? {}).length >= MAX_PENDING_EXTENSIONS)
    return refuse('TOO_MANY', 'refusal.tooMany', { max: MAX_PENDING_EXTENSIONS });
  return undefined;
};

/** One pending request per slot: a new one replaces it (not more often than hourly), up to a few in all. */
export const requestExtension = (a: Assignment, now: string, input: ExtensionRequestInput): Transition => {
  const problem = extensionRequestProblem(a, now, input);
  if (problem) return problem;
  const request: ExtensionRequest = {
    requestedAt: now,
    taskCode: input.taskCode,
    until: input.until,
    reason: excerpt(input.reason),
    ...(input.reasonId ? { reasonId: input.reasonId } : {}),
  };
  return changed(
    { ...a, extensionRequests: { ...a.extensionRequests, [input.taskCode]: request } },
    {
      at: now,
      type: 'EXTENSION_REQUESTED',
      by: a.recipientName,
      taskCode: input.taskCode,
      deadline: input.until,
      detail: input.reason,
    },
  );
};

export const grantExtension = (
  a: Assignment,
  now: string,
  input: { taskCode: string; until: string; by: string },
): Transition => {
  if (!isOpen(a.status)) return closed(a);
  const slot = slotOf(a, input.taskCode);
  if (!slot) return refuse('UNKNOWN_TASK', 'refusal.noSuchDeadline', { taskCode: input.taskCode });
  if (slot.submittedAt) return done('refusal.alreadyReported', { taskCode: input.taskCode });
  if (slot.deadline === input.until) return done('refusal.deadlineApplied');
  if (Date.parse(input.until) <= Date.parse(now))
    return refuse('INVALID', 'field.notAfterNow', { field: 'newDeadline' });
  const { remindedUntil: _, ...rest } = slot;
  return changed(
    {
      ...a,
      reports: { ...a.reports, [input.taskCode]: { ...rest, deadline: input.until, deadlineSetAt: now } },
      extensionRequests: withoutRequest(a, input.taskCode),
    },
    {
      at: now,
      type: 'EXTENSION_GRANTED',
      by: input.by,
      taskCode: input.taskCode,
      deadline: input.until,
      ...(slot.deadline ? { previousDeadline: slot.deadline } : {}),
    },
  );
};

/** Refuses the pending request of one slot, or every pending request when no slot is named. */
export const refuseExtension = (
  a: Assignment,
  now: string,
  input: { by: string; reason?: string; taskCode?: string },
): Transition => {
  const all = Object.values(a.extensionRequests ?? {});
  const refused = input.taskCode === undefined ? all : all.filter((r) => r.taskCode === input.taskCode);
  if (refused.length === 0) return done('refusal.noPendingExtension');
  let requests = a.extensionRequests;
  for (const r of refused) requests = withoutRequest({ ...a, extensionRequests: requests }, r.taskCode);
  return changed(
    { ...a, extensionRequests: requests },
    ...refused.map(
      (r): HistoryEvent => ({
        at: now,
        type: 'EXTENSION_REFUSED',
        by: input.by,
        taskCode: r.taskCode,
        deadline: r.until,
        ...(input.reason ? { detail: input.reason } : {}),
      }),
    ),
  );
};

export const resendLink = (a: Assignment, now: string, by: string): Transition => {
  if (!isOpen(a.status)) return closed(a);
  return changed({ ...a, linkVersion: a.linkVersion + 1 }, { at: now, type: 'LINK_RESENT', by });
};

/**
 * Moves the assignment to another address: a new link version (every older link is dead, and answers that it
 * moved), the deadlines, reports and history kept. `fromEmail` is the address the official saw: when another
 * reassignment won meanwhile, the same target reads as already done and another one as a conflict, never as a
 * silent second move. A handler named by the old address's agency is dropped with it.
 */
export const reassign = (
  a: Assignment,
  now: string,
  input: { by: string; email: string; name?: string | undefined; fromEmail?: string | undefined },
): Transition => {
  if (!isOpen(a.status)) return closed(a);
  if (a.recipientEmail === input.email && (input.name === undefined || input.name === a.recipientName))
    return done('refusal.alreadyReassigned');
  if (input.fromEmail !== undefined && a.recipientEmail !== input.fromEmail)
    return refuse('CONFLICT', 'refusal.reassignedElsewhere');
  const { handler: _, ...rest } = a;
  return changed(
    {
      ...rest,
      recipientEmail: input.email,
      ...(input.name ? { recipientName: input.name } : {}),
      linkVersion: a.linkVersion + 1,
      addressSince: a.linkVersion + 1,
    },
    { at: now, type: 'REASSIGNED', by: input.by, from: a.recipientEmail, to: input.email },
  );
};

/** The agency names (or renames) the person who handles it; the same person again is already done. */
export const nameHandler = (a: Assignment, now: string, handler: Contact): Transition => {
  if (!isOpen(a.status)) return closed(a);
  if (JSON.stringify(a.handler ?? {}) === JSON.stringify(handler)) return done('refusal.handlerUnchanged');
  return changed({ ...a, handler }, { at: now, type: 'HANDLER_NAMED', by: 'recipient', detail: handler.name ?? '' });
};

/** A workflow step failed after its retries: recorded, so that the dashboard and the alarms can tell. */
export const recordStepFailure = (a: Assignment, now: string, input: { step: string; error: string }): Transition => {
  if (!isOpen(a.status)) return done('refusal.ended');
  return changed(a, { at: now, type: 'STEP_FAILED', by: 'workflow', detail: `${input.step}: ${input.error}` });
};

/** The assignment goes on in execution `generation + 1`; refused when another step already moved it on. */
export const resume = (a: Assignment, now: string, input: { fromGeneration: number; reason: string }): Transition => {
  if ((a.generation ?? 0) !== input.fromGeneration) return done('refusal.resumed');
  if (!isOpen(a.status)) return closed(a);
  return changed(
    { ...a, generation: input.fromGeneration + 1, generationVersion: a.version + 1 },
    { at: now, type: 'RESUMED', by: 'workflow', detail: input.reason },
  );
};
