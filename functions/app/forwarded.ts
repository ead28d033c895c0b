import { getAssignment } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import { problem } from '#contracts/problems.ts';
import { type Assignment, slotOf } from '#core/assignment/model.ts';
import { NotFoundError } from '#core/errors.ts';
import { rollUpOf } from '#core/forward.ts';
import type { OpenedLink } from './open-link.ts';
import { readDirective } from './read-directive.ts';

/** How far down a chain one link may follow (province → district → commune → village is three). */
export const MAX_DEPTH = 5;

/** The roll-up of the link's own forwarding, for its page; none when it has not forwarded. */
export const ownRollUp = async (a: Pick<Assignment, 'forwardedTo'>) =>
  a.forwardedTo ? rollUpOf(await getDirective(a.forwardedTo)) : undefined;

/**
 * The agency's units, without an account: its child directive, or, following `down` (unit ids, one per level),
 * the child of one of its units' own forwarding, and so on down the chain. The link grants what lies below it and
 * nothing above or beside it. `trail` names each level, for the page's way back up.
 */
export const followForwarded = async (opened: OpenedLink, down: readonly string[]) => {
  const none = () => new NotFoundError(problem('forward.none'));
  const first = opened.assignment.forwardedTo;
  if (!first || down.length > MAX_DEPTH) throw none();
  let childId: string = first;
  const trail: { name: string; down: string[] }[] = [{ name: opened.assignment.recipientName, down: [] }];
  for (const [i, unit] of down.entries()) {
    const a: Assignment = await getAssignment(childId, unit).catch((error: unknown) => {
      throw error instanceof NotFoundError ? none() : error;
    });
    if (!a.forwardedTo) throw none();
    childId = a.forwardedTo;
    trail.push({ name: a.recipientName, down: down.slice(0, i + 1) });
  }
  const read = await readDirective(childId, { limit: 500 }, opened.now);
  return { ...read, trail };
};

export type UnitReport = { name: string; summary: string | null };

/**
 * "Tổng hợp từ báo cáo của đơn vị": each unit's report on each forwarded task (its name and what it wrote, or
 * nothing yet), for the agency to start its own report from. Direct units only.
 */
export const unitReports = async (opened: OpenedLink): Promise<Map<string, UnitReport[]>> => {
  const byTask = new Map<string, UnitReport[]>();
  if (!opened.assignment.forwardedTo) return byTask;
  const { directive, assignments, submissions } = await readDirective(
    opened.assignment.forwardedTo,
    { limit: 500 },
    opened.now,
  );
  for (const task of directive.tasks)
    byTask.set(
      task.code,
      assignments
        .filter((a) => a.status !== 'CANCELLED')
        .map((a) => {
          const slot = slotOf(a, task.code);
          const text = slot?.reportId ? submissions.get(slot.reportId)?.text : undefined;
          return { name: a.recipientName, summary: slot?.submittedAt ? (text ?? '') : null };
        }),
    );
  return byTask;
};
