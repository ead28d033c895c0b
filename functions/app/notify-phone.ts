import { configuredChannels, sendNotice } from '#adapters/notices/index.ts';
import { count, logger } from '#adapters/observability.ts';
import { applyTransition, type StoredAssignment } from '#adapters/store/assignments.ts';
import type { StoredDirective } from '#adapters/store/directives.ts';
import { config } from '#contracts/environment.ts';
import type { Assignment, NoticeChannel, NoticeRecord, NoticeSent, PendingNotice } from '#core/assignment/model.ts';
import {
  isMoot,
  mayNotifyAt,
  type NoticeSubject,
  noticeDueAt,
  noticeTargets,
  postponePending,
  settlePending,
} from '#core/assignment/notices.ts';
import { tasksOf } from '#core/directive.ts';
import { noticeText, zaloTemplate } from '#documents/notices.ts';
import { shortLinkFor } from './short-link.ts';

/**
 * The phone notices of one checkpoint (the invitation, a reminder, an escalation), beside its email. What comes
 * back is recorded by the caller in the same conditional write as the checkpoint itself (core/assignment/notices.ts),
 * so that a retry after that write sends nothing twice, by email or by phone.
 *
 * A notice never blocks the email or the workflow: whatever fails here (the provider refusing, its errors after the
 * adapter's own retries, the short link's write) is caught around the notice alone, recorded FAILED and counted.
 * Nothing is thrown for the Task's Retry to repeat: the email of this checkpoint has already gone and is recorded
 * in the same write as the notice, so a retry would send the email again.
 */
export type NoticeOutcome = { record?: NoticeRecord; pending?: PendingNotice };

/**
 * The channels a directive uses: those its office enabled when it was issued (copied onto the directive, so that a
 * settings change does not alter what running workflows send) that this deployment can send through.
 */
export const channelsOf = (directive: Pick<StoredDirective, 'channels'>): NoticeChannel[] => {
  const configured = configuredChannels();
  return (directive.channels ?? []).filter((c) => configured.includes(c));
};

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Sends now; each notice's failure is its own. */
export const sendNotices = async (
  directive: StoredDirective,
  assignment: Assignment,
  subject: NoticeSubject,
  now: string,
): Promise<NoticeRecord | undefined> => {
  const targets = noticeTargets(assignment, channelsOf(directive), subject);
  if (targets.length === 0) return undefined;
  let link: string | undefined;
  let linkError: string | undefined;
  try {
    link = await shortLinkFor(assignment, now);
  } catch (error) {
    linkError = errorText(error);
  }
  const taskText = subject.taskCode
    ? tasksOf(directive.tasks, { recipientId: assignment.recipientId, taskCodes: [subject.taskCode] })[0]?.text
    : undefined;
  const sent: NoticeSent[] = [];
  const zaloIds = config().ZALO_TEMPLATE_IDS;
  for (const { channel, to } of targets) {
    let result: NoticeSent;
    if (!link) result = { channel, to, status: 'FAILED', error: `short link: ${linkError}` };
    else {
      const facts = { number: directive.number, agency: assignment.recipientName, taskText, link };
      try {
        const answer = await sendNotice({
          channel,
          to,
          text: noticeText(channel, subject, facts),
          ...(channel === 'zalo' && zaloIds ? { template: zaloTemplate(subject, facts, zaloIds) } : {}),
          reference: `${assignment.directiveId}/${assignment.recipientId}/${subject.checkpoint}`,
        });
        result =
          answer.status === 'SENT'
            ? { channel, to, status: 'SENT', messageId: answer.messageId }
            : { channel, to, status: 'FAILED', error: answer.error };
      } catch (error) {
        result = { channel, to, status: 'FAILED', error: errorText(error) };
      }
    }
    if (result.status === 'SENT') count('NoticesSent', 1, { channel });
    else {
      count('NoticeFailures', 1, { channel });
      logger.warn('A phone notice failed', { channel, checkpoint: subject.checkpoint, error: result.error });
    }
    sent.push(result);
  }
  return { at: now, checkpoint: subject.checkpoint, sent };
};

/**
 * The notices of a checkpoint: sent now within working hours, or kept pending until the next working-hours start
 * (the plan wakes the execution then). Nothing when the agency has no phone, refused the channels, or the
 * directive enables none.
 */
export const phoneNotices = async (
  directive: StoredDirective,
  assignment: Assignment,
  subject: NoticeSubject,
  now: string,
): Promise<NoticeOutcome> => {
  if (noticeTargets(assignment, channelsOf(directive), subject).length === 0) return {};
  if (!mayNotifyAt(now)) return { pending: { ...subject, due: noticeDueAt(now) } };
  const record = await sendNotices(directive, assignment, subject, now);
  return record ? { record } : {};
};

/**
 * The pending notice, once its time has come: sent and recorded, or dropped when what it announced is done
 * meanwhile (an agency that acknowledged overnight gets no invitation notice at 08:00), or postponed again when the
 * execution woke outside working hours.
 */
export const sendPendingNotice = async (
  assignment: StoredAssignment,
  now: string,
  directiveOf: () => Promise<StoredDirective>,
): Promise<StoredAssignment> => {
  const pending = assignment.notices?.pending;
  if (!pending || Date.parse(pending.due) > Date.parse(now)) return assignment;
  const { directiveId, recipientId } = assignment;
  if (!isMoot(assignment, pending) && !mayNotifyAt(now))
    return (
      await applyTransition(
        directiveId,
        recipientId,
        now,
        (a) => postponePending(a, pending.checkpoint, noticeDueAt(now)),
        assignment,
      )
    ).assignment;
  const record = isMoot(assignment, pending)
    ? undefined
    : await sendNotices(await directiveOf(), assignment, pending, now);
  return (
    await applyTransition(
      directiveId,
      recipientId,
      now,
      (a) => settlePending(a, pending.checkpoint, record),
      assignment,
    )
  ).assignment;
};
