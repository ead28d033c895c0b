import { type Assignment, slotOf } from './model.ts';
import { changed, closed, done, refuse, type Transition, unknownTask } from './transitions.ts';

/**
 * An agency corrects a report it sent, until that report's deadline in force. The new version is a submission of
 * its own, written before this transition; the slot then names it, and the history's REPORT_CORRECTED event names
 * both it and the version it replaced, which stays stored and readable. When the report was sent and whether it was
 * late do not change: a correction before the deadline does not make an on-time report late, and none is possible
 * after it.
 */

/** How many times one report may be corrected: the latest version carries the ids of all earlier ones. */
export const MAX_CORRECTIONS = 10;

export type CorrectionInput = {
  /** The slot: a task code, or `code#period` for one period of a periodic report. */
  slotKey: string;
  /**
   * The version the agency corrected, as its page showed it. Another version in force means that a correction
   * (a double submit, another tab) won meanwhile: "already done", never a silent overwrite of the winner.
   */
  replaces: string;
  /** The new version: a submission already stored. */
  reportId: string;
  /** How many corrections the version being replaced already had (its `previous` ids). */
  corrections: number;
};

/**
 * Why this correction cannot be made, judged before anything is stored (the new version's id is not needed);
 * undefined when it can.
 */
export const correctionProblem = (
  a: Assignment,
  now: string,
  input: Omit<CorrectionInput, 'reportId'>,
): Extract<Transition, { ok: false }> | undefined => {
  const refused = (t: Transition) => (t.ok ? undefined : t);
  // A completed assignment's reports may still be corrected until their deadlines; a withdrawn one's may not.
  if (a.status === 'CANCELLED' || a.status === 'DELIVERY_FAILED') return refused(closed(a));
  const slot = slotOf(a, input.slotKey);
  if (!slot) return refused(unknownTask(input.slotKey));
  if (!slot.submittedAt || !slot.reportId)
    return refused(refuse('INVALID', 'correction.notReported', { taskCode: slot.taskCode }));
  if (slot.reportId !== input.replaces) return refused(done('correction.superseded'));
  if (slot.deadline !== undefined && Date.parse(now) > Date.parse(slot.deadline))
    return refused(refuse('CLOSED', 'correction.pastDeadline', { taskCode: slot.taskCode, deadline: slot.deadline }));
  if (input.corrections >= MAX_CORRECTIONS)
    return refused(refuse('TOO_MANY', 'correction.tooMany', { taskCode: slot.taskCode, max: MAX_CORRECTIONS }));
  return undefined;
};

/** Whether the agency's page offers to correct this slot's report now. */
export const correctable = (a: Assignment, now: string, slotKey: string, corrections: number) => {
  const reportId = slotOf(a, slotKey)?.reportId;
  return reportId !== undefined && !correctionProblem(a, now, { slotKey, replaces: reportId, corrections });
};

export const correctReport = (a: Assignment, now: string, input: CorrectionInput): Transition => {
  const problem = correctionProblem(a, now, input);
  if (problem) return problem;
  const slot = slotOf(a, input.slotKey);
  if (!slot) return unknownTask(input.slotKey);
  return changed(
    { ...a, reports: { ...a.reports, [input.slotKey]: { ...slot, reportId: input.reportId } } },
    {
      at: now,
      type: 'REPORT_CORRECTED',
      by: a.recipientName,
      taskCode: input.slotKey,
      reportId: input.reportId,
      previousReportId: input.replaces,
    },
  );
};
