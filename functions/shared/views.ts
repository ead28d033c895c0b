import { type Assignment, BUCKETS, type Bucket, bucketOf, isOverdue } from './domain/assignment.ts';
import type { StoredDirective } from './storage/directives.ts';

/** The JSON shapes of DESIGN.md's HTTP interface. */

export const assignmentView = (a: Assignment, now: string) => ({
  recipientId: a.recipientId,
  recipientName: a.recipientName,
  recipientEmail: a.recipientEmail,
  taskCodes: a.taskCodes ?? [],
  status: a.status,
  overdue: isOverdue(a, now),
  bucket: bucketOf(a, now),
  deliveredAt: a.deliveredAt ?? null,
  ackDeadline: a.ackDeadline ?? null,
  acknowledgedAt: a.acknowledgedAt ?? null,
  reports: Object.entries(a.reports).map(([key, r]) => ({
    key,
    taskCode: r.taskCode,
    period: r.period ?? null,
    deadline: r.deadline ?? null,
    submittedAt: r.submittedAt ?? null,
    late: r.submittedAt ? (r.late ?? false) : null,
    summary: r.summary ?? null,
    attachment: r.attachment ? { name: r.attachment.name, size: r.attachment.size } : null,
  })),
  outcome: a.outcome ?? null,
  escalationLevel: a.escalationLevel,
  extensionRequest: a.extensionRequest ?? null,
  completedAt: a.completedAt ?? null,
  cancelledAt: a.cancelledAt ?? null,
});

/** The four counts of the Government Office, plus acknowledged, cancelled and undeliverable. */
export const countsOf = (tally: Record<string, number>) =>
  Object.fromEntries([...BUCKETS, 'acknowledged'].map((k) => [k, Math.max(0, tally[k] ?? 0)])) as Record<
    Bucket | 'acknowledged',
    number
  >;

export const directiveState = (d: StoredDirective) => {
  const c = countsOf(d.tally);
  if (d.cancelledAt) return 'CANCELLED';
  if (c.inProgressOverdue > 0) return 'OVERDUE';
  if (c.inProgressOnTime > 0) return 'OPEN';
  return 'COMPLETED';
};

export const directiveSummary = (d: StoredDirective) => ({
  id: d.id,
  number: d.number,
  issuer: d.issuer,
  issuedOn: d.issuedOn,
  subject: d.subject,
  createdAt: d.createdAt,
  recipientCount: d.recipientCount,
  state: directiveState(d),
  counts: countsOf(d.tally),
  cancelledAt: d.cancelledAt ?? null,
});
