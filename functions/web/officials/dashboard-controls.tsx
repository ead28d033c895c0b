import {
  DASHBOARD_PAGE_SIZE,
  DASHBOARD_SHOWS,
  DASHBOARD_SORTS,
  type DashboardQuery,
  dashboardParams,
} from '#core/roster.ts';
import { dashboardMessages, type Lang, messages } from '../i18n/index.ts';

/** The dashboard's search, filter, group and sort: a GET form, so that every view has an address. */
export const DashboardFilters = ({
  lang,
  path,
  query,
  groups,
}: {
  lang: Lang;
  path: string;
  query: DashboardQuery;
  groups: readonly string[];
}) => {
  const dm = dashboardMessages(lang);
  const filtered = query.q || query.show !== 'all' || query.group || query.sort !== 'attention';
  return (
    <form method="get" action={path} class="filters" aria-label={dm.find}>
      <div class="field grow">
        <label for="f-q">{dm.search}</label>
        <input id="f-q" name="q" type="search" value={query.q} maxLength={100} aria-describedby="f-q-hint" />
        <p id="f-q-hint" class="hint">
          {dm.searchHint}
        </p>
      </div>
      <div class="field">
        <label for="f-show">{dm.show}</label>
        <select id="f-show" name="show">
          {DASHBOARD_SHOWS.map((s) => (
            <option key={s} value={s} selected={query.show === s}>
              {dm.shows[s]}
            </option>
          ))}
        </select>
      </div>
      {groups.length > 0 && (
        <div class="field">
          <label for="f-group">{dm.group}</label>
          <select id="f-group" name="group">
            <option value="">{dm.allGroups}</option>
            {groups.map((g) => (
              <option key={g} value={g} selected={query.group === g}>
                {g}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="f-sort">{dm.sort}</label>
        <select id="f-sort" name="sort">
          {DASHBOARD_SORTS.map((s) => (
            <option key={s} value={s} selected={query.sort === s}>
              {dm.sorts[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field buttons">
        <button type="submit">{dm.apply}</button>
        {filtered && <a href={path}>{dm.clear}</a>}
      </div>
    </form>
  );
};

/** Extension requests wait for an official: said at the top of the page, with the way to them. */
export const PendingBanner = ({ lang, path, pending }: { lang: Lang; path: string; pending: number }) => {
  if (pending === 0) return null;
  const dm = dashboardMessages(lang);
  return (
    <p class="message warn" id="pending-requests">
      <strong>{dm.pendingBanner(pending)}</strong>{' '}
      <a href={`${path}?${dashboardParams({ q: '', show: 'pending', group: '', sort: 'attention', page: 1 })}`}>
        {dm.pendingLink}
      </a>
    </p>
  );
};

/**
 * Where this page sits among the agencies the view selects, and the way to the others: by page number, or (a key
 * range of the roster, read page by page) onward from the last row's key.
 */
export const Pager = ({
  lang,
  path,
  query,
  shown,
  total,
  more,
  next,
}: {
  lang: Lang;
  path: string;
  query: DashboardQuery;
  shown: number;
  total: number;
  more: boolean;
  next?: string | undefined;
}) => {
  const dm = dashboardMessages(lang);
  const from = (query.page - 1) * DASHBOARD_PAGE_SIZE + 1;
  const href = (change: Partial<DashboardQuery>) => {
    const params = dashboardParams(query, change).toString();
    return params ? `${path}?${params}` : path;
  };
  return (
    <nav class="pager" aria-label={messages(lang).directive.pages}>
      <span class="hint">
        {shown === 0 ? dm.none : dm.range(from, from + shown - 1, Math.max(total, from + shown - 1))}
      </span>{' '}
      {query.page > 1 && <a href={href({ page: 1, after: undefined })}>{dm.first}</a>}{' '}
      {query.page > 1 && !query.after && <a href={href({ page: query.page - 1 })}>{dm.previous}</a>}{' '}
      {more && <a href={href({ page: query.page + 1, after: next })}>{dm.next}</a>}
    </nav>
  );
};
