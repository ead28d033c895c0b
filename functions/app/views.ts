import { type Assignment, bucketOf, isOverdue, pendingExtensions } from '#core/assignment/model.ts';
import { channelsReached } from '#core/assignment/notices.ts';
import type { StoredDirective } from '#core/directive.ts';
import type { RollUp } from '#core/forward.ts';
import { officeOfDirective } from '#core/office.ts';
import type { Submission } from '#core/submission.ts';
import { countsOf, directiveState } from '#core/tally.ts';

/** The JSON shapes of DESIGN.md's HTTP interface. */

/**
 * `submissions` (what the agency wrote, by id) are joined where the caller read them: one assignment's page,
 * or the one-off reports of a dashboard page. Without them a report shows when and whether, not what.
 */
export const assignmentView = (
  a: Assignment,
  now: string,
  submissions?: ReadonlyMap<string, Submission>,
  /** The agency forwarded its tasks to its units: their counts (direct units only). */
  forwarded?: RollUp,
) => ({
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
  reports: Object.entries(a.reports).map(([key, r]) => {
    const submitted = r.reportId ? submissions?.get(r.reportId) : undefined;
    return {
      key,
      taskCode: r.taskCode,
      period: r.period ?? null,
      deadline: r.deadline ?? null,
      submittedAt: r.submittedAt ?? null,
      late: r.submittedAt ? (r.late ?? false) : null,
      summary: submitted?.text ?? null,
      attachment: submitted?.attachment ? { name: submitted.attachment.name, size: submitted.attachment.size } : null,
      /** When the version shown corrected an earlier one (the report's own time stays `submittedAt`). */
      correctedAt: submitted?.previous?.length ? submitted.at : null,
      corrections: submitted?.previous?.length ?? 0,
    };
  }),
  outcome: a.outcome ?? null,
  escalationLevel: a.escalationLevel,
  /** The oldest pending request (kept for scripts written before one request per slot), then all of them. */
  extensionRequest: pendingExtensions(a)[0] ?? null,
  extensionRequests: pendingExtensions(a).map((r) => ({
    ...r,
    reason: (r.reasonId ? submissions?.get(r.reasonId)?.text : undefined) ?? r.reason,
  })),
  completedAt: a.completedAt ?? null,
  cancelledAt: a.cancelledAt ?? null,
  /** Which channels reached the agency (`SENT`, `FAILED`, `NONE`), and each phone notice as the provider answered. */
  channels: channelsReached(a),
  notices: {
    pending: a.notices?.pending ?? null,
    last: a.notices?.last ?? {},
  },
  ...(forwarded ? { forwarded } : {}),
});

export const directiveSummary = (d: StoredDirective) => ({
  id: d.id,
  number: d.number,
  issuer: d.issuer,
  office: officeOfDirective(d),
  issuedOn: d.issuedOn,
  subject: d.subject,
  createdAt: d.createdAt,
  recipientCount: d.recipientCount,
  state: directiveState(d),
  counts: countsOf(d.tally),
  cancelledAt: d.cancelledAt ?? null,
});
