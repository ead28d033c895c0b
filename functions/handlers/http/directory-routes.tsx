import { directoryOf, importAgencies, removeAgency, saveAgency } from '#app/directory.ts';
import { problem } from '#contracts/problems.ts';
import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import { ValidationError } from '#core/errors.ts';
import { langCookie, messages, render } from '#web/i18n/index.ts';
import { DirectoryPage } from '#web/officials/directory-page.tsx';
import type { PageContext, PageRoute } from './official-page-chain.ts';
import { officialPage } from './pages.tsx';
import { redirect } from './responses.ts';

/** The office's agency directory: its page, one agency saved or removed, a file imported. */

type Context = PageContext;
type Route = PageRoute;

/** The directory's CSV: a province's agencies fit in far less. */
export const DIRECTORY_FILE_BYTES = 2 * 1024 * 1024;

const show = (c: Context, status: number, node: preact.VNode) =>
  officialPage(c.event, status, node, langCookie(c.event));

const saveDirectoryEntry: Route = async (c) => {
  if (c.form.action === 'delete') {
    await removeAgency(c.official, String(c.form.id ?? ''));
    return redirect(pathTo(OFFICIAL_PAGES.directory, {}, 'removed=1'));
  }
  const result = await saveAgency(c.official, c.form);
  if (result.saved) return redirect(pathTo(OFFICIAL_PAGES.directory, {}, 'saved=1'));
  const editing = Object.fromEntries(Object.entries(c.form).map(([k, v]) => [k, String(v ?? '')]));
  const errors = Object.fromEntries(Object.entries(result.errors).map(([k, p]) => [k, render(p, c.lang)]));
  return show(
    c,
    400,
    <DirectoryPage
      lang={c.lang}
      official={c.official}
      agencies={await directoryOf(c.official)}
      errors={errors}
      editing={editing}
    />,
  );
};

const importDirectory: Route = async (c) => {
  const file = c.form.file as { content?: Buffer; truncated?: boolean } | undefined;
  if (file?.truncated || (file?.content?.length ?? 0) > DIRECTORY_FILE_BYTES)
    throw new ValidationError([
      { path: 'file', ...problem('field.tooLargeMb', { field: 'csvFile', mb: DIRECTORY_FILE_BYTES / 1024 / 1024 }) },
    ]);
  const imported = await importAgencies(
    c.official,
    Buffer.isBuffer(file?.content) ? file.content.toString('utf8') : '',
  );
  return redirect(pathTo(OFFICIAL_PAGES.directory, {}, `imported=${imported}`));
};

const showDirectory: Route = async (c) => {
  const agencies = await directoryOf(c.official);
  const q = c.event.queryStringParameters ?? {};
  const m = messages(c.lang).directory;
  const notice = q.imported ? m.imported(Number(q.imported)) : q.saved ? m.saved : q.removed ? m.removed : undefined;
  const edited = agencies.find((a) => a.id === q.edit);
  const editing = edited
    ? Object.fromEntries(
        Object.entries({ ...edited, groups: edited.groups.join('; ') }).map(([k, v]) => [k, String(v ?? '')]),
      )
    : undefined;
  return show(
    c,
    200,
    <DirectoryPage lang={c.lang} official={c.official} agencies={agencies} notice={notice} editing={editing} />,
  );
};

export const directoryRoutes = {
  [OFFICIAL_PAGES.directory]: showDirectory,
  [OFFICIAL_PAGES.saveAgency]: saveDirectoryEntry,
  [OFFICIAL_PAGES.importDirectory]: importDirectory,
} satisfies Partial<Record<string, Route>>;
