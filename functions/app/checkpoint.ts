import type * as z from 'zod/mini';
import { linkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { applyTransition, type StoredAssignment } from '#adapters/store/assignments.ts';
import { getDirectiveText, type StoredDirective } from '#adapters/store/directives.ts';
import { config } from '#contracts/environment.ts';
import type { checkpointInput } from '#contracts/workflow.ts';
import { type Checkpoint, dueCheckpoints, PLAN_GONE, planNext } from '#core/assignment/checkpoints.ts';
import { escalationRecipients } from '#core/assignment/escalation.ts';
import { checkpointSubject, withNotices } from '#core/assignment/notices.ts';
import { recordCheckpoint } from '#core/assignment/transitions.ts';
import { escalationEmail, reminderEmail } from '#documents/email/index.ts';
import { deliverIfIssued } from './deliver.ts';
import { findAssignment } from './find-assignment.ts';
import { phoneNotices, sendPendingNotice } from './notify-phone.ts';

/**
 * Of several checkpoints due at once for one obligation (after downtime, say), only the last one says
 * anything current: an escalation makes the reminders before it moot, a later reminder the earlier ones.
 */
const latestPerObligation = (due: Checkpoint[]) => {
  const latest = new Map<string, Checkpoint>();
  for (const cp of due) latest.set(cp.obligation.key, cp);
  return [...latest.values()];
};

const notify = async (directive: StoredDirective, assignment: StoredAssignment, cp: Checkpoint, now: string) => {
  if (cp.kind === 'REMIND') {
    const link = await linkFor(assignment, now);
    // The person the agency named to handle it reads every reminder too.
    const handler = assignment.handler?.email;
    await sendEmail({
      to: [assignment.recipientEmail],
      ...(handler && handler !== assignment.recipientEmail ? { cc: [handler] } : {}),
      ...reminderEmail({ directive, assignment, link, checkpoint: cp }),
    });
    count('EmailsSent', 1, { kind: 'reminder' });
  } else {
    const leaders = escalationRecipients(directive, assignment, cp.level);
    await sendEmail({
      to: leaders.map((l) => l.email),
      ...escalationEmail({ directive, assignment, checkpoint: cp, leaders }),
    });
    count('EmailsSent', 1, { kind: 'escalation' });
    count('Escalations');
  }
};

/**
 * Runs when a wait times out or is rescheduled, and when the execution resumes after a failure: reads the item
 * (the truth), delivers it if that never happened, sends the reminders and escalations that fell due for what
 * is still open, records each, and plans the next wait.
 */
export const checkpoint = async ({ directiveId, recipientId, startedAt }: z.infer<typeof checkpointInput>) => {
  const now = new Date().toISOString();
  const found = await findAssignment(directiveId, recipientId);
  if (!found) return { directiveId, recipientId, plan: PLAN_GONE };
  let directive: StoredDirective | undefined;
  const directiveOf = async () => {
    directive ??= await getDirectiveText(directiveId);
    return directive;
  };
  let assignment = await sendPendingNotice(await deliverIfIssued(found, now), now, directiveOf);
  for (let round = 0; round < 10; round++) {
    const next = latestPerObligation(dueCheckpoints(assignment, now))[0];
    if (!next) break;
    const text = await directiveOf();
    await notify(text, assignment, next, now);
    // The phone notices after the email, recorded in the checkpoint's own write (app/notify-phone.ts).
    const subject = checkpointSubject(next);
    const notices = await phoneNotices(text, assignment, subject, now);
    assignment = (
      await applyTransition(
        directiveId,
        recipientId,
        now,
        (a) => withNotices(recordCheckpoint(a, now, next), { kind: subject.kind, ...notices }),
        assignment,
      )
    ).assignment;
  }
  return {
    directiveId,
    recipientId,
    plan: planNext(
      assignment,
      now,
      startedAt
        ? { startedAt: new Date(startedAt).toISOString(), renewAfterDays: config().RENEW_AFTER_DAYS }
        : undefined,
    ),
  };
};
