import { randomUUID } from 'node:crypto';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { parse as parseCsv } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import qs from 'qs';
import { z } from 'zod';
import { getAttachment } from '#adapters/attachments.ts';
import { observe } from '#adapters/observability.ts';
import { assignmentPage, getAssignment } from '#adapters/store/assignments.ts';
import { directivesOf, getDirective, listIssuers } from '#adapters/store/directives.ts';
import { deleteAgency, listAgencies, saveAgencies } from '#adapters/store/directory.ts';
import { submissionsByIds, submissionsShownWith } from '#adapters/store/submissions.ts';
import * as actions from '#app/actions.ts';
import type { OfficialPageRoute } from '#contracts/routes.ts';
import { type Agency, agencySchema, splitGroups } from '#core/agency.ts';
import { slotOf } from '#core/assignment/model.ts';
import { endOfDayOn, ZONE } from '#core/calendar/time.ts';
import { directiveInputSchema } from '#core/directive.ts';
import { ConflictError, NotFoundError, ValidationError } from '#core/errors.ts';
import { tryParseDirective } from '#parsing/index.ts';
import { type Lang, langCookie, langOf, messages } from '#web/i18n.ts';
import { officialsClient } from '#web/officials/client.ts';
import { DirectiveFormPage, type FieldErrors, type PasteState } from '#web/officials/directive-form.tsx';
import {
  blankForm,
  emptyLeader,
  emptyTask,
  type FormValues,
  fieldOf,
  readForm,
  toDirectiveInput,
} from '#web/officials/directive-form-input.ts';
import { DirectivePage, DirectivesListPage } from '#web/officials/directive-pages.tsx';
import { DirectoryPage } from '#web/officials/directory-page.tsx';
import { draftToForm } from '#web/officials/draft-to-form.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { csrfProtection } from '../middleware/csrf.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { OfficialEvent } from '../middleware/events.ts';
import { multipartBody } from '../middleware/multipart.ts';
import type { Official } from '../middleware/official.ts';
import { officialErrorPage } from '../middleware/official-error-page.tsx';
import { requireSession } from '../middleware/session.ts';
import { download } from './download.ts';
import { officialPage } from './pages.tsx';
import { type HttpResult, redirect } from './responses.ts';

type Context = { event: OfficialEvent; official: Official; lang: Lang; form: Record<string, unknown> };
type Route = (c: Context) => Promise<HttpResult>;

/** Pages carry the language cookie when `?lang=` chose one, and their forms the request's CSRF token. */
const show = (c: Context, status: number, node: preact.VNode) =>
  officialPage(c.event, status, node, langCookie(c.event));

/**
 * The function's own source, run in the page. Under tsx (the local runtime) esbuild wraps named functions in
 * `__name(…)`, which only exists in Node: the page gets a stand-in.
 */
export const CLIENT_SCRIPT = `(()=>{const __name=(f)=>f;(${officialsClient.toString()})();})();`;

/** Urlencoded forms, nested the way the form names them (`tasks[0][assignees][]`). */
const formBody = (): MiddlewareObj<OfficialEvent> => ({
  before: async ({ event }) => {
    if (!/^application\/x-www-form-urlencoded/i.test(event.headers?.['content-type'] ?? '')) return;
    const raw = typeof event.body === 'string' ? event.body : '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    event.body = qs.parse(text, { arrayLimit: 10_000, parameterLimit: 50_000, depth: 5 });
  },
});

/** The directory's CSV: a province's agencies fit in far less. */
const DIRECTORY_FILE_BYTES = 2 * 1024 * 1024;

/** Rows of the dashboard's matrix per page, with their histories for the timeline. */
const DASHBOARD_PAGE = 200;

const today = () => DateTime.now().setZone(ZONE).toISODate() ?? '';

const renderForm = async (
  c: Context,
  status: number,
  values: FormValues,
  errors: FieldErrors = {},
  paste: PasteState = { text: '' },
) =>
  show(
    c,
    status,
    <DirectiveFormPage
      lang={c.lang}
      official={c.official}
      values={values}
      errors={errors}
      directory={await listAgencies()}
      paste={paste}
    />,
  );

/** "Dán văn bản": the pasted công văn fills the form, with what to check; nothing is issued from it. */
const fillFromText = async (c: Context, values: FormValues) => {
  const text = typeof c.form.pasteText === 'string' ? c.form.pasteText : '';
  const outcome = tryParseDirective(text);
  if (!outcome.ok) return renderForm(c, 400, values, { pasteText: outcome.issues[0].message }, { text });
  const { draft, warnings, unparsed } = outcome.result;
  const { values: filled, missing } = draftToForm(draft, await listAgencies(), values.idempotencyKey, today());
  return renderForm(c, 200, filled, {}, { text, warnings, unparsed, missing });
};

/** Add, remove or move a row without losing anything typed: the form works without script. */
const applyRowOp = (values: FormValues, op: string): FormValues | undefined => {
  const tasks = [...values.tasks];
  const [, verb, index] = /^(add-task|add-leader|remove-task|move-up|move-down)(?:-(\d+))?$/.exec(op) ?? [];
  const i = Number(index);
  switch (verb) {
    case 'add-task':
      return { ...values, tasks: [...tasks, emptyTask(String(tasks.length + 1))] };
    case 'add-leader':
      return { ...values, leadership: [...values.leadership, emptyLeader()] };
    case 'remove-task':
      tasks.splice(i, 1);
      return { ...values, tasks };
    case 'move-up':
    case 'move-down': {
      const j = verb === 'move-up' ? i - 1 : i + 1;
      const [a, b] = [tasks[i], tasks[j]];
      if (!a || !b) return values;
      tasks[i] = b;
      tasks[j] = a;
      return { ...values, tasks };
    }
    default:
      return undefined;
  }
};

const submitDirective: Route = async (c) => {
  const values = readForm(c.form);
  const op = typeof c.form.op === 'string' ? c.form.op : 'issue';
  if (op === 'parse') return fillFromText(c, values);
  const changed = applyRowOp(values, op);
  if (changed) return renderForm(c, 200, changed);
  const parsed = directiveInputSchema.safeParse(toDirectiveInput(values, await listAgencies()));
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[fieldOf(issue.path.map(String).join('.'))] ??= issue.message;
    return renderForm(c, 400, values, errors);
  }
  try {
    const { directive } = await actions.issueDirective(parsed.data, values.idempotencyKey);
    return redirect(`/directives/${directive.id}`);
  } catch (error) {
    if (error instanceof ConflictError) return renderForm(c, 409, values, { number: error.message });
    // Deadlines judged against the time of issuing (already past, too far ahead) come back on their fields.
    if (error instanceof ValidationError) {
      const errors: FieldErrors = {};
      for (const issue of error.issues) errors[fieldOf(issue.path)] ??= issue.message;
      return renderForm(c, 400, values, errors);
    }
    throw error;
  }
};

const actionForm = z.object({
  action: z.enum(['resend', 'grant', 'refuse', 'cancel-assignment', 'cancel-directive']),
  recipientId: z.string().optional(),
  taskCode: z.string().optional(),
  until: z.iso.date({ error: 'Đến ngày: cần ngày hợp lệ' }).optional(),
});

const directiveAction: Route = async (c) => {
  const id = c.event.pathParameters?.id ?? '';
  const parsed = actionForm.safeParse(c.form);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { action, recipientId = '', taskCode = '', until } = parsed.data;
  if (action === 'cancel-directive') await actions.cancelDirective(id, c.official);
  else if (action === 'cancel-assignment') await actions.cancelAssignment(id, recipientId, c.official);
  else if (action === 'resend') await actions.resendLink(id, recipientId, c.official);
  else if (action === 'refuse')
    await actions.refuseExtension(id, recipientId, c.official, undefined, taskCode || undefined);
  else {
    if (!until) throw new ValidationError([{ path: 'until', message: 'Đến ngày: bắt buộc chọn' }]);
    await actions.grantExtension(id, recipientId, { taskCode, until: endOfDayOn(until) }, c.official);
  }
  return redirect(`/directives/${id}?done=${action}`);
};

const agencyForm = (body: Record<string, unknown>) => ({ ...body, groups: splitGroups(body.groups) });
const agencyErrors = (error: z.ZodError) =>
  Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? 'id'), i.message]));

const saveDirectoryEntry: Route = async (c) => {
  const agencies = await listAgencies();
  if (c.form.action === 'delete') {
    await deleteAgency(String(c.form.id ?? ''));
    return redirect('/directory?removed=1');
  }
  const parsed = agencySchema.safeParse(agencyForm(c.form));
  if (!parsed.success) {
    const editing = Object.fromEntries(Object.entries(c.form).map(([k, v]) => [k, String(v ?? '')]));
    return show(
      c,
      400,
      <DirectoryPage
        lang={c.lang}
        official={c.official}
        agencies={agencies}
        errors={agencyErrors(parsed.error)}
        editing={editing}
      />,
    );
  }
  await saveAgencies([parsed.data]);
  return redirect('/directory?saved=1');
};

/** A CSV with a header row; every row is checked before any is saved, so a bad file changes nothing. */
const importDirectory: Route = async (c) => {
  const file = c.form.file as { content?: Buffer; truncated?: boolean } | undefined;
  if (file?.truncated) throw new ValidationError([{ path: 'file', message: 'Tệp CSV: tối đa 2 MB' }]);
  const text = Buffer.isBuffer(file?.content) ? file.content.toString('utf8') : '';
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    throw new ValidationError([{ path: 'file', message: `Tệp CSV không đọc được: ${(error as Error).message}` }]);
  }
  const agencies: Agency[] = [];
  const problems: { path: string; message: string }[] = [];
  rows.forEach((row, i) => {
    const parsed = agencySchema.safeParse(agencyForm(row));
    if (parsed.success) agencies.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({ path: `file`, message: `Dòng ${i + 2}: ${issue.message}` });
  });
  if (rows.length === 0) problems.push({ path: 'file', message: 'Tệp CSV không có dòng dữ liệu nào' });
  if (problems.length) throw new ValidationError(problems);
  await saveAgencies(agencies);
  return redirect(`/directory?imported=${agencies.length}`);
};

const routes: Record<OfficialPageRoute, Route> = {
  'GET /': async () => redirect('/directives'),
  'GET /directives': async (c) => {
    const lists = await Promise.all((await listIssuers()).map((i) => directivesOf(i)));
    const directives = lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return show(c, 200, <DirectivesListPage lang={c.lang} official={c.official} directives={directives} />);
  },
  'GET /directives/new': async (c) => renderForm(c, 200, blankForm(randomUUID(), today())),
  'POST /directives/new': submitDirective,
  'GET /directives/{id}': async (c) => {
    const id = c.event.pathParameters?.id ?? '';
    const directive = await getDirective(id);
    const cursor = c.event.queryStringParameters?.cursor;
    const { items: assignments, next } = await assignmentPage(id, {
      limit: DASHBOARD_PAGE,
      after: cursor,
      withHistory: true,
    });
    // One page holds them all: by name. Otherwise pages follow the agencies' ids, so that they do not overlap.
    if (!cursor && !next) assignments.sort((x, y) => x.recipientName.localeCompare(y.recipientName, 'vi'));
    const done = c.event.queryStringParameters?.done;
    const submissions = await submissionsShownWith(id, assignments);
    return show(
      c,
      200,
      <DirectivePage
        lang={c.lang}
        official={c.official}
        directive={directive}
        assignments={assignments}
        submissions={submissions}
        page={{ ...(cursor ? { cursor } : {}), ...(next ? { next } : {}) }}
        now={new Date().toISOString()}
        {...(done ? { notice: messages(c.lang).directive.done } : {})}
      />,
    );
  },
  'POST /directives/{id}/actions': directiveAction,
  'GET /directives/{id}/files/{recipientId}/{taskCode}': async (c) => {
    const { id = '', recipientId = '', taskCode = '' } = c.event.pathParameters ?? {};
    const reportId = slotOf(await getAssignment(id, recipientId), taskCode)?.reportId;
    const attachment = reportId
      ? (await submissionsByIds(id, [{ recipientId, id: reportId }])).get(reportId)?.attachment
      : undefined;
    if (!attachment) throw new NotFoundError('Không có tệp đính kèm.');
    const file = await getAttachment(attachment.key);
    return download(file.body, file.contentType, file.name);
  },
  'GET /directory': async (c) => {
    const agencies = await listAgencies();
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
  'POST /directory': saveDirectoryEntry,
  'POST /directory/import': importDirectory,
  'GET /assets/{name}': async () => {
    throw new NotFoundError('');
  },
};

const PUBLIC: readonly string[] = ['GET /assets/{name}'];

/**
 * Body first limited, then parsed (urlencoded forms, or the directory's CSV upload: one file of at most 2 MB),
 * then every POST checked for its origin and CSRF token, before the session is looked at.
 */
export const handler = middy<OfficialEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(formBody())
  .use(multipartBody({ files: 1, fileSize: DIRECTORY_FILE_BYTES, fields: 10 }))
  .use(csrfProtection())
  .use(errorsToResponses(officialErrorPage))
  .handler(async (event) => {
    const routeKey = event.routeKey as OfficialPageRoute;
    if (routeKey === 'GET /assets/{name}') {
      if (event.pathParameters?.name !== 'officials.js') throw new NotFoundError('');
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'max-age=300' },
        body: CLIENT_SCRIPT,
      };
    }
    const route = routes[routeKey];
    if (!route || PUBLIC.includes(routeKey)) throw new NotFoundError('');
    const official = await requireSession(event);
    const form = event.body && typeof event.body === 'object' ? (event.body as Record<string, unknown>) : {};
    return route({ event, official, lang: langOf(event), form });
  });
