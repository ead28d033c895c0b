import * as z from 'zod/mini';
import type { Agency } from './agency.ts';
import { searchFor, searchWords } from './search.ts';
import { searchKey } from './text.ts';
import { viewParams } from './view-params.ts';

/**
 * The directory as an official looks through it: a search, a group, a phone-notice flag, an order and a page, all
 * in the query string so that a view can be bookmarked and a form can send the official back to it. An office's
 * directory is one partition of a few thousand agencies at most: it is read whole and filtered here (a few
 * milliseconds at 5,000, bench/directory-search.bench.tsx), which keeps every search accent-insensitive without a second
 * copy of each name in the table.
 */

export const DIRECTORY_PAGE_SIZE = 50;
export const DIRECTORY_SORTS = ['name', 'id', 'group'] as const;
/** Agencies that asked for no SMS, no Zalo, or that have no phone at all. */
export const DIRECTORY_FLAGS = ['noSms', 'noZalo', 'noPhone'] as const;

export type DirectorySort = (typeof DIRECTORY_SORTS)[number];
export type DirectoryFlag = (typeof DIRECTORY_FLAGS)[number];

/** A bookmark may be old or hand-edited: a value that does not fit is dropped, never an error. */
const text = (max: number) => z.catch(z.optional(z.string().check(z.trim(), z.maxLength(max))), undefined);

export const directoryQuerySchema = z.object({
  q: text(200),
  group: text(200),
  flag: z.catch(z.optional(z.enum(DIRECTORY_FLAGS)), undefined),
  sort: z.catch(z._default(z.enum(DIRECTORY_SORTS), 'name'), 'name'),
  page: z.catch(z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100_000)), 1), 1),
});

export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** A query string's parameters (API Gateway's `queryStringParameters`, or a form's field) as a query. */
export const directoryQueryOf = (parameters: Record<string, unknown> = {}): DirectoryQuery =>
  directoryQuerySchema.parse({
    q: parameters.q,
    group: parameters.group,
    flag: parameters.flag || undefined,
    sort: parameters.sort || undefined,
    page: parameters.page || undefined,
  });

/** The query as a query string (defaults left out), for links and for the forms that bring the official back. */
export const directoryQueryString = (query: Partial<DirectoryQuery>) =>
  viewParams(query, { sort: 'name', page: 1 }).toString();

/** "0913 421 376", "+84 913…", "84913…" → "0913421376": a phone as typed, to compare with a stored `+84…`. */
const nationalDigits = (value: string) => {
  const digits = value.replace(/\D/g, '');
  return value.trim().startsWith('+84') || (digits.startsWith('84') && digits.length >= 10)
    ? `0${digits.slice(2)}`
    : digits;
};

/** Only digits and what people write between them: the search is a phone number (or part of one). */
const PHONE_LIKE = /^[+(]?\d[\d\s.()-]{2,}$/;

const collator = new Intl.Collator('vi');

/** Everything a search by words looks in (core/search.ts, as the dashboard and the list search). */
const keyOf = (agency: Agency) =>
  searchWords(agency.name, agency.id, agency.email, agency.headName, agency.headEmail, ...agency.groups);

const phonesOf = (agency: Agency) =>
  [agency.phone, agency.headPhone]
    .filter((p): p is string => Boolean(p))
    .map(nationalDigits)
    .join(' ');

const matches = (query: DirectoryQuery) => {
  const phone = query.q && PHONE_LIKE.test(query.q) ? nationalDigits(query.q) : undefined;
  const found = searchFor(query.q ?? '');
  const group = query.group ? searchKey(query.group) : undefined;
  // A directory has a few dozen groups: each is folded once, not once per agency.
  const groupKeys = new Map<string, string>();
  const groupKey = (g: string) => {
    const known = groupKeys.get(g);
    if (known !== undefined) return known;
    const key = searchKey(g);
    groupKeys.set(g, key);
    return key;
  };
  return (agency: Agency) =>
    (group === undefined || agency.groups.some((g) => groupKey(g) === group)) &&
    (query.flag === undefined || (query.flag === 'noPhone' ? !agency.phone : agency[query.flag] === true)) &&
    (!query.q || (phone !== undefined && phonesOf(agency).includes(phone)) || found(keyOf(agency)));
};

const BY: Record<DirectorySort, (a: Agency, b: Agency) => number> = {
  name: (a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id),
  id: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  // Agencies without a group come last; within a group, by name.
  group: (a, b) =>
    (a.groups.length ? 0 : 1) - (b.groups.length ? 0 : 1) ||
    collator.compare(a.groups[0] ?? '', b.groups[0] ?? '') ||
    BY.name(a, b),
};

export type DirectoryView = {
  query: DirectoryQuery;
  /** The agencies of the page, in order. */
  rows: Agency[];
  /** How many agencies the search and filters found, and how many the directory holds. */
  total: number;
  all: number;
  /** The page shown (the last one when the query asked past it), the number of pages, the rows' positions. */
  page: number;
  pages: number;
  from: number;
  to: number;
  /** Every group of the directory, for the filter. */
  groups: string[];
};

/**
 * One page of the directory for a query. `focus`: an agency just saved, whose page is shown instead when the query
 * finds it (the official lands on its row).
 */
export const viewDirectory = (agencies: Agency[], query: DirectoryQuery, focus?: string): DirectoryView => {
  const found = agencies.filter(matches(query)).sort(BY[query.sort]);
  const pages = Math.max(1, Math.ceil(found.length / DIRECTORY_PAGE_SIZE));
  const focused = focus === undefined ? -1 : found.findIndex((a) => a.id === focus);
  const page = focused >= 0 ? Math.floor(focused / DIRECTORY_PAGE_SIZE) + 1 : Math.min(query.page, pages);
  const start = (page - 1) * DIRECTORY_PAGE_SIZE;
  const rows = found.slice(start, start + DIRECTORY_PAGE_SIZE);
  const groups = [...new Set(agencies.flatMap((a) => a.groups))].sort(collator.compare);
  return {
    query: { ...query, page },
    rows,
    total: found.length,
    all: agencies.length,
    page,
    pages,
    from: rows.length ? start + 1 : 0,
    to: start + rows.length,
    groups,
  };
};
