import { assignmentPage, getAssignment, type StoredAssignment } from '#adapters/store/assignments.ts';
import {
  directivesByIds,
  directivesOf,
  getDirective,
  listIssuers,
  reconcileTally,
} from '#adapters/store/directives.ts';
import { fullHistoryOf } from '#adapters/store/history.ts';
import { directivesOfOffice } from '#adapters/store/office-directives.ts';
import { submissionsOf, submissionsShownWith } from '#adapters/store/submissions.ts';
import { type Assignment, type Bucket, bucketOf } from '#core/assignment/model.ts';
import type { StoredDirective } from '#core/directive.ts';
import { type RollUp, rollUpOf } from '#core/forward.ts';
import { DEFAULT_OFFICE, isProvince, officeOf } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import { withReportVersions } from './report-versions.ts';

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

/**
 * The roll-up of each forwarding agency among these assignments (core/forward.ts): one batch read of their
 * children, whose counts every transition of theirs keeps (the child's tally). Computed on read, so the parent
 * item never changes when a unit acts; it counts direct units only.
 */
export const rollUpsOf = async (assignments: readonly Pick<Assignment, 'recipientId' | 'forwardedTo'>[]) => {
  const forwarding = assignments.filter((a) => a.forwardedTo);
  const rollUps = new Map<string, RollUp>();
  if (forwarding.length === 0) return rollUps;
  const children = await directivesByIds([...new Set(forwarding.map((a) => a.forwardedTo ?? ''))]);
  for (const a of forwarding) {
    const child = children.get(a.forwardedTo ?? '');
    if (child) rollUps.set(a.recipientId, rollUpOf(child));
  }
  return rollUps;
};

/**
 * A directive and a page of its assignments (`cursor` from the previous page's `next`): a directive to 5,000
 * agencies is not one answer. When one page holds them all, the counts are recounted from them (and the kept
 * tally repaired if it drifted), and the page is sorted by name; otherwise the counts are the tally every
 * transition keeps and pages follow the agencies' ids, so that they do not overlap. With what the agencies wrote
 * that a page shows (one-off reports, reasons of pending requests).
 */
export const readDirective = async (
  id: string,
  page: { limit: number; cursor?: string | undefined; withHistory?: boolean },
  now: string,
) => {
  const directive = await getDirective(id);
  const { items, next } = await assignmentPage(id, {
    limit: page.limit,
    after: page.cursor,
    ...(page.withHistory ? { withHistory: true } : {}),
  });
  const whole = !page.cursor && !next;
  if (whole) await reconcileTally(id, directive.tally, recount(items));
  if (whole) items.sort((x, y) => x.recipientName.localeCompare(y.recipientName, 'vi'));
  return {
    directive,
    assignments: items,
    next,
    whole,
    counts: whole ? liveCounts(items, now) : directive.tally,
    submissions: await submissionsShownWith(id, items),
    /** On each forwarding agency's row: its units' counts. */
    forwarded: await rollUpsOf(items),
  };
};

/**
 * Newest first, with the counts per status kept on each directive: no assignment is read. An official sees their
 * office's (the by-office index); the province sees every office's (the by-issuer index, issuer by issuer).
 */
export const listDirectives = async (official: Official, issuer?: string, limit = 100) => {
  let found: StoredDirective[];
  if (isProvince(official)) {
    const issuers = issuer ? [issuer] : await listIssuers();
    found = (await Promise.all(issuers.map((i) => directivesOf(i)))).flat();
  } else {
    const office = officeOf(official);
    found = (await directivesOfOffice(office, { limit, includeLegacy: office === DEFAULT_OFFICE })).filter(
      (d) => !issuer || d.issuer === issuer,
    );
  }
  return found.sort(
    (a, b) => b.issuedOn.localeCompare(a.issuedOn) || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
};

/** One agency's assignment with its whole history (archived chunks included) and everything it wrote. */
export const readAssignment = async (id: string, recipientId: string) => {
  const assignment = await getAssignment(id, recipientId);
  const [submissions, history] = await Promise.all([submissionsOf(id, recipientId), fullHistoryOf(assignment)]);
  return { assignment, submissions, history: withReportVersions(history, submissions) };
};
