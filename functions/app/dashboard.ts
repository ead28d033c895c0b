import { allAssignmentsOf } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import { listAgencies } from '#adapters/store/directory.ts';
import {
  assignmentsByIds,
  bandRange,
  onTimeRange,
  overdueRange,
  pendingOf,
  rosterOf,
  rosterRange,
  rosterRowOf,
  wholeRange,
} from '#adapters/store/roster.ts';
import { submissionsShownWith } from '#adapters/store/submissions.ts';
import type { Agency } from '#core/agency.ts';
import type { StoredDirective } from '#core/directive.ts';
import { officeOfDirective } from '#core/office.ts';
import { DASHBOARD_PAGE_SIZE, type DashboardQuery, type DashboardShow, type RosterRow, select } from '#core/roster.ts';
import { countsOf } from '#core/tally.ts';
import { rollUpsOf } from './read-directive.ts';

/**
 * One page of a directive's dashboard: the agencies the official's search, filter, group and sort select, read in
 * full only for the page shown. A filter that is a key range of the roster index (every band, "overdue", "on
 * time", in the roster's order) reads only its page; anything else (a search, a group, "not acknowledged", the
 * order by name) filters the lean roster of every agency. A directive stored before the roster existed filters its
 * assignments themselves.
 */

/** How many the kept tally says a key-range filter holds (the directive's counts, no read). */
const countedByTally = (directive: StoredDirective, show: DashboardShow) => {
  const c = countsOf(directive.tally);
  switch (show) {
    case 'overdue':
      return c.inProgressOverdue;
    case 'onTime':
      return c.inProgressOnTime;
    case 'completed':
      return c.completedOnTime + c.completedLate;
    case 'deliveryFailed':
      return c.deliveryFailed;
    case 'cancelled':
      return c.cancelled;
    default:
      return directive.recipientCount;
  }
};

const rangeOf = (show: DashboardShow, now: string) => {
  switch (show) {
    case 'overdue':
      return overdueRange(now);
    case 'onTime':
      return onTimeRange(now);
    case 'completed':
      return bandRange('completed');
    case 'deliveryFailed':
      return bandRange('deliveryFailed');
    case 'cancelled':
      return bandRange('cancelled');
    default:
      return wholeRange();
  }
};

const KEY_RANGE_SHOWS = new Set<DashboardShow>([
  'all',
  'overdue',
  'onTime',
  'completed',
  'deliveryFailed',
  'cancelled',
]);

/** The agencies of the office's directory in a group, by id and by address. */
const membersOf = (agencies: readonly Agency[], group: string) => {
  const members = new Set<string>();
  for (const a of agencies)
    if (a.groups.includes(group)) {
      members.add(a.id);
      members.add(a.email.toLowerCase());
    }
  return members;
};

/** The groups of the office's directory, for the filter's choices. */
const groupsOf = (agencies: readonly Agency[]) =>
  [...new Set(agencies.flatMap((a) => a.groups))].sort((x, y) => x.localeCompare(y, 'vi'));

/** A directive stored before the roster: its assignments, as roster rows. */
const legacyRoster = async (directiveId: string): Promise<RosterRow[]> =>
  (await allAssignmentsOf(directiveId)).map(rosterRowOf);

type Selected = { ids: string[]; total: number; more: boolean; next?: string | undefined; pending: number };

const byKeyRange = async (directive: StoredDirective, query: DashboardQuery, now: string): Promise<Selected> => {
  const range = rangeOf(query.show, now);
  // `after` comes from the address bar: a key outside the range (typed, or the range moved with now) starts over,
  // since DynamoDB refuses a start key outside the query's bounds.
  const after = query.after && query.after > range.from && query.after < range.to ? query.after : undefined;
  const [page, pending] = await Promise.all([
    rosterRange(directive.id, range, { limit: DASHBOARD_PAGE_SIZE, after }),
    pendingOf(directive.id),
  ]);
  return {
    ids: page.rows.map((r) => r.recipientId),
    total: countedByTally(directive, query.show),
    more: page.next !== undefined,
    next: page.next,
    pending: pending.length,
  };
};

const byPending = async (directive: StoredDirective, query: DashboardQuery): Promise<Selected> => {
  const pending = await pendingOf(directive.id);
  const start = (query.page - 1) * DASHBOARD_PAGE_SIZE;
  return {
    ids: pending.slice(start, start + DASHBOARD_PAGE_SIZE),
    total: pending.length,
    more: start + DASHBOARD_PAGE_SIZE < pending.length,
    pending: pending.length,
  };
};

const byRoster = async (
  directive: StoredDirective,
  query: DashboardQuery,
  now: string,
  agencies: readonly Agency[],
): Promise<Selected> => {
  const rows = directive.rosterIndexed ? await rosterOf(directive.id) : await legacyRoster(directive.id);
  const selected = select(rows, query, now, query.group ? membersOf(agencies, query.group) : undefined);
  const start = (query.page - 1) * DASHBOARD_PAGE_SIZE;
  return {
    ids: selected.slice(start, start + DASHBOARD_PAGE_SIZE).map((r) => r.recipientId),
    total: selected.length,
    more: start + DASHBOARD_PAGE_SIZE < selected.length,
    pending: rows.filter((r) => r.pendingSince !== undefined).length,
  };
};

export const dashboardOf = async (id: string, query: DashboardQuery, now: string) => {
  const directive = await getDirective(id);
  // The office's directory gives the group filter its choices; a province's few hundred agencies, one query.
  const agencies = await listAgencies(officeOfDirective(directive));
  const plain = !query.q && !query.group && query.sort === 'attention' && directive.rosterIndexed === true;
  const selected =
    plain && KEY_RANGE_SHOWS.has(query.show)
      ? await byKeyRange(directive, query, now)
      : plain && query.show === 'pending'
        ? await byPending(directive, query)
        : await byRoster(directive, query, now, agencies);
  const assignments = await assignmentsByIds(id, selected.ids);
  const [submissions, forwarded] = await Promise.all([submissionsShownWith(id, assignments), rollUpsOf(assignments)]);
  return {
    directive,
    assignments,
    submissions,
    forwarded,
    groups: groupsOf(agencies),
    total: selected.total,
    more: selected.more,
    pending: selected.pending,
    ...(selected.next ? { next: selected.next } : {}),
  };
};
