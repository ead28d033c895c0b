import * as z from 'zod/mini';
import type { StoredDirective } from './directive.ts';
import { searchFor, searchWords } from './search.ts';
import { countsOf, directiveState } from './tally.ts';
import { viewParams } from './view-params.ts';

/**
 * The list of an office's directives as an official narrows it: a search by number, subject, issuer or addressee,
 * a state, an issuing office (the province sees every office's), a sort and a page. Read from the query string.
 */

export const LIST_STATES = ['all', 'OPEN', 'OVERDUE', 'COMPLETED', 'CANCELLED'] as const;
export type ListState = (typeof LIST_STATES)[number];
export const LIST_SORTS = ['newest', 'oldest', 'number', 'overdue'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const LIST_PAGE_SIZE = 50;

export const listQuerySchema = z.object({
  q: z.catch(z.string().check(z.trim(), z.maxLength(100)), ''),
  state: z.catch(z.enum(LIST_STATES), 'all'),
  issuer: z.catch(z.string().check(z.trim(), z.maxLength(300)), ''),
  sort: z.catch(z.enum(LIST_SORTS), 'newest'),
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 1),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const listQueryOf = (params: Record<string, string | undefined> | null | undefined): ListQuery =>
  listQuerySchema.parse({ ...(params ?? {}) });

export const listParams = (q: ListQuery, change: Partial<ListQuery> = {}) =>
  viewParams({ ...q, ...change }, { state: 'all', sort: 'newest', page: 1 });

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
const newestFirst = (a: StoredDirective, b: StoredDirective) =>
  b.issuedOn.localeCompare(a.issuedOn) || Date.parse(b.createdAt) - Date.parse(a.createdAt);

const ORDER: Record<ListSort, (a: StoredDirective, b: StoredDirective) => number> = {
  newest: newestFirst,
  oldest: (a, b) => -newestFirst(a, b),
  number: (a, b) => collator.compare(a.number, b.number) || newestFirst(a, b),
  overdue: (a, b) => countsOf(b.tally).inProgressOverdue - countsOf(a.tally).inProgressOverdue || newestFirst(a, b),
};

/** The directives the query selects, in its order, and the page of them it shows. */
export const selectDirectives = (directives: readonly StoredDirective[], query: ListQuery) => {
  const found = searchFor(query.q);
  const selected = directives
    .filter(
      (d) =>
        (query.state === 'all' || directiveState(d) === query.state) &&
        (!query.issuer || d.issuer === query.issuer) &&
        (!query.q || found(searchWords(d.number, d.subject, d.issuer, ...d.addressees))),
    )
    .sort(ORDER[query.sort]);
  const start = (query.page - 1) * LIST_PAGE_SIZE;
  return { page: selected.slice(start, start + LIST_PAGE_SIZE), total: selected.length };
};
