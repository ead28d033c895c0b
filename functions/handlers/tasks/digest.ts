import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { dynamo } from '#adapters/clients/dynamo.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import type { StoredDirective } from '#adapters/store/directives.ts';
import { overdueAssignments } from '#adapters/store/due.ts';
import { config } from '#contracts/environment.ts';
import { directiveKey } from '#contracts/table.ts';
import { type Assignment, openObligations } from '#core/assignment/model.ts';
import { isWorkingDay } from '#core/calendar/index.ts';
import { daysBetween, ZONE } from '#core/calendar/time.ts';
import type { Leader } from '#core/directive.ts';
import { type DigestLine, digestEmail } from '#documents/email/index.ts';
import { stepHandler } from '../middleware/step-handler.ts';

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

const directivesById = async (ids: string[]) => {
  const found = new Map<string, StoredDirective>();
  for (let i = 0; i < ids.length; i += 100) {
    const { Responses } = await dynamo.send(
      new BatchGetCommand({
        RequestItems: { [config().TABLE_NAME]: { Keys: ids.slice(i, i + 100).map(directiveKey) } },
      }),
    );
    for (const item of Responses?.[config().TABLE_NAME] ?? []) found.set(String(item.id), item as StoredDirective);
  }
  return found;
};

/** One digest per office per day, even if the schedule fires twice: the first run claims the day. */
const claimDay = async (issuer: string, date: string) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: { pk: `DIGEST#${issuer}`, sk: date, sentAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

const releaseDay = (issuer: string, date: string) =>
  dynamo.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: { pk: `DIGEST#${issuer}`, sk: date } }));

/**
 * The leadership digest, at 08:00 on working days (EventBridge Scheduler; the schedule cannot know Vietnamese
 * holidays, so the function checks). Each leader of each office with overdue work gets one email: the four
 * counts over the directives concerned and every overdue item with its days late. Nothing overdue, no email.
 */
export const handler = stepHandler(z.object({}).passthrough(), async () => {
  const now = new Date().toISOString();
  const today = DateTime.fromISO(now).setZone(ZONE).toISODate() ?? now.slice(0, 10);
  if (!isWorkingDay(today)) return { date: today, skipped: 'not a working day', sent: 0 };
  const { items, read, capacity } = await overdueAssignments(now);
  const directives = await directivesById([...new Set(items.map((a) => a.directiveId))]);
  const byIssuer = new Map<string, Assignment[]>();
  for (const a of items) {
    const issuer = a.issuer ?? directives.get(a.directiveId)?.issuer ?? '';
    byIssuer.set(issuer, [...(byIssuer.get(issuer) ?? []), a]);
  }
  let sent = 0;
  for (const [issuer, late] of byIssuer) {
    const lines = late.flatMap((a) => lateLines(a, now)).sort((x, y) => y.daysLate - x.daysLate);
    if (lines.length === 0 || !(await claimDay(issuer, today))) continue;
    const concerned = [...new Set(late.map((a) => a.directiveId))].map((id) => directives.get(id)).filter(Boolean);
    const counts: Record<string, number> = {};
    for (const d of concerned) for (const [k, v] of Object.entries(d?.tally ?? {})) counts[k] = (counts[k] ?? 0) + v;
    const leaders = new Map<string, Leader>();
    for (const d of concerned) for (const l of d?.leadership ?? []) leaders.set(l.email, l);
    try {
      for (const leader of leaders.values()) {
        await sendEmail({
          to: [leader.email],
          ...digestEmail({ issuer, date: today, leader, counts, overdue: lines }),
        });
        count('EmailsSent', 1, { kind: 'digest' });
        sent++;
      }
    } catch (error) {
      await releaseDay(issuer, today);
      throw error;
    }
  }
  return { date: today, overdue: items.length, read, capacity, sent };
});
