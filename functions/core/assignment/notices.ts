import { problem } from '#contracts/problems.ts';
import { phoneNumber } from '../agency.ts';
import { nextWorkingMorning } from '../calendar/index.ts';
import type { Checkpoint } from './checkpoints.ts';
import {
  ACK,
  type Assignment,
  isOpen,
  NOTICE_CHANNELS,
  type NoticeChannel,
  type NoticeKind,
  type NoticeRecord,
  type NoticeSent,
  type Notices,
  type PendingNotice,
  slotOf,
} from './model.ts';
import type { Transition } from './transitions.ts';

/**
 * The short notices on a phone beside the email (the email stays the record): who gets one, when, and how what
 * was sent is kept on the assignment in a fixed size. Pure: the app sends, this decides and records.
 */

/** What a notice announces: everything its text needs, and the checkpoint it belongs to. */
export type NoticeSubject = Omit<PendingNotice, 'due'>;

/** Provider errors and ids are cut: the item keeps its bound (README, "Items stay small"). */
export const MAX_NOTICE_ERROR = 120;
export const MAX_MESSAGE_ID = 100;

export const invitationSubject = (a: Assignment): NoticeSubject => ({
  kind: 'invitation',
  checkpoint: `invite:${a.linkVersion}`,
  obligation: ACK,
  ...(a.ackDeadline ? { deadline: a.ackDeadline } : {}),
});

export const checkpointSubject = (cp: Checkpoint): NoticeSubject => ({
  kind: cp.kind === 'REMIND' ? 'reminder' : 'escalation',
  checkpoint: cp.id,
  obligation: cp.obligation.key,
  ...(cp.obligation.taskCode ? { taskCode: cp.obligation.taskCode } : {}),
  ...(cp.obligation.deadline ? { deadline: cp.obligation.deadline } : {}),
  ...(cp.kind === 'ESCALATE' ? { level: cp.level } : {}),
});

/**
 * Where a notice goes: each channel the directive enabled (and the deployment can send through) that the agency
 * did not refuse, to the agency's phone and, for a first-level escalation, its head's. Numbers that do not read as
 * Vietnamese numbers are left out: the email still goes.
 */
export const noticeTargets = (
  a: Pick<Assignment, 'recipientPhone' | 'recipientHead' | 'noSms' | 'noZalo'>,
  enabled: readonly NoticeChannel[],
  subject: Pick<NoticeSubject, 'kind' | 'level'>,
): { channel: NoticeChannel; to: string }[] => {
  const raw = [
    a.recipientPhone,
    subject.kind === 'escalation' && subject.level === 1 ? a.recipientHead?.phone : undefined,
  ];
  const phones = [...new Set(raw.map((p) => (p ? phoneNumber(p) : undefined)).filter((p): p is string => !!p))];
  const channels = NOTICE_CHANNELS.filter(
    (c) => enabled.includes(c) && !(c === 'sms' && a.noSms) && !(c === 'zalo' && a.noZalo),
  );
  return channels.flatMap((channel) => phones.map((to) => ({ channel, to })));
};

/**
 * When a notice may go: now within working hours (08:00–17:00 of a working day), else the next working-hours
 * start. Nobody's phone rings at night or on a day off, whatever time the directive was issued or a step resumed.
 */
export const noticeDueAt = (now: string) => nextWorkingMorning(now);
export const mayNotifyAt = (now: string) => Date.parse(noticeDueAt(now)) <= Date.parse(now);

/** Whether a pending notice still says something: a step done meanwhile makes it moot. */
export const isMoot = (a: Assignment, p: PendingNotice) => {
  if (!isOpen(a.status)) return true;
  if (p.kind === 'invitation' || p.obligation === ACK) return a.status !== 'DELIVERED';
  const slot = slotOf(a, p.obligation);
  return !slot || slot.submittedAt !== undefined || (p.deadline !== undefined && slot.deadline !== p.deadline);
};

const bounded = (s: NoticeSent): NoticeSent => ({
  ...s,
  to: s.to.slice(0, 20),
  ...(s.messageId !== undefined ? { messageId: s.messageId.slice(0, MAX_MESSAGE_ID) } : {}),
  ...(s.error !== undefined ? { error: s.error.slice(0, MAX_NOTICE_ERROR) } : {}),
});

/**
 * The notices of an assignment after one checkpoint: its record replaces the one of the same kind, each channel's
 * latest outcome is what reached the agency, and a pending notice is set (`pending`) or, once its checkpoint is
 * recorded, cleared. Sizes are fixed: three records of at most four notices, two outcomes, one pending.
 */
export const noted = (
  notices: Notices | undefined,
  change: { kind: NoticeKind; record?: NoticeRecord | undefined; pending?: PendingNotice | undefined },
): Notices | undefined => {
  const { record, pending } = change;
  if (!record && !pending) return notices;
  const next: Notices = { ...notices };
  if (record) {
    const sent = record.sent.map(bounded);
    next.last = { ...next.last, [change.kind]: { ...record, sent } };
    const reached = { ...next.reached };
    for (const channel of NOTICE_CHANNELS) {
      const mine = sent.filter((s) => s.channel === channel);
      if (mine.length === 0) continue;
      reached[channel] = { status: mine.some((s) => s.status === 'SENT') ? 'SENT' : 'FAILED', at: record.at };
    }
    next.reached = reached;
    if (next.pending?.checkpoint === record.checkpoint) delete next.pending;
  }
  if (pending) next.pending = pending;
  return next;
};

/**
 * A transition (the delivery, a checkpoint's record) with its notices recorded in the same conditional write: a
 * retry after that write finds the checkpoint done and sends nothing, by email or by phone.
 */
export const withNotices = (
  t: Transition,
  change: { kind: NoticeKind; record?: NoticeRecord | undefined; pending?: PendingNotice | undefined },
): Transition => (t.ok ? { ...t, next: { ...t.next, notices: noted(t.next.notices, change) } } : t);

/**
 * A pending notice, sent (`record`) or found moot (no record), leaves the item: at most once, since a retry finds
 * no pending notice of that checkpoint any more.
 */
export const settlePending = (a: Assignment, checkpoint: string, record?: NoticeRecord): Transition => {
  const pending = a.notices?.pending;
  if (!pending || pending.checkpoint !== checkpoint)
    return { ok: false, refusal: 'ALREADY_DONE', problem: problem('refusal.alreadySent') };
  const notices = record ? noted(a.notices, { kind: pending.kind, record }) : { ...a.notices };
  if (notices) delete notices.pending;
  return { ok: true, next: { ...a, notices }, events: [] };
};

/** A pending notice whose wake-up came outside working hours (a step resumed at night) waits again. */
export const postponePending = (a: Assignment, checkpoint: string, due: string): Transition => {
  const pending = a.notices?.pending;
  if (!pending || pending.checkpoint !== checkpoint)
    return { ok: false, refusal: 'ALREADY_DONE', problem: problem('refusal.alreadySent') };
  return { ok: true, next: { ...a, notices: { ...a.notices, pending: { ...pending, due } } }, events: [] };
};

export type ChannelState = 'SENT' | 'FAILED' | 'NONE';

/**
 * Which channels reached the agency, as the dashboard and the API show it: the email once delivered (it always
 * goes), each phone channel by its latest notice (sent, failed) or none.
 */
export const channelsReached = (
  a: Pick<Assignment, 'deliveredAt' | 'status' | 'notices'>,
): Record<'email' | NoticeChannel, ChannelState> => ({
  email: a.deliveredAt ? 'SENT' : a.status === 'DELIVERY_FAILED' ? 'FAILED' : 'NONE',
  sms: a.notices?.reached?.sms?.status ?? 'NONE',
  zalo: a.notices?.reached?.zalo?.status ?? 'NONE',
});
