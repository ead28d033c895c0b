import { allAssignmentsOf } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import { statusSheetOf } from '#core/status-sheet.ts';

/**
 * The status sheet of a directive for printing: every agency, not a page of them, so it reads every assignment
 * (one query page after another, without their histories: a few hundred bytes each, 5,000 agencies fit) and
 * judges them now. Who may read it was checked at the edge (the directive's office, middleware/official.ts).
 */
export const printDirective = async (id: string, now: string) => {
  const directive = await getDirective(id);
  const { lines, counts } = statusSheetOf(await allAssignmentsOf(id), now);
  return { directive, lines, counts };
};
