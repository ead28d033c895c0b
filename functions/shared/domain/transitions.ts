import { endOfWorkingDay } from '../calendar/index.ts';
import { plus } from '../time.ts';
import {
  ACK,
  type Assignment,
  type Attachment,
  type HistoryEvent,
  isOpen,
  type Outcome,
  type ReportSlot,
} from './assignment.ts';
import { type Checkpoint, checkpointsOf } from './checkpoints.ts';
import { END_OF_WORKING_DAY } from './directive.ts';

/**
 * Every change to an assignment is a pure function from the stored item to the next one. The storage layer
 * writes the result with one conditional UpdateItem on the version it was computed from, so a lost race is
 * re-evaluated against the winner and comes out as "already done".
 */
export type Transition =
  | { ok: true; next: Assignment; events: HistoryEvent[] }
  | { ok: false; refusal: Refusal; message: string };

export type Refusal = 'ALREADY_DONE' | 'CLOSED' | 'UNKNOWN_TASK' | 'NOT_DUE';

const done = (message: string): Transition => ({ ok: false, refusal: 'ALREADY_DONE', message });
const closed = (a: Assignment): Transition => ({
  ok: false,
  refusal: 'CLOSED',
  message:
    a.status === 'CANCELLED'
      ? 'Công văn đã được thu hồi đối với đơn vị này.'
      : a.status === 'COMPLETED'
        ? 'Đơn vị đã hoàn thành các nhiệm vụ của công văn này.'
        : 'Không gửi được công văn tới đơn vị này.',
});

const changed = (next: Assignment, ...events: HistoryEvent[]): Transition => ({ ok: true, next, events });

/**
 * Decree 30/2020 expects a receipt notice the same working day; a directive that arrives within the last hour
 * of one is acknowledged by the end of the next.
 */
export const acknowledgementDeadline = (deliveredAt: string, acknowledgeWithin: string) =>
  acknowledgeWithin === END_OF_WORKING_DAY
    ? endOfWorkingDay(plus(deliveredAt, 'PT1H'))
    : plus(deliveredAt, acknowledgeWithin);

export const deliver = (a: Assignment, now: string): Transition => {
  if (a.status !== 'ISSUED') return done('Đã gửi.');
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
  if (a.status !== 'ISSUED') return done('Đã xử lý.');
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
  return changed({ ...a, status: 'COMPLETED', completedAt: now, outcome, extensionRequest: undefined }, ...events, {
    at: now,
    type: 'COMPLETED',
    by: 'workflow',
    detail: outcome,
  });
};

const acknowledged = (a: Assignment, now: string): { next: Assignment; events: HistoryEvent[] } => ({
  next: { ...a, status: 'ACKNOWLEDGED', acknowledgedAt: now, deliveredAt: a.deliveredAt ?? now },
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
    return done('Đơn vị đã xác nhận nhận công văn.');
  if (!isOpen(a.status)) return closed(a);
  const { next, events } = acknowledged(a, now);
  return settle(next, now, events);
};

export type ReportInput = { taskCode: string; summary: string; attachment?: Attachment };

/** A report before the acknowledgement is accepted, and implies it: the recipient has plainly received it. */
export const report = (a: Assignment, now: string, input: ReportInput): Transition => {
  const slot = a.reports[input.taskCode];
  if (!slot) {
    if (!isOpen(a.status)) return closed(a);
    return {
      ok: false,
      refusal: 'UNKNOWN_TASK',
      message: `Nhiệm vụ ${input.taskCode} không thuộc đơn vị này hoặc không yêu cầu báo cáo.`,
    };
  }
  if (slot.submittedAt) return done(`Đơn vị đã gửi báo cáo nhiệm vụ ${input.taskCode}.`);
  if (!isOpen(a.status)) return closed(a);
  let base = a;
  const events: HistoryEvent[] = [];
  if (awaitingAcknowledgement(a)) {
    const ack = acknowledged(a, now);
    base = ack.next;
    events.push(...ack.events);
  }
  const late = slot.deadline !== undefined && Date.parse(now) > Date.parse(slot.deadline);
  const submitted: ReportSlot = {
    ...slot,
    submittedAt: now,
    late,
    summary: input.summary,
    ...(input.attachment ? { attachment: input.attachment } : {}),
  };
  events.push({ at: now, type: 'REPORTED', by: a.recipientName, taskCode: input.taskCode, late });
  return settle({ ...base, reports: { ...base.reports, [input.taskCode]: submitted } }, now, events);
};

/**
 * Records a reminder or an escalation as sent, with the earlier ones it made moot. Refused when the step it
 * was for is no longer pending: done meanwhile, or its deadline moved.
 */
export const recordCheckpoint = (
  a: Assignment,
  now: string,
  cp: Checkpoint,
  skipped: Checkpoint[] = [],
): Transition => {
  if (a.checkpointsDone.includes(cp.id)) return done('Đã gửi.');
  if (!isOpen(a.status)) return closed(a);
  if (!checkpointsOf(a).some((c) => c.id === cp.id))
    return { ok: false, refusal: 'NOT_DUE', message: 'Việc này không còn chờ.' };
  const next: Assignment = {
    ...a,
    checkpointsDone: [...a.checkpointsDone, ...skipped.map((c) => c.id), cp.id],
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
  if (a.status === 'CANCELLED') return done('Đã thu hồi.');
  if (!isOpen(a.status)) return closed(a);
  return changed(
    { ...a, status: 'CANCELLED', cancelledAt: now, extensionRequest: undefined },
    { at: now, type: 'CANCELLED', by, ...(reason ? { detail: reason } : {}) },
  );
};

export const requestExtension = (
  a: Assignment,
  now: string,
  input: { taskCode: string; until: string; reason: string },
): Transition => {
  if (!isOpen(a.status)) return closed(a);
  const key = input.taskCode === ACK ? undefined : input.taskCode;
  const slot = key ? a.reports[key] : undefined;
  if (!slot) {
    return {
      ok: false,
      refusal: 'UNKNOWN_TASK',
      message: `Nhiệm vụ ${input.taskCode} không thuộc đơn vị này hoặc không yêu cầu báo cáo.`,
    };
  }
  if (slot.submittedAt) return done(`Đơn vị đã gửi báo cáo nhiệm vụ ${input.taskCode}.`);
  const pending = a.extensionRequest;
  if (pending && pending.taskCode === input.taskCode && pending.until === input.until)
    return done('Đề nghị gia hạn đã được gửi, đang chờ xem xét.');
  return changed(
    { ...a, extensionRequest: { requestedAt: now, ...input } },
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
  const slot = a.reports[input.taskCode];
  if (!slot) {
    return {
      ok: false,
      refusal: 'UNKNOWN_TASK',
      message: `Nhiệm vụ ${input.taskCode} không có hạn báo cáo của đơn vị này.`,
    };
  }
  if (slot.submittedAt) return done(`Đơn vị đã gửi báo cáo nhiệm vụ ${input.taskCode}.`);
  if (slot.deadline === input.until) return done('Hạn mới đã được áp dụng.');
  return changed(
    {
      ...a,
      reports: { ...a.reports, [input.taskCode]: { ...slot, deadline: input.until, deadlineSetAt: now } },
      extensionRequest: a.extensionRequest?.taskCode === input.taskCode ? undefined : a.extensionRequest,
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

export const refuseExtension = (a: Assignment, now: string, input: { by: string; reason?: string }): Transition => {
  if (!a.extensionRequest) return done('Không có đề nghị gia hạn đang chờ.');
  const { taskCode, until } = a.extensionRequest;
  return changed(
    { ...a, extensionRequest: undefined },
    {
      at: now,
      type: 'EXTENSION_REFUSED',
      by: input.by,
      taskCode,
      deadline: until,
      ...(input.reason ? { detail: input.reason } : {}),
    },
  );
};

export const resendLink = (a: Assignment, now: string, by: string): Transition => {
  if (!isOpen(a.status)) return closed(a);
  return changed({ ...a, linkVersion: a.linkVersion + 1 }, { at: now, type: 'LINK_RESENT', by });
};
