import { type ImportProblem, importAgencies, removeAgency, saveAgency, searchDirectory } from '#app/directory.ts';
import { problem } from '#contracts/problems.ts';
import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import { type DirectoryQuery, directoryQueryOf, directoryQueryString } from '#core/agency-search.ts';
import { DIRECTORY_SAMPLE_NAME, directorySampleCsv } from '#documents/directory-sample.ts';
import { directoryMessages, langCookie, render } from '#web/i18n/index.ts';
import type { Editing, ImportProblems } from '#web/officials/directory-forms.tsx';
import { DirectoryPage, type DirectoryPageProps } from '#web/officials/directory-page.tsx';
import { download } from './download.ts';
import type { PageContext, PageRoute } from './official-page-chain.ts';
import { officialPage } from './pages.tsx';
import { redirect } from './responses.ts';

/**
 * The office's agency directory: its page (searched, filtered, sorted and paged by its query string), one agency
 * saved or removed, a file imported, the sample file. Every form carries `back`, the query string of the view the
 * official came from; the answer returns them to it, on the row they changed.
 */

type Context = PageContext;
type Route = PageRoute;

/** The directory's file (CSV or XLSX): a province's agencies fit in far less. */
export const DIRECTORY_FILE_BYTES = 2 * 1024 * 1024;

const show = (c: Context, status: number, props: Omit<DirectoryPageProps, 'lang' | 'official'>) =>
  officialPage(c.event, status, <DirectoryPage lang={c.lang} official={c.official} {...props} />, langCookie(c.event));

/** The view a form came from: its `back` field, checked as the page's own query string is. */
const backOf = (c: Context): DirectoryQuery =>
  directoryQueryOf(Object.fromEntries(new URLSearchParams(String(c.form.back ?? ''))));

/** The directory at `query`, with a note for the page (`saved=id`…) and an anchor. */
const back = (query: DirectoryQuery, note: Record<string, string>, anchor = '') =>
  redirect(
    pathTo(
      OFFICIAL_PAGES.directory,
      {},
      [directoryQueryString(query), new URLSearchParams(note).toString()].filter(Boolean).join('&'),
    ) + anchor,
  );

/** An agency as the form's fields hold it. */
const editingOf = (fields: Record<string, unknown>): Editing =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.join('; ') : String(v ?? '')]),
  ) as Editing;

const saveDirectoryEntry: Route = async (c) => {
  const query = backOf(c);
  if (c.form.action === 'delete') {
    const id = String(c.form.id ?? '');
    const removed = await removeAgency(c.official, id);
    // Removed by an earlier click or by another official: the same answer, it is gone either way.
    return back(query, { removed: removed?.name ?? id });
  }
  const result = await saveAgency(c.official, c.form);
  if (result.saved) return back(query, { saved: result.agency.id }, `#agency-${result.agency.id}`);
  const errors = Object.fromEntries(Object.entries(result.errors).map(([k, p]) => [k, render(p, c.lang)]));
  return show(c, 400, { view: (await searchDirectory(c.official, query)).view, errors, editing: editingOf(c.form) });
};

/** A problem of the import as the page shows it: the row's number and text beside the words. */
const shown = (c: Context, p: ImportProblem) => ({
  ...(p.line !== undefined ? { line: p.line } : {}),
  ...(p.text !== undefined ? { text: p.text } : {}),
  message: render(p.problem, c.lang),
});

const importDirectory: Route = async (c) => {
  const query = backOf(c);
  const file = c.form.file as { content?: Buffer; truncated?: boolean; filename?: string } | undefined;
  // The file's name only says which file: a long one is cut, it travels in the redirect's query string.
  const name = (file?.filename ?? '').trim().slice(0, 120) || 'CSV';
  const tooLarge = file?.truncated || (file?.content?.length ?? 0) > DIRECTORY_FILE_BYTES;
  const result = tooLarge
    ? {
        problems: [
          {
            problem: problem('field.tooLargeMb', { field: 'csvFile', mb: DIRECTORY_FILE_BYTES / 1024 / 1024 }),
          },
        ],
      }
    : await importAgencies(c.official, Buffer.isBuffer(file?.content) ? file.content : Buffer.alloc(0));
  if ('imported' in result) return back(query, { imported: String(result.imported), from: name });
  const imported: ImportProblems = { file: name, problems: result.problems.map((p) => shown(c, p)) };
  return show(c, 400, { view: (await searchDirectory(c.official, query)).view, imported });
};

const showDirectory: Route = async (c) => {
  const q = c.event.queryStringParameters ?? {};
  const d = directoryMessages(c.lang);
  const { view, agency } = await searchDirectory(c.official, directoryQueryOf(q), q.saved);
  const saved = agency(q.saved);
  const notice = q.imported
    ? d.imported(Number(q.imported) || 0, q.from ?? '')
    : saved
      ? d.saved(saved.name)
      : q.removed
        ? d.removed(q.removed)
        : undefined;
  const edited = agency(q.edit);
  return show(c, 200, {
    view,
    notice,
    editing: edited ? editingOf({ ...edited, groups: edited.groups.join('; ') }) : undefined,
    removing: agency(q.remove),
  });
};

/** The sample directory, with the headers the import reads. */
const sample: Route = async () => download(directorySampleCsv(), 'text/csv; charset=utf-8', DIRECTORY_SAMPLE_NAME);

export const directoryRoutes = {
  [OFFICIAL_PAGES.directory]: showDirectory,
  [OFFICIAL_PAGES.saveAgency]: saveDirectoryEntry,
  [OFFICIAL_PAGES.importDirectory]: importDirectory,
  [OFFICIAL_PAGES.directorySample]: sample,
} satisfies Partial<Record<string, Route>>;
