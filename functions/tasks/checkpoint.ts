import { type Checkpoint, dueCheckpoints, planNext } from '../shared/domain/checkpoints.ts';
import { escalationRecipients } from '../shared/domain/escalation.ts';
import { recordCheckpoint } from '../shared/domain/transitions.ts';
import { escalationEmail, reminderEmail } from '../shared/email/templates.tsx';
import { linkFor } from '../shared/links.ts';
import { sendEmail } from '../shared/mailer.ts';
import { assignmentRef, stepHandler } from '../shared/step-handler.ts';
import { applyTransition, getAssignment, type StoredAssignment } from '../shared/storage/assignments.ts';
import type { StoredDirective } from '../shared/storage/directives.ts';
import { getDirectiveText } from '../shared/storage/directives.ts';

/**
 * Of several checkpoints due at once for one obligation (after downtime, say), only the last one says
 * anything current: an escalation makes the reminders before it moot, a later reminder the earlier ones.
 */
const collapse = (due: Checkpoint[]) => {
  const latest = new Map<string, Checkpoint>();
  for (const cp of due) latest.set(cp.obligation.key, cp);
  return [...latest.values()].map((send) => ({
    send,
    skipped: due.filter((c) => c.obligation.key === send.obligation.key && c.id !== send.id),
  }));
};

const notify = async (directive: StoredDirective, assignment: StoredAssignment, cp: Checkpoint, now: string) => {
  if (cp.kind === 'REMIND') {
    const link = await linkFor(assignment, now);
    await sendEmail({
      to: [assignment.recipientEmail],
      ...reminderEmail({ directive, assignment, link, checkpoint: cp }),
    });
  } else {
    const leaders = escalationRecipients(directive, assignment, cp.level);
    await sendEmail({
      to: leaders.map((l) => l.email),
      ...escalationEmail({ directive, assignment, checkpoint: cp, leaders }),
    });
  }
};

/**
 * Runs when a wait times out or is rescheduled: reads the item (the truth), sends the reminders and
 * escalations that fell due for what is still open, records each, and plans the next wait.
 */
export const handler = stepHandler(assignmentRef, async ({ directiveId, recipientId }) => {
  const now = new Date().toISOString();
  let assignment = await getAssignment(directiveId, recipientId);
  let directive: StoredDirective | undefined;
  for (let round = 0; round < 10; round++) {
    const batch = collapse(dueCheckpoints(assignment, now));
    const next = batch[0];
    if (!next) break;
    directive ??= await getDirectiveText(directiveId);
    await notify(directive, assignment, next.send, now);
    assignment = (
      await applyTransition(
        directiveId,
        recipientId,
        now,
        (a) => recordCheckpoint(a, now, next.send, next.skipped),
        assignment,
      )
    ).assignment;
  }
  return { directiveId, recipientId, plan: planNext(assignment, now) };
});
