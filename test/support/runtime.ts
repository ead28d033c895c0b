import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { inject } from 'vitest';
import type { assignmentView, directiveSummary } from '#app/views.ts';
import type { EventType, HistoryEvent } from '#core/assignment/model.ts';
import { freePort, launchRuntime } from '../../local/launch.ts';

/**
 * Starts the local runtime exactly as the README tells people to (`npm start -- --port P --data-dir D
 * --virtual-clock`) in its own process group, and drives its HTTP interface. Nothing is mocked: the tests that use
 * it see what a user of `npm start` sees.
 */

export const API_TOKEN = 'e2e-official-token';
const READY_WITHIN_MS = 110_000;

// ---------------------------------------------------------------------------------------------------------------
// The JSON shapes of the HTTP interface (functions/app/views.ts), as they come over the wire

export type AssignmentView = ReturnType<typeof assignmentView>;
export type ReportView = AssignmentView['reports'][number];
export type AssignmentDetail = AssignmentView & { history: HistoryEvent[] };
export type DirectiveView = ReturnType<typeof directiveSummary> & {
  tasks: { code: string; text: string; assignees: string[]; deadline?: string; reportRequired: boolean }[];
  acknowledgeWithin: string;
  remindBefore: string[];
  leadership: { name: string; title: string; email: string; phone?: string }[];
  assignments: AssignmentView[];
};
export type Mail = { id: string; to: string[]; subject: string; text: string; html: string; sentAt: string };
export type MachineView = { name: string; arn: string; definition: Record<string, unknown> };
export type Answer<T = unknown> = { status: number; json: T; text: string; headers: Headers };
export type Stats = { running: number; parked: number; openTasks: number; inFlight: number };
/** One execution of the local engine, as `GET /_local/executions` shows it. */
export type ExecutionView = {
  arn: string;
  name: string;
  stateMachineArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  startDate: string;
  stopDate?: string;
  /** The top-level state it is in; null once it has ended. */
  state: string | null;
  /** How many states it has entered so far. */
  transitions: number;
};
export type { EventType, HistoryEvent };

// ---------------------------------------------------------------------------------------------------------------
// Processes

export { freePort };

export type Runtime = Awaited<ReturnType<typeof startRuntime>>;

/**
 * Where a new runtime's virtual clock starts: 09:00 on a working Wednesday in Hà Nội, so reminders (which wait
 * for working hours) land where the tests expect them whatever the time of day the suite runs.
 */
export const WORKING_MORNING = '2026-03-04T09:00:00+07:00';

export async function startRuntime(
  options: {
    dataDir?: string;
    port?: number;
    startAt?: string;
    host?: string;
    readyWhen?: (output: string) => boolean;
    /** More environment for the runtime (and so its functions), e.g. `RENEW_AFTER_DAYS`. */
    env?: Record<string, string>;
    /**
     * Synthesize the app at start, as `npm start` does for its users, instead of reading the template the global
     * setup synthesized once for the run (test/global-setup.ts): for a test about that synthesis itself.
     */
    synthesize?: boolean;
    /** Hold the executions of machines whose name has this fragment until `POST /_local/executions/release`. */
    sfnHoldRuns?: string;
  } = {},
) {
  const port = options.port ?? (await freePort());
  // An empty LOCAL_ENV.template (`--template`'s variable) means "synthesize".
  const template = options.synthesize ? '' : inject('templateFile');
  const runtime = await launchRuntime({
    port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.readyWhen ? { readyWhen: options.readyWhen } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.sfnHoldRuns ? { sfnHoldRuns: options.sfnHoldRuns } : {}),
    tempPrefix: 'chidao-e2e-',
    virtualClock: { startAt: options.startAt ?? WORKING_MORNING },
    env: {
      [LOCAL_ENV.apiToken]: API_TOKEN,
      [LOCAL_ENV.publicBaseUrl]: `http://127.0.0.1:${port}`,
      CI: 'true',
      [LOCAL_ENV.template]: template,
      ...options.env,
    },
    readyWithinMs: READY_WITHIN_MS,
  });
  const { base, dataDir, log } = runtime;
  const pid = runtime.group;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => runtime.stop(signal);

  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const r = await fetch(base + path, {
      method,
      redirect: 'manual',
      headers: {
        authorization: `Bearer ${API_TOKEN}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: r.status, json: json as T, text, headers: r.headers };
  };

  /** The JSON of a call that must answer 200; anything else fails with the answer and the runtime's log. */
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await call<T>(method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path} → ${r.status} ${r.text.slice(0, 500)}\n${log(1500)}`);
    return r.json;
  };

  const outbox = () => ok<Mail[]>('GET', '/_local/outbox');
  const moveClock = (request: { advance: string } | { to: string }) =>
    ok<{ now: string; fired: number }>('POST', '/_local/clock', request);

  return {
    base,
    port,
    dataDir,
    pid,
    /** The runtime's stdout and stderr so far (the tail), for failure messages. */
    log,
    call,
    /** Creates and issues a directive; must answer 201. */
    issue: async (body: unknown, headers: Record<string, string> = {}) => {
      const r = await call<{ id: string }>('POST', '/api/directives', body, headers);
      if (r.status !== 201 || !r.json?.id)
        throw new Error(`POST /api/directives → ${r.status} ${r.text.slice(0, 800)}\n${log(1500)}`);
      return r.json;
    },
    directive: (id: string) => ok<DirectiveView>('GET', `/api/directives/${encodeURIComponent(id)}`),
    assignment: (id: string, recipientId: string) =>
      ok<AssignmentDetail>(
        'GET',
        `/api/directives/${encodeURIComponent(id)}/assignments/${encodeURIComponent(recipientId)}`,
      ),
    outbox,
    mailsTo: async (address: string) => mailsTo(await outbox(), address),
    /** Moves the virtual clock by an ISO duration; returns once every timer that fell due has run. */
    advance: (duration: string) => moveClock({ advance: duration }),
    /** Moves the virtual clock to an instant; returns once every timer that fell due has run. */
    advanceTo: (instant: string | number | Date) => moveClock({ to: new Date(instant).toISOString() }),
    /** Returns once the engine is quiet: every execution waits for a human or a timer, no handler runs. */
    settle: () => moveClock({ advance: 'PT0S' }),
    clock: async () => (await ok<{ now: string; virtual: boolean }>('GET', '/_local/clock')).now,
    stateMachines: () => ok<MachineView[]>('GET', '/_local/state-machines'),
    stats: () => ok<Stats>('GET', '/_local/stats'),
    /** A GET or HEAD as a browser or a mail scanner sends it: no credentials, no redirects followed. */
    open: async (path: string, method: 'GET' | 'HEAD' = 'GET') => {
      const r = await fetch(base + path, { method, redirect: 'manual' });
      return { status: r.status, text: await r.text(), headers: r.headers };
    },
    /** A form POST as the recipient's browser sends it. */
    form: async (path: string, fields: Record<string, string> = {}) => {
      const r = await fetch(base + path, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      return { status: r.status, text: await r.text(), headers: r.headers };
    },
    /** The engine's executions whose name starts with `prefix` (an assignment's: `<directiveId>-<recipientId>`). */
    executions: (prefix: string) =>
      ok<ExecutionView[]>('GET', `/_local/executions?prefix=${encodeURIComponent(prefix)}`),
    /** A signed-in official's GET of a file: the raw bytes (a binary body would not survive `call`'s text). */
    download: async (path: string) => {
      const r = await fetch(base + path, { redirect: 'manual', headers: { authorization: `Bearer ${API_TOKEN}` } });
      return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
    },
    /** Kills the runtime's whole process group and waits until it is gone. */
    stop,
    kill: () => stop('SIGKILL'),
    /** Stops the runtime and removes its data folder if this call created it. */
    dispose: async () => {
      await stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Raw HTTP

export type RawRequest = { method: string; target: string; headers?: [string, string][]; body?: Buffer | string };
export type RawAnswer = { status: number; head: string; body: string };

const dechunk = (chunked: string) => {
  let out = '';
  let at = 0;
  for (;;) {
    const line = chunked.indexOf('\r\n', at);
    const size = line < 0 ? 0 : Number.parseInt(chunked.slice(at, line), 16);
    if (!size) return out;
    out += chunked.slice(line + 2, line + 2 + size);
    at = line + 2 + size + 2;
  }
};

/**
 * One request exactly as given, on a connection of its own (`Connection: close`): the method, target and headers
 * that fetch and `http.request` refuse or rewrite (`..`, bad escapes, `__proto__`, unknown methods, raw bytes).
 * `status` is 0 when the server closed without an answer.
 */
export const rawRequest = (base: string, request: RawRequest, timeoutMs = 30_000) =>
  new Promise<RawAnswer>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : (request.body ?? Buffer.alloc(0));
    const headers = [...(request.headers ?? [])];
    const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
    if (!has('host')) headers.unshift(['Host', `${hostname}:${port}`]);
    if (body.length && !has('content-length') && !has('transfer-encoding'))
      headers.push(['Content-Length', String(body.length)]);
    headers.push(['Connection', 'close']);
    const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const chunks: Buffer[] = [];
    let failure: Error | undefined;
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e) => {
      failure = e;
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      // A reset after the answer (the server stopped reading a refused body) still leaves the answer.
      if (!text && failure) return reject(failure);
      const end = text.indexOf('\r\n\r\n');
      const head = end < 0 ? text : text.slice(0, end);
      let body = end < 0 ? '' : text.slice(end + 4);
      if (/^transfer-encoding:\s*chunked/im.test(head)) body = dechunk(body);
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0),
        head,
        body: Buffer.from(body, 'latin1').toString('utf8'),
      });
    });
    socket.write(Buffer.concat([Buffer.from(head, 'utf8'), body]));
  });

// ---------------------------------------------------------------------------------------------------------------
// Mail

export type RecipientLink = { url: string; path: string; token: string };

/** Every `/r/{token}` link of an email, HTML and text parts. */
export const linksOf = (mail: Mail): RecipientLink[] =>
  [...`${mail.html} ${mail.text}`.matchAll(/https?:\/\/[^\s"'<>()]*?\/r\/([A-Za-z0-9_\-.~%]+)/g)].map((m) => {
    const url = m[0].replace(/\.$/, '');
    const token = (m[1] ?? '').replace(/\.$/, '');
    return { url, path: `/r/${token}`, token };
  });

/** The one recipient link of an email: every link in it must name the same token. */
export const linkOf = (mail: Mail): RecipientLink => {
  const links = linksOf(mail);
  const first = links[0];
  if (!first) throw new Error(`No /r/ link in the email "${mail.subject}" to ${mail.to.join(', ')}`);
  const tokens = new Set(links.map((l) => l.token));
  if (tokens.size !== 1) throw new Error(`The email "${mail.subject}" carries ${tokens.size} different links`);
  return first;
};

export const mailsTo = (mails: Mail[], address: string) =>
  mails.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()));

/** Everything a reader sees of an email. */
export const mailText = (mail: Mail) => `${mail.subject}\n${mail.text}\n${mail.html}`;

/** The title of the notice at the top of a recipient page answer (the first message box). */
export const noticeOf = (html: string) =>
  /<section class="message [a-z]+"[^>]*>\s*<h[12]>([^<]*)<\/h[12]>/.exec(html)?.[1]?.trim();

/**
 * The report slot keys a recipient page offers (the hidden `taskCode` of each report form): the task code, or
 * `code#YYYY-MM-DD` for a period of a periodic report.
 */
export const reportSlotKeysOf = (html: string) =>
  [...html.matchAll(/<form[^>]*action="[^"]*\/report"[^>]*>[\s\S]*?<\/form>/g)].map(
    (form) => /<input[^>]*name="taskCode"[^>]*value="([^"]*)"/.exec(form[0])?.[1] ?? '',
  );

/** The paths the forms of a recipient page post to (`/r/{token}/acknowledge`, `/report`, `/extension`). */
export const formActionsOf = (html: string) => [...html.matchAll(/<form[^>]*action="([^"]*)"/g)].map((m) => m[1] ?? '');

export const CONFIRMED = 'Đã báo nhận công văn';
export const ALREADY_DONE = 'Đã thực hiện trước đó';

// ---------------------------------------------------------------------------------------------------------------
// Time

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const iso = (instant: string | number, plusMs = 0) =>
  new Date((typeof instant === 'number' ? instant : Date.parse(instant)) + plusMs).toISOString();
/** A wall time in Hà Nội (`2026-03-06T17:00`) as a UTC ISO instant with milliseconds, the way instants are stored. */
export const hanoi = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local}+07:00`).toISOString();
/** The same second: the workflow's timers are set in whole seconds. */
export const toSecond = (instant: string) => new Date(instant).toISOString().slice(0, 19);

// ---------------------------------------------------------------------------------------------------------------
// Data: what these tests issue (./gia-lai-126.ts)

export {
  GIA_LAI_RECIPIENTS,
  GIAM_DOC,
  giaLaiDirective,
  PHO_GIAM_DOC,
  type Recipient,
  recipients,
  reportFields,
  taskCodeOf,
} from './gia-lai-126.ts';

import { LOCAL_ENV } from '../../local/environment.ts';
