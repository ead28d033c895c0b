import { deleteAttachment, putAttachment } from '#adapters/attachments.ts';
import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import { putSubmission, submissionsByIds } from '#adapters/store/submissions.ts';
import { problem } from '#contracts/problems.ts';
import { correctionProblem, correctReport } from '#core/assignment/corrections.ts';
import type { Attachment } from '#core/assignment/model.ts';
import { byLinkHolder, type OpenedLink } from './open-link.ts';
import { discard, type ReportFile } from './report.ts';

export type CorrectionForm = { slotKey: string; replaces: string; summary: string; file?: ReportFile | undefined };

/**
 * A corrected version of a report, until its deadline in force. Like a report, the new version (its text, and a
 * new file or the file of the version it replaces) is stored before the transition that points the slot at it,
 * and removed again when the transition is refused or fails; the version it replaces is never touched. The new
 * version carries the ids of every earlier one, which bounds how often a report may be corrected and lets every
 * version be read. Nothing wakes the workflow: a correction moves no deadline and settles nothing.
 */
export const submitCorrection = async (
  opened: OpenedLink,
  input: CorrectionForm,
): Promise<Applied & { attachment?: Attachment }> => {
  const { directiveId, recipientId } = opened.claims;
  const { slotKey, replaces, summary, file } = input;
  const refused = (refusal: Extract<Applied, { applied: false }>['refusal']): Applied => ({
    applied: false,
    assignment: opened.assignment,
    refusal,
  });
  // A second click, a past deadline or a closed assignment is answered from the item just read, before any upload.
  const early = correctionProblem(opened.assignment, opened.now, { slotKey, replaces, corrections: 0 });
  if (early) return refused(early);
  const current = (await submissionsByIds(directiveId, [{ recipientId, id: replaces }])).get(replaces);
  const previous = [...(current?.previous ?? []), replaces];
  const corrections = previous.length - 1;
  const tooMany = correctionProblem(opened.assignment, opened.now, { slotKey, replaces, corrections });
  if (tooMany) return refused(tooMany);
  if (current && !file && current.text === summary)
    return refused({ ok: false, refusal: 'INVALID', problem: problem('correction.unchanged') });

  const uploaded = file ? await putAttachment({ directiveId, recipientId, taskCode: slotKey, ...file }) : undefined;
  // Without a new file the correction keeps the file it replaces: the same object, which is never deleted.
  const attachment = uploaded ?? current?.attachment;
  let result: Applied;
  let submissionId: string | undefined;
  try {
    const submission = await putSubmission(directiveId, recipientId, {
      kind: 'REPORT',
      slotKey,
      text: summary,
      at: opened.now,
      ...(attachment ? { attachment } : {}),
      previous,
    });
    submissionId = submission.id;
    result = await applyTransition(
      directiveId,
      recipientId,
      opened.now,
      byLinkHolder(opened, (a) =>
        correctReport(a, opened.now, { slotKey, replaces, reportId: submission.id, corrections }),
      ),
      opened.assignment,
    );
  } catch (error) {
    if (submissionId) await discard(directiveId, recipientId, submissionId, uploaded);
    else if (uploaded) await deleteAttachment(uploaded.key).catch(() => {});
    throw error;
  }
  if (!result.applied) {
    await discard(directiveId, recipientId, submissionId, uploaded);
    return result;
  }
  return { ...result, ...(attachment ? { attachment } : {}) };
};
