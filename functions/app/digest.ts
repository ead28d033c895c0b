import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { claimDay, releaseDay } from '#adapters/store/digest-claims.ts';
import { directivesByIds } from '#adapters/store/directives.ts';
import { overdueAssignments } from '#adapters/store/due.ts';
import { type Assignment, openObligations } from '#core/assignment/model.ts';
import { isWorkingDay } from '#core/calendar/index.ts';
import { daysBetween, localDateOf } from '#core/calendar/time.ts';
import type { Leader } from '#core/directive.ts';
import { type DigestLine, digestEmail } from '#documents/email/index.ts';

/** What is late on an assignment at `now`: each open obligation past its deadline. */
const lateLines = (a: Assignment, now: string): DigestLine[] =>
  openObligations(a)
    .filter((o) => o.deadline !== undefined && Date.parse(o.deadline) <= Date.parse(now))
    .map((o) => ({
      number: a.number ?? '',
      recipientName: a.recipientName,
      recipientEmail: a.recipientEmail,
      what: o.taskCode ? `Báo cáo nhiệm vụ ${o.taskCode}` : 'Xác nhận đã nhận',
      deadline: o.deadline ?? now,
      daysLate: Math.max(1, daysBetween(o.deadline ?? now, now)),
    }));

/**
 * The leadership digest, at 08:00 on working days (EventBridge Scheduler; the schedule cannot know Vietnamese
 * holidays, so the function checks). Each leader of each office with overdue work gets one email (the leaders
 * named on that office's directives, never another office's): the four
 * counts over the directives concerned and every overdue item with its days late. Nothing overdue, no email.
 */
export const digest = async () => {
  const now = new Date().toISOString();
  const today = localDateOf(now) ?? now.slice(0, 10);
  if (!isWorkingDay(today)) return { date: today, skipped: 'not a working day', sent: 0 };
  const { items, read, capacity } = await overdueAssignments(now);
  const directives = await directivesByIds([...new Set(items.map((a) => a.directiveId))]);
  // One digest per office, to that office's own leaders: a directive stored before offices is grouped by its
  // issuer, as every digest was then.
  const byOffice = new Map<string, Assignment[]>();
  for (const a of items) {
    const directive = directives.get(a.directiveId);
    const office = directive?.office ? `OFFICE#${directive.office}` : (a.issuer ?? directive?.issuer ?? '');
    byOffice.set(office, [...(byOffice.get(office) ?? []), a]);
  }
  let sent = 0;
  for (const [office, late] of byOffice) {
    const lines = late.flatMap((a) => lateLines(a, now)).sort((x, y) => y.daysLate - x.daysLate);
    if (lines.length === 0 || !(await claimDay(office, today))) continue;
    const concerned = [...new Set(late.map((a) => a.directiveId))].map((id) => directives.get(id)).filter(Boolean);
    const issuer = late[0]?.issuer ?? concerned[0]?.issuer ?? '';
    const counts: Record<string, number> = {};
    for (const d of concerned) for (const [k, v] of Object.entries(d?.tally ?? {})) counts[k] = (counts[k] ?? 0) + v;
    const leaders = new Map<string, Leader>();
    for (const d of concerned) for (const l of d?.leadership ?? []) leaders.set(l.email, l);
    try {
      for (const leader of leaders.values()) {
        await sendEmail({
          to: [leader.email],
          ...digestEmail({
            issuer,
            issuerParent: concerned[0]?.issuerParent,
            date: today,
            leader,
            counts,
            overdue: lines,
          }),
        });
        count('EmailsSent', 1, { kind: 'digest' });
        sent++;
      }
    } catch (error) {
      await releaseDay(office, today);
      throw error;
    }
  }
  return { date: today, overdue: items.length, read, capacity, sent };
};
