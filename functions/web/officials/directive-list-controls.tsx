import { LIST_PAGE_SIZE, LIST_SORTS, LIST_STATES, type ListQuery, listParams } from '#core/directive-list.ts';
import { dashboardMessages, type Lang, messages } from '../i18n/index.ts';

/** The list's search, state, issuing body (when there are several) and sort: a GET form, a view per address. */
export const ListFilters = ({
  lang,
  path,
  query,
  issuers,
}: {
  lang: Lang;
  path: string;
  query: ListQuery;
  issuers: readonly string[];
}) => {
  const lm = dashboardMessages(lang).list;
  const states = messages(lang).states;
  const filtered = listParams({ ...query, page: 1 }).size > 0;
  return (
    <form method="get" action={path} class="filters" aria-label={lm.find}>
      <div class="field grow">
        <label for="l-q">{lm.search}</label>
        <input id="l-q" name="q" type="search" value={query.q} maxLength={100} aria-describedby="l-q-hint" />
        <p id="l-q-hint" class="hint">
          {lm.searchHint}
        </p>
      </div>
      <div class="field">
        <label for="l-state">{lm.state}</label>
        <select id="l-state" name="state">
          {LIST_STATES.map((s) => (
            <option key={s} value={s} selected={query.state === s}>
              {s === 'all' ? lm.allStates : states[s]}
            </option>
          ))}
        </select>
      </div>
      {issuers.length > 1 && (
        <div class="field">
          <label for="l-issuer">{lm.issuer}</label>
          <select id="l-issuer" name="issuer">
            <option value="">{lm.allIssuers}</option>
            {issuers.map((i) => (
              <option key={i} value={i} selected={query.issuer === i}>
                {i}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="l-sort">{lm.sort}</label>
        <select id="l-sort" name="sort">
          {LIST_SORTS.map((s) => (
            <option key={s} value={s} selected={query.sort === s}>
              {lm.sorts[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field buttons">
        <button type="submit">{dashboardMessages(lang).apply}</button>
        {filtered && <a href={path}>{dashboardMessages(lang).clear}</a>}
      </div>
    </form>
  );
};

export const ListPager = ({
  lang,
  path,
  query,
  shown,
  total,
}: {
  lang: Lang;
  path: string;
  query: ListQuery;
  shown: number;
  total: number;
}) => {
  const dm = dashboardMessages(lang);
  const from = (query.page - 1) * LIST_PAGE_SIZE + 1;
  const href = (page: number) => {
    const params = listParams(query, { page }).toString();
    return params ? `${path}?${params}` : path;
  };
  return (
    <nav class="pager" aria-label={messages(lang).directive.pages}>
      <span class="hint">{shown === 0 ? dm.list.none : dm.list.range(from, from + shown - 1, total)}</span>{' '}
      {query.page > 1 && <a href={href(query.page - 1)}>{dm.previous}</a>}{' '}
      {from + shown - 1 < total && <a href={href(query.page + 1)}>{dm.next}</a>}
    </nav>
  );
};
