import * as z from 'zod/mini';
import { cancelAssignment, cancelDirective } from '#app/cancel.ts';
import { dashboardOf } from '#app/dashboard.ts';
import { fileOfDirective, filesOfDirective } from '#app/directive-files.ts';
import { grantExtension, refuseExtension } from '#app/extensions.ts';
import { saveSettings, settingsOf } from '#app/office-settings.ts';
import { listDirectives } from '#app/read-directive.ts';
import { reassign } from '#app/reassign.ts';
import { reportFile } from '#app/report-file.ts';
import { resendLink } from '#app/resend-link.ts';
import { problem } from '#contracts/problems.ts';
import { OFFICIAL_PAGES, type OfficialPageRoute, pathTo } from '#contracts/routes.ts';
import { emailField } from '#core/agency.ts';
import { dayField } from '#core/calendar/day.ts';
import { endOfDayOn } from '#core/calendar/time.ts';
import { listQueryOf, selectDirectives } from '#core/directive-list.ts';
import { ConflictError, NotFoundError, ValidationError } from '#core/errors.ts';
import { dashboardQueryOf } from '#core/roster.ts';
import { langCookie, noticesMessages } from '#web/i18n/index.ts';
import { officialsClient } from '#web/officials/client.ts';
import { DirectivePage, DirectivesListPage } from '#web/officials/directive-pages.tsx';
import { SettingsPage } from '#web/officials/settings-page.tsx';
import { backTo, saidOf } from './dashboard-notices.ts';
import { DIRECTORY_FILE_BYTES, directoryRoutes } from './directory-routes.tsx';
import { download } from './download.ts';
import { officialPageHandler, type PageContext, type PageRoute } from './official-page-chain.ts';
import { officialPage } from './pages.tsx';
import { printRoutes } from './print-routes.tsx';
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

/** The newest directives the list searches: an office's several years of them. */
const LIST_READ = 2_000;

const actionForm = z.object({
  action: z.enum(['resend', 'reassign', 'grant', 'refuse', 'cancel-assignment', 'cancel-directive']),
  recipientId: z.optional(z.string()),
  taskCode: z.optional(z.string()),
  until: z.optional(dayField('until')),
  email: z.optional(emailField('newEmail')),
  name: z.optional(z.string().check(z.trim(), z.maxLength(300))),
  fromEmail: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254))),
  /** The dashboard's view the official acted from (its query string): the answer brings them back to it. */
  back: z.optional(z.string().check(z.maxLength(1000))),
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
  return redirect(backTo(id, parsed.data, until));
};

const routes: Record<OfficialPageRoute, Route> = {
  [OFFICIAL_PAGES.home]: async () => redirect(pathTo(OFFICIAL_PAGES.list)),
  [OFFICIAL_PAGES.list]: async (c) => {
    const query = listQueryOf(c.event.queryStringParameters);
    const all = await listDirectives(c.official, undefined, LIST_READ);
    const { page, total } = selectDirectives(all, query);
    const issuers = [...new Set(all.map((d) => d.issuer))].sort((x, y) => x.localeCompare(y, 'vi'));
    return show(
      c,
      200,
      <DirectivesListPage lang={c.lang} official={c.official} directives={page} view={{ query, total, issuers }} />,
    );
  },
  [OFFICIAL_PAGES.dashboard]: async (c) => {
    const id = c.event.pathParameters?.id ?? '';
    const params = c.event.queryStringParameters ?? {};
    const query = dashboardQueryOf(params);
    const now = new Date().toISOString();
    const { directive, assignments, submissions, forwarded, ...view } = await dashboardOf(id, query, now);
    const said = await saidOf(c, id, params, assignments);
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
        view={{ query, ...view }}
        now={now}
        {...said}
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
  ...directoryRoutes,
  ...printRoutes,
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
