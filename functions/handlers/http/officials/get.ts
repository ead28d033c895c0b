import { assignmentPage, type StoredAssignment } from '#adapters/store/assignments.ts';
import { getDirective, reconcileTally } from '#adapters/store/directives.ts';
import { submissionsShownWith } from '#adapters/store/submissions.ts';
import { assignmentView, directiveSummary } from '#app/views.ts';
import { type Bucket, bucketOf } from '#core/assignment/model.ts';
import { tasksOf } from '#core/directive.ts';
import { NotFoundError } from '#core/errors.ts';
import { countsOf } from '#core/tally.ts';
import type { OfficialEvent } from '../../middleware/events.ts';
import { officialOf } from '../../middleware/official.ts';
import { type HttpResult, json } from '../responses.ts';

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

/** The counts judged now, from the assignments themselves. */
const liveCounts = (assignments: StoredAssignment[], now: string) => {
  const live: Record<string, number> = {};
  for (const a of assignments) {
    const b = bucketOf(a, now);
    live[b] = (live[b] ?? 0) + 1;
    if (a.acknowledgedAt) live.acknowledged = (live.acknowledged ?? 0) + 1;
  }
  return live;
};

export const PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 1000;

/**
 * The directive and its assignments, a page at a time (`?limit=`, `?cursor=` from `nextCursor`): a directive
 * to 5,000 agencies is not one response. When one page holds them all, the counts are recounted from them
 * (and the kept tally repaired if it drifted); otherwise they are the tally every transition keeps.
 */
export const getDirectiveWithAssignments = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const id = event.pathParameters?.id;
  if (!id) throw new NotFoundError('Không tìm thấy công văn');
  const query = event.queryStringParameters ?? {};
  const limit = Math.min(Math.max(Number(query.limit) || PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const now = new Date().toISOString();
  const directive = await getDirective(id);
  const { items, next } = await assignmentPage(id, { limit, after: query.cursor });
  const whole = !query.cursor && !next;
  if (whole) await reconcileTally(id, directive.tally, recount(items));
  const counts = whole ? liveCounts(items, now) : directive.tally;
  if (whole) items.sort((x, y) => x.recipientName.localeCompare(y.recipientName, 'vi'));
  const submissions = await submissionsShownWith(id, items);
  return json(200, {
    ...directiveSummary({ ...directive, tally: counts }),
    legalBases: directive.legalBases,
    body: directive.body,
    signer: directive.signer,
    leadership: directive.leadership,
    copies: directive.copies,
    // The directive item keeps no assignee lists: they are the assignments' task codes (all of them when
    // the page holds every assignment).
    tasks: directive.tasks.map((t) => ({
      ...t,
      assignees: whole ? items.filter((a) => tasksOf([t], a).length > 0).map((a) => a.recipientId) : [],
    })),
    acknowledgeWithin: directive.acknowledgeWithin,
    remindBefore: directive.remindBefore,
    counts: countsOf(counts),
    assignments: items.map((a) => assignmentView(a, now, submissions)),
    nextCursor: next ?? null,
  });
};
