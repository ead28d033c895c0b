import * as z from 'zod/mini';
import { cancelAssignment, cancelDirective } from '#app/cancel.ts';
import { fileOfDirective, filesOfDirective } from '#app/directive-files.ts';
import { directoryOf, importAgencies, removeAgency, saveAgency } from '#app/directory.ts';
import { grantExtension, refuseExtension } from '#app/extensions.ts';
import { saveSettings, settingsOf } from '#app/office-settings.ts';
import { listDirectives, readDirective } from '#app/read-directive.ts';
import { reassign } from '#app/reassign.ts';
import { reportFile } from '#app/report-file.ts';
import { resendLink } from '#app/resend-link.ts';
import { problem } from '#contracts/problems.ts';
import { OFFICIAL_PAGES, type OfficialPageRoute, pathTo } from '#contracts/routes.ts';
import { emailField } from '#core/agency.ts';
import { endOfDayOn } from '#core/calendar/time.ts';
import { ConflictError, NotFoundError, ValidationError } from '#core/errors.ts';
import { says } from '#core/problems.ts';
import { langCookie, messages, noticesMessages, render } from '#web/i18n/index.ts';
import { officialsClient } from '#web/officials/client.ts';
import { DirectivePage, DirectivesListPage } from '#web/officials/directive-pages.tsx';
import { DirectoryPage } from '#web/officials/directory-page.tsx';
import { SettingsPage } from '#web/officials/settings-page.tsx';
import { download } from './download.ts';
import { officialPageHandler, type PageContext, type PageRoute } from './official-page-chain.ts';
import { officialPage } from './pages.tsx';
import { redirect } from './responses.ts';

type Context = PageContext;
type Route = PageRoute;

/** Pages carry the language cookie when `?lang=` chose one, and their forms the request's CSRF token. */
const show = (c: Context, status: number, node: preact.VNode) =>
  officialPage(c.event, status, node, langCookie(c.event));

/**
 * The function's own source, run in the page. Under tsx (the local runtime) esbuild wraps named functions in
 * `__name(…)`, which only exists in Node: the page gets a stand-in.
 */
export const CLIENT_SCRIPT = `(()=>{const __name=(f)=>f;(${officialsClient.toString()})();})();`;

/** The directory's CSV: a province's agencies fit in far less. */
const DIRECTORY_FILE_BYTES = 2 * 1024 * 1024;

/** Rows of the dashboard's matrix per page, with their histories for the timeline. */
const DASHBOARD_PAGE = 200;

const actionForm = z.object({
  action: z.enum(['resend', 'reassign', 'grant', 'refuse', 'cancel-assignment', 'cancel-directive']),
  recipientId: z.optional(z.string()),
  taskCode: z.optional(z.string()),
  until: z.optional(z.iso.date(says('field.date', { field: 'until' }))),
  email: z.optional(emailField('newEmail')),
  name: z.optional(z.string().check(z.trim(), z.maxLength(300))),
  fromEmail: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254))),
});

/** Another address for one agency; a move another official made meanwhile is a 409 page, not a second move. */
const reassignFrom = async (c: Context, id: string, form: z.infer<typeof actionForm>) => {
  if (!form.email) throw new ValidationError([{ path: 'email', ...problem('field.required', { field: 'newEmail' }) }]);
  const result = await reassign(
    id,
    form.recipientId ?? '',
    { email: form.email, name: form.name || undefined, fromEmail: form.fromEmail },
    c.official,
  );
  if (!result.applied && result.refusal.refusal !== 'ALREADY_DONE') throw new ConflictError(result.refusal.problem);
};

const directiveAction: Route = async (c) => {
  const id = c.event.pathParameters?.id ?? '';
  const parsed = actionForm.safeParse(c.form);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { action, recipientId = '', taskCode = '', until } = parsed.data;
  if (action === 'cancel-directive') await cancelDirective(id, c.official);
  else if (action === 'cancel-assignment') await cancelAssignment(id, recipientId, c.official);
  else if (action === 'resend') await resendLink(id, recipientId, c.official);
  else if (action === 'reassign') await reassignFrom(c, id, parsed.data);
  else if (action === 'refuse') await refuseExtension(id, recipientId, c.official, undefined, taskCode || undefined);
  else {
    if (!until) throw new ValidationError([{ path: 'until', ...problem('field.choose', { field: 'until' }) }]);
    await grantExtension(id, recipientId, { taskCode, until: endOfDayOn(until) }, c.official);
  }
  return redirect(pathTo(OFFICIAL_PAGES.dashboard, { id }, `done=${action}`));
};

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

const routes: Record<OfficialPageRoute, Route> = {
  [OFFICIAL_PAGES.home]: async () => redirect(pathTo(OFFICIAL_PAGES.list)),
  [OFFICIAL_PAGES.list]: async (c) => {
    const directives = await listDirectives(c.official);
    return show(c, 200, <DirectivesListPage lang={c.lang} official={c.official} directives={directives} />);
  },
  [OFFICIAL_PAGES.dashboard]: async (c) => {
    const id = c.event.pathParameters?.id ?? '';
    const cursor = c.event.queryStringParameters?.cursor;
    const now = new Date().toISOString();
    const { directive, assignments, next, submissions, forwarded } = await readDirective(
      id,
      { limit: DASHBOARD_PAGE, cursor, withHistory: true },
      now,
    );
    const done = c.event.queryStringParameters?.done;
    return show(
      c,
      200,
      <DirectivePage
        lang={c.lang}
        official={c.official}
        directive={directive}
        assignments={assignments}
        submissions={submissions}
        forwarded={forwarded}
        files={await filesOfDirective(directive)}
        page={{ ...(cursor ? { cursor } : {}), ...(next ? { next } : {}) }}
        now={now}
        {...(done ? { notice: messages(c.lang).directive.done } : {})}
      />,
    );
  },
  [OFFICIAL_PAGES.action]: directiveAction,
  [OFFICIAL_PAGES.file]: async (c) => {
    const { id = '', recipientId = '', taskCode = '' } = c.event.pathParameters ?? {};
    const file = await reportFile(id, recipientId, taskCode);
    return download(file.body, file.contentType, file.name);
  },
  [OFFICIAL_PAGES.directiveFile]: async (c) => {
    const { id = '', fileId = '' } = c.event.pathParameters ?? {};
    const { file, bytes } = await fileOfDirective(id, fileId);
    return download(bytes ?? Buffer.alloc(0), file.contentType, file.name);
  },
  [OFFICIAL_PAGES.directory]: async (c) => {
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
  },
  [OFFICIAL_PAGES.saveAgency]: saveDirectoryEntry,
  [OFFICIAL_PAGES.settings]: async (c) => {
    const { settings, configured } = await settingsOf(c.official);
    const notice = c.event.queryStringParameters?.saved ? noticesMessages(c.lang).saved : undefined;
    return show(
      c,
      200,
      <SettingsPage lang={c.lang} official={c.official} settings={settings} configured={configured} notice={notice} />,
    );
  },
  [OFFICIAL_PAGES.saveSettings]: async (c) => {
    await saveSettings(c.official, c.form);
    return redirect(pathTo(OFFICIAL_PAGES.settings, {}, 'saved=1'));
  },
  [OFFICIAL_PAGES.importDirectory]: importDirectory,
  /** The one script of the officials' pages: public, like any asset. */
  [OFFICIAL_PAGES.asset]: async (c) => {
    if (c.event.pathParameters?.name !== 'officials.js') throw new NotFoundError(problem('page.notFound'));
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'max-age=300' },
      body: CLIENT_SCRIPT,
    };
  },
};

/** The directory's CSV upload is the pages' one file. */
export const handler = officialPageHandler(routes, {
  multipart: { files: 1, fileSize: DIRECTORY_FILE_BYTES },
  public: [OFFICIAL_PAGES.asset],
});
