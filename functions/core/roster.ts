import * as z from 'zod/mini';
import type { AssignmentStatus } from './assignment/model.ts';
import { searchFor } from './search.ts';
import { viewParams } from './view-params.ts';

/**
 * What the dashboard asks of a directive's agencies: a search, one filter, an optional group of the office's
 * directory, a sort and a page. Read from the page's query string, so a view can be bookmarked and an action
 * brings the official back to it.
 */

export const DASHBOARD_SHOWS = [
  'all',
  'overdue',
  'onTime',
  'notAcknowledged',
  'pending',
  'completed',
  'deliveryFailed',
  'cancelled',
] as const;
export type DashboardShow = (typeof DASHBOARD_SHOWS)[number];

/** "attention": open ones first, nearest (or longest past) deadline first; then failed, completed, cancelled. */
export const DASHBOARD_SORTS = ['attention', 'name'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

/** Rows a page of the dashboard shows. */
export const DASHBOARD_PAGE_SIZE = 50;

/** Unknown or malformed values fall back to the defaults: a query string is typed by hand and bookmarked. */
export const dashboardQuerySchema = z.object({
  q: z.catch(z.string().check(z.trim(), z.maxLength(100)), ''),
  show: z.catch(z.enum(DASHBOARD_SHOWS), 'all'),
  group: z.catch(z.string().check(z.trim(), z.maxLength(100)), ''),
  sort: z.catch(z.enum(DASHBOARD_SORTS), 'attention'),
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 1),
  /** Where a key-ordered page starts: the roster key of the previous page's last row. */
  after: z.catch(z.optional(z.string().check(z.maxLength(400))), undefined),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const dashboardQueryOf = (params: Record<string, string | undefined> | null | undefined): DashboardQuery =>
  dashboardQuerySchema.parse({ ...(params ?? {}) });

/** The query's own parameters, defaults left out, for links and for the way back after an action. */
export const dashboardParams = (q: DashboardQuery, change: Partial<DashboardQuery> = {}) => {
  const next = { ...q, ...change };
  // A key-ordered page's start means nothing on the first page.
  return viewParams(
    { ...next, after: next.page > 1 ? next.after : undefined },
    { show: 'all', sort: 'attention', page: 1 },
  );
};

/** One agency of a directive as the roster index holds it: enough to filter and sort, never its history. */
export type RosterRow = {
  recipientId: string;
  recipientName: string;
  recipientEmail: string;
  status: AssignmentStatus;
  /** The roster's sort key: `{band}#{nearest deadline}#{id}` for open ones (contracts/table.ts). */
  sortKey: string;
  /** Name, address and id as the search reads them (core/search.ts `searchKey`). */
  fold: string;
  acknowledgedAt?: string;
  /** When the oldest extension request still waiting was made. */
  pendingSince?: string;
};

const OPEN_BAND = '0';
const bandOf = (row: RosterRow) => row.sortKey.slice(0, row.sortKey.indexOf('#'));
/** The nearest open deadline in an open row's key; none for the rest. */
const deadlineOf = (row: RosterRow) => {
  if (bandOf(row) !== OPEN_BAND) return undefined;
  const at = row.sortKey.split('#')[1];
  return at && at !== '~' ? at : undefined;
};

/** Whether the row passes the filter, judged at `now` (an open row is overdue once its nearest deadline passed). */
export const shows = (row: RosterRow, show: DashboardShow, now: string) => {
  const band = bandOf(row);
  const deadline = deadlineOf(row);
  const overdue = deadline !== undefined && Date.parse(deadline) <= Date.parse(now);
  switch (show) {
    case 'all':
      return true;
    case 'overdue':
      return overdue;
    case 'onTime':
      return band === OPEN_BAND && !overdue;
    case 'notAcknowledged':
      return band === OPEN_BAND && !row.acknowledgedAt;
    case 'pending':
      return row.pendingSince !== undefined;
    case 'deliveryFailed':
      return band === '1';
    case 'completed':
      return band === '2';
    case 'cancelled':
      return band === '3';
  }
};

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * The rows the query selects, in its order. `members` is the chosen group's agencies (ids and addresses) when the
 * query names one.
 */
export const select = (
  rows: readonly RosterRow[],
  query: DashboardQuery,
  now: string,
  members?: ReadonlySet<string>,
) => {
  const found = searchFor(query.q);
  const byKey = (x: RosterRow, y: RosterRow) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0);
  const byName = (x: RosterRow, y: RosterRow) => collator.compare(x.recipientName, y.recipientName);
  return rows
    .filter(
      (r) =>
        shows(r, query.show, now) &&
        (!query.q || found(r.fold)) &&
        (!members || members.has(r.recipientId) || members.has(r.recipientEmail.toLowerCase())),
    )
    .sort(query.sort === 'name' ? byName : byKey);
};
