import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Agency } from '#core/agency.ts';
import { DIRECTORY_FLAGS, DIRECTORY_SORTS, type DirectoryView, directoryQueryString } from '#core/agency-search.ts';
import type { Official } from '#core/official.ts';
import { directoryMessages, type Lang, messages, noticesMessages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { AgencyForm, type Editing, ImportPanel, type ImportProblems, RemovePanel } from './directory-forms.tsx';

/**
 * The office's agency directory: a search (GET, so a view can be bookmarked and every form brings the official
 * back to it), one page of compact rows whose actions sit behind one menu each, the add-or-edit form and the
 * import. Works without script: the menus are <details>, removing goes through a confirmation panel.
 */

/** The directory's own rules: the row menus, the rows as cards on a phone, the row an official lands on. */
const DIRECTORY_STYLES = `
.search{display:grid;grid-template-columns:2fr 1fr 1fr 1fr auto;gap:8px 12px;align-items:end}
.search label{margin:0 0 .2em}.search p{margin:0}
.pager{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0}
table.directory td:target,table.directory tr:target td{background:#fff6cc}
details.menu{position:relative}
details.menu summary{cursor:pointer;color:var(--accent);font-weight:600;white-space:nowrap;padding:2px 0}
details.menu ul{position:absolute;right:0;z-index:2;list-style:none;margin:4px 0 0;padding:6px 0;min-width:9em;background:#fff;border:1px solid var(--line);border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.15)}
details.menu li a{display:block;padding:6px 12px}
.import-problems li{margin:.5em 0}.import-problems code{display:block;white-space:pre-wrap;word-break:break-all;background:#f6f6f2;padding:2px 6px}
@media (max-width:700px){
.search{grid-template-columns:1fr}
table.directory,table.directory tbody,table.directory tr,table.directory td{display:block;width:100%}
table.directory thead{position:absolute;left:-9999px}
table.directory caption{display:block;text-align:left}
table.directory td[data-label]:empty{display:none}
table.directory tr{border:1px solid var(--line);margin:0 0 10px;background:#fff}
table.directory td{border:none;border-top:1px solid #eee}
table.directory td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
details.menu ul{position:static;box-shadow:none}
}`;

export type DirectoryPageProps = {
  lang: Lang;
  official: Official;
  view: DirectoryView;
  notice?: string | undefined;
  /** The add-or-edit form's problems per field, and what it holds (an agency to edit, or a rejected save). */
  errors?: Record<string, string>;
  editing?: Editing | undefined;
  /** The agency the official asked to remove: the confirmation panel. */
  removing?: Agency | undefined;
  /** A rejected import: its file and what was wrong, by row. */
  imported?: ImportProblems | undefined;
};

export const DirectoryPage = (p: DirectoryPageProps) => {
  const { lang, view } = p;
  const m = messages(lang).directory;
  const d = directoryMessages(lang);
  const n = noticesMessages(lang);
  const state = directoryQueryString(view.query);
  /** This view of the directory (and more): where links and forms bring the official back. */
  const here = (extra = '', anchor = '') =>
    pathTo(OFFICIAL_PAGES.directory, {}, [state, extra].filter(Boolean).join('&')) + anchor;
  const at = (page: number) =>
    pathTo(OFFICIAL_PAGES.directory, {}, directoryQueryString({ ...view.query, page }) || undefined);
  const flags = (a: Agency) => [a.noSms ? n.noSms : '', a.noZalo ? n.noZalo : ''].filter(Boolean).join('; ');
  const errors = p.errors ?? {};
  const pager = (label: string) =>
    view.pages > 1 && (
      <nav class="pager" aria-label={label}>
        {view.page > 1 && (
          <a href={at(view.page - 1)} rel="prev">
            ← {d.previous}
          </a>
        )}
        <span>{d.pageOf(view.page, view.pages)}</span>
        {view.page < view.pages && (
          <a href={at(view.page + 1)} rel="next">
            {d.next} →
          </a>
        )}
      </nav>
    );
  return (
    <OfficialLayout title={m.title} lang={lang} official={p.official} path={pathTo(OFFICIAL_PAGES.directory)}>
      {/* A constant of this file, inserted as is. */}
      <style dangerouslySetInnerHTML={{ __html: DIRECTORY_STYLES }} />
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {p.notice && (
        <p class="message ok" role="status">
          {p.notice}
        </p>
      )}
      {(Object.keys(errors).length > 0 || p.imported) && (
        <div class="error-summary" role="alert">
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>
                <a href={`#field-${k}`}>{v}</a>
              </li>
            ))}
            {p.imported && (
              <li>
                <a href="#import-errors">{d.importFailed(p.imported.file)}</a>
              </li>
            )}
          </ul>
        </div>
      )}
      {p.removing && <RemovePanel lang={lang} agency={p.removing} back={state} cancel={here()} />}
      <form method="get" action={pathTo(OFFICIAL_PAGES.directory)} class="panel" aria-label={d.search}>
        <div class="search">
          <div>
            <label for="directory-q">{d.searchLabel}</label>
            <input id="directory-q" name="q" type="search" value={view.query.q ?? ''} aria-describedby="q-hint" />
          </div>
          <div>
            <label for="directory-group">{d.group}</label>
            <select id="directory-group" name="group">
              <option value="">{d.allGroups}</option>
              {view.groups.map((g) => (
                <option key={g} value={g} {...(g === view.query.group ? { selected: true } : {})}>
                  {g}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="directory-flag">{d.flag}</label>
            <select id="directory-flag" name="flag">
              <option value="">{d.allFlags}</option>
              {DIRECTORY_FLAGS.map((f) => (
                <option key={f} value={f} {...(f === view.query.flag ? { selected: true } : {})}>
                  {d.flags[f]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="directory-sort">{d.sort}</label>
            <select id="directory-sort" name="sort">
              {DIRECTORY_SORTS.map((s) => (
                <option key={s} value={s} {...(s === view.query.sort ? { selected: true } : {})}>
                  {d.sorts[s]}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit">{d.apply}</button>
          </p>
        </div>
        <p class="hint" id="q-hint">
          {d.searchHint} {state && <a href={pathTo(OFFICIAL_PAGES.directory)}>{d.clear}</a>}
        </p>
      </form>
      {view.all === 0 ? (
        <p>{m.empty}</p>
      ) : view.total === 0 ? (
        <p>{d.noMatch}</p>
      ) : (
        <>
          <p>{d.range(view.from, view.to, view.total, view.all)}</p>
          {pager(d.pagesTop)}
          <table class="grid directory">
            <caption class="hint">{m.title}</caption>
            <thead>
              <tr>
                <th scope="col">{d.agency}</th>
                <th scope="col">{m.email.replace(' *', '')}</th>
                <th scope="col">{m.groups}</th>
                <th scope="col">{m.phone}</th>
                <th scope="col">{d.head}</th>
                <th scope="col">{d.menu}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((a) => (
                <tr key={a.id} id={`agency-${a.id}`}>
                  <td>
                    <strong>{a.name}</strong>
                    <br />
                    <span class="small">{a.id}</span>
                  </td>
                  <td data-label={m.email.replace(' *', '')}>{a.email}</td>
                  <td data-label={m.groups}>{a.groups.join('; ')}</td>
                  <td data-label={m.phone}>
                    {a.phone}
                    {flags(a) && <span class="small"> ({flags(a)})</span>}
                  </td>
                  <td data-label={d.head}>
                    {a.headName}
                    {a.headEmail ? ` <${a.headEmail}>` : ''}
                    {a.headPhone ? ` ${a.headPhone}` : ''}
                  </td>
                  <td>
                    <details class="menu">
                      <summary>
                        {d.menu}
                        <span class="skip"> {a.name}</span>
                      </summary>
                      <ul>
                        <li>
                          <a href={here(`edit=${encodeURIComponent(a.id)}`, '#agency-form')}>
                            {d.edit}
                            <span class="skip"> {a.name}</span>
                          </a>
                        </li>
                        <li>
                          <a href={here(`remove=${encodeURIComponent(a.id)}`, '#confirm-remove')}>
                            {d.remove}
                            <span class="skip"> {a.name}</span>
                          </a>
                        </li>
                      </ul>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pager(d.pagesBottom)}
        </>
      )}
      <AgencyForm lang={lang} errors={errors} editing={p.editing} back={state} />
      <ImportPanel lang={lang} back={state} problems={p.imported} />
    </OfficialLayout>
  );
};
