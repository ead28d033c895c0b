import { inboxLinkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import type { StoredAssignment } from '#adapters/store/assignments.ts';
import { directivesByIds } from '#adapters/store/directives.ts';
import { claimWeek, openAssignments, releaseWeek } from '#adapters/store/inbox.ts';
import { openObligations } from '#core/assignment/model.ts';
import { byInstant } from '#core/calendar/time.ts';
import { isWeeklyInboxDay, localDate, mondayOf } from '#core/inbox.ts';
import { weeklyInboxEmail } from '#documents/email/index.ts';

/**
 * The weekly inbox email, at 08:00 on the week's first working day (the schedule fires Monday to Friday, as the
 * digest's; only the first working day of the week sends, so a holiday Monday moves it to Tuesday). Each address
 * with open assignments gets one email listing them, nearest deadline first, with its inbox link. Each (address,
 * week) is claimed before sending, so a retry or a second firing sends nothing twice.
 */
export const weeklyInbox = async () => {
  const now = new Date().toISOString();
  const today = localDate(now);
  if (!isWeeklyInboxDay(today)) return { date: today, skipped: 'not the first working day of the week', sent: 0 };
  const monday = mondayOf(today);
  const byAddress = new Map<string, StoredAssignment[]>();
  for (const a of await openAssignments())
    byAddress.set(a.recipientEmail, [...(byAddress.get(a.recipientEmail) ?? []), a]);
  const directives = await directivesByIds([...new Set([...byAddress.values()].flat().map((a) => a.directiveId))]);
  let sent = 0;
  for (const [email, open] of byAddress) {
    const lines = open
      .map((a) => {
        const directive = directives.get(a.directiveId);
        const [nearest] = openObligations(a)
          .filter((o) => o.deadline !== undefined)
          .sort((x, y) => byInstant(x.deadline, y.deadline));
        const deadline = nearest?.deadline ?? a.ackDeadline;
        return {
          owed: nearest
            ? nearest.taskCode
              ? { taskCode: nearest.taskCode }
              : { acknowledgement: true as const }
            : undefined,
          number: directive?.number ?? a.number ?? '',
          subject: directive?.subject ?? '',
          issuer: directive?.issuer ?? a.issuer ?? '',
          deadline,
          overdue: deadline !== undefined && Date.parse(deadline) <= Date.parse(now),
        };
      })
      .sort((x, y) => byInstant(x.deadline, y.deadline));
    if (!(await claimWeek(email, monday, now))) continue;
    try {
      const link = await inboxLinkFor(email, now);
      await sendEmail({ to: [email], ...weeklyInboxEmail({ email, date: today, lines, link }) });
    } catch (error) {
      await releaseWeek(email, monday);
      throw error;
    }
    count('EmailsSent', 1, { kind: 'inboxWeekly' });
    sent++;
  }
  return { date: today, addresses: byAddress.size, sent };
};
