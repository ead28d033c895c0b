import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTemplate, type Template } from '../../local/cloud-assembly.ts';
import { fuzzRequest, knownCases, LOCAL_ROUTES, real, type Sent, UNKNOWN_ROUTES } from '../support/fuzz-requests.ts';
import {
  GIA_LAI_RECIPIENTS,
  giaLaiDirective,
  linkOf,
  type RawAnswer,
  type RawRequest,
  type Runtime,
  rawRequest,
  startRuntime,
} from '../support/runtime.ts';

/**
 * 2,000 generated requests (fast-check, fixed seed) across every route of the real runtime: the template's routes,
 * the runtime's own and unknown paths; bodies of every content type, broken multipart among them; odd paths,
 * escapes, headers and keys; with and without the officials' token, session and a recipient's valid link. Not one
 * may answer 5xx, and the runtime must still answer at the end. A failure names the request, shrunk, with the
 * runtime's log. `FUZZ_SURVEY=1` runs every request and lists each distinct failure instead of stopping at one.
 */

const TEMPLATE_ROUTES = readTemplate(JSON.parse(inject('template')) as Template, {
  publicBaseUrl: 'http://localhost',
}).routes.map((r) => r.routeKey);

const SEED = 20_261_130;
const BATCH = 10; // requests sent at once, one property run
const RUNS = 200;
const SURVEY = process.env.FUZZ_SURVEY === '1';

let runtime: Runtime;

beforeAll(async () => {
  runtime = await startRuntime();
  const now = await runtime.clock();
  // One directive whose link the fuzz uses, another for the officials' routes (they may cancel or re-send it).
  const [first, second] = [GIA_LAI_RECIPIENTS.slice(0, 2), GIA_LAI_RECIPIENTS.slice(2, 4)];
  await runtime.issue(giaLaiDirective({ now, recipients: first, number: '1/FUZZ-A' }));
  const other = await runtime.issue(giaLaiDirective({ now, recipients: second, number: '2/FUZZ-B' }));
  await runtime.settle();
  const mail = (await runtime.mailsTo(first[0]?.email ?? ''))[0];
  if (!mail) throw new Error(`no invitation to ${first[0]?.email}\n${runtime.log()}`);
  const detail = await runtime.directive(other.id);
  Object.assign(real, {
    base: runtime.base,
    token: linkOf(mail).token,
    id: other.id,
    recipientId: second[0]?.id ?? '',
    taskCode: detail.tasks[0]?.code ?? '1.3',
    mailId: mail.id,
    session: await signIn(),
  });
});

afterAll(async () => {
  await runtime?.dispose();
});

/** An official's session cookie through the sign-in form, as a browser gets it; empty if that fails. */
const signIn = async () => {
  const [official] = JSON.parse(readFileSync(`${runtime.dataDir}/officials.json`, 'utf8')) as {
    email: string;
    password: string;
  }[];
  const form = await fetch(`${runtime.base}/sign-in`);
  const hidden = [...(await form.text()).matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)];
  const cookies = form.headers.getSetCookie().map((c) => c.split(';')[0]);
  const r = await fetch(`${runtime.base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: runtime.base, 'sec-fetch-site': 'same-origin', cookie: cookies.join('; ') },
    body: new URLSearchParams([
      ...hidden.map((m) => [m[1] ?? '', m[2] ?? ''] as [string, string]),
      ['email', official?.email ?? ''],
      ['password', official?.password ?? ''],
    ]),
  });
  return [...cookies, ...r.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
};

// ---------------------------------------------------------------------------------------------------------------
// Sending and judging

type Failure = { route: string; request: string; answer: string; log: string };

const describeRequest = ({ method, target, headers = [], body }: RawRequest) =>
  [`${method} ${target.slice(0, 400)}`, ...headers.map(([k, v]) => `${k}: ${v.slice(0, 200)}`)]
    .concat(body ? [`(body) ${JSON.stringify(Buffer.from(body).subarray(0, 600).toString('latin1'))}`] : [])
    .join('\n');

let down = false;
/** The batch during which the runtime went down (sent at once: the log says which request did it). */
let crashed: Failure[] | undefined;
let lastFailures: Failure[] = [];
const survey = new Map<string, Failure>();
let sent = 0;

/** What the runtime logged about a route (its last error lines), or the end of its log when it went down. */
const logOf = (route: string, down: boolean) => {
  const lines = runtime.log(50_000).split('\n');
  if (down) return lines.slice(-25).join('\n');
  const [method = '', path = ''] = route.split(' ');
  const about = lines.filter(
    (l) => l.includes(`"${route}"`) || (l.includes(method) && l.includes(path.split('{')[0] ?? '')),
  );
  return (about.length ? about.slice(-2) : lines.slice(-10)).map((l) => l.slice(0, 2_500)).join('\n');
};

const alive = async () => (await rawRequest(runtime.base, { method: 'GET', target: '/_local/clock' }, 5_000)).status;

const check = async (request: Sent): Promise<Failure | undefined> => {
  let answer: RawAnswer | undefined;
  let error: unknown;
  try {
    answer = await rawRequest(runtime.base, request, 40_000);
  } catch (e) {
    error = e;
  }
  if (answer && answer.status >= 100 && answer.status < 500) return undefined;
  const up = await alive().catch(() => 0);
  const failure = {
    route: request.route,
    request: describeRequest(request),
    answer: answer ? `${answer.status} ${answer.body.slice(0, 300)}` : `no answer: ${String(error)}`,
    log: logOf(request.route, up !== 200),
  };
  if (up !== 200) down = true;
  return failure;
};

describe('fuzz', () => {
  it(`${RUNS * BATCH} generated requests across every route: no 5xx, and the runtime still answers`, async () => {
    const property = fc.asyncProperty(
      fc.array(fuzzRequest([...TEMPLATE_ROUTES, ...LOCAL_ROUTES, ...UNKNOWN_ROUTES]), {
        minLength: BATCH,
        maxLength: BATCH,
      }),
      async (requests) => {
        if (down) throw new Error('the runtime is down');
        sent += requests.length;
        const failures = (await Promise.all(requests.map(check))).filter((f): f is Failure => f !== undefined);
        if (down) crashed ??= failures;
        if (SURVEY) {
          for (const f of failures) {
            const cause = /"error":"([^"]{0,80})|(did not answer|cannot be sent)/.exec(f.log)?.slice(1).join('');
            const key = `${f.route} → ${f.answer.slice(0, 3)} ${cause}`;
            if (!survey.has(key)) survey.set(key, f);
          }
          return !crashed;
        }
        if (failures.length) lastFailures = failures;
        return failures.length === 0;
      },
    );
    const started = performance.now();
    // Shrinking re-sends whole batches; past the time limit the smallest failure found so far is reported.
    const result = await fc.check(property, {
      seed: SEED,
      numRuns: RUNS + 1, // the known cases count as one run
      endOnFailure: SURVEY,
      examples: [[knownCases()]],
      interruptAfterTimeLimit: 150_000,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const show = (f: Failure) => `${f.route}\n${f.request}\n→ ${f.answer}\n--- runtime log ---\n${f.log}`;
    if (crashed)
      throw new Error(
        `The runtime went down during these requests, sent at once (unshrunk; its log says which):\n\n` +
          `${crashed.map((f) => `${f.route}\n${f.request}\n→ ${f.answer}`).join('\n\n')}\n\n--- runtime log ---\n` +
          `${crashed[0]?.log}`,
      );
    if (SURVEY && survey.size)
      throw new Error(`${survey.size} distinct failures:\n\n${[...survey.values()].map(show).join('\n\n')}`);
    if (result.failed)
      throw new Error(
        `${lastFailures.length} request(s) answered 5xx (shrunk, after ${result.numRuns} runs, seed ${SEED}):\n\n` +
          lastFailures.map(show).join('\n\n'),
      );
    expect(sent, `requests sent in ${seconds} s (${result.numRuns} runs)`).toBeGreaterThanOrEqual(2_000 + BATCH);
    expect(await alive()).toBe(200);
  }, 240_000);
});
