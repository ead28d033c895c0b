import { type Bucket, bucketOf } from '../../shared/domain/assignment.ts';
import { tasksOf } from '../../shared/domain/directive.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { OfficialEvent } from '../../shared/http/events.ts';
import { officialOf } from '../../shared/http/official.ts';
import { type HttpResult, json } from '../../shared/http/responses.ts';
import { allAssignmentsOf, type StoredAssignment } from '../../shared/storage/assignments.ts';
import { getDirective, reconcileTally } from '../../shared/storage/directives.ts';
import { assignmentView, countsOf, directiveSummary } from '../../shared/views.ts';

/** What the stored buckets add up to: the tally kept on the directive must equal it. */
const recount = (assignments: StoredAssignment[]) => {
  const tally: Record<string, number> = {};
  const add = (k: Bucket | 'acknowledged') => {
    tally[k] = (tally[k] ?? 0) + 1;
  };
  for (const a of assignments) {
    add(a.bucket);
    if (a.acknowledgedAt) add('acknowledged');
  }
  return tally;
};

export const getDirectiveWithAssignments = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const id = event.pathParameters?.id;
  if (!id) throw new NotFoundError('Không tìm thấy công văn');
  const now = new Date().toISOString();
  const directive = await getDirective(id);
  const assignments = await allAssignmentsOf(id);
  await reconcileTally(id, directive.tally, recount(assignments));
  const live: Record<string, number> = {};
  for (const a of assignments) {
    const b = bucketOf(a, now);
    live[b] = (live[b] ?? 0) + 1;
    if (a.acknowledgedAt) live.acknowledged = (live.acknowledged ?? 0) + 1;
  }
  assignments.sort((x, y) => x.recipientName.localeCompare(y.recipientName, 'vi'));
  return json(200, {
    ...directiveSummary({ ...directive, tally: live }),
    legalBases: directive.legalBases,
    body: directive.body,
    signer: directive.signer,
    leadership: directive.leadership,
    copies: directive.copies,
    // The directive item keeps no assignee lists: they are the assignments' task codes.
    tasks: directive.tasks.map((t) => ({
      ...t,
      assignees: assignments.filter((a) => tasksOf([t], a).length > 0).map((a) => a.recipientId),
    })),
    acknowledgeWithin: directive.acknowledgeWithin,
    remindBefore: directive.remindBefore,
    counts: countsOf(live),
    assignments: assignments.map((a) => assignmentView(a, now)),
  });
};
