import pMap from 'p-map';
import { OFFICIALS_API, pathTo } from '#contracts/routes.ts';
import { benchDirective, recipientsOf, reportSummary, TASK_CODE } from '../lib/directive.ts';
import { latencySummary, median, quantile, round, say } from '../lib/measure.ts';
import { phaseOf, type RequestCounts, type Runtime } from '../lib/runtime.ts';

/**
 * The cases that drive the real local runtime over HTTP, as a browser and a script would: issue a directive,
 * wait for the engine to be quiet, read the dashboard, act on every recipient's link.
 */

type Mail = { id: string; to: string[]; subject: string; text: string };
type AssignmentView = {
  recipientId: string;
  status: string;
  outcome: string | null;
  overdue: boolean;
  escalationLevel: number;
};
type DirectiveView = {
  id: string;
  number: string;
  recipientCount: number;
  assignments: AssignmentView[];
  nextCursor: string | null;
};

/** Every assignment of a directive, following the API's pages (1,000 at a time). */
const wholeDirective = async (rt: Runtime, id: string): Promise<DirectiveView> => {
  const first = await rt.ok<DirectiveView>('GET', pathTo(OFFICIALS_API.read, { id }, 'limit=1000'));
  let cursor = first.nextCursor;
  while (cursor) {
    const page = await rt.ok<DirectiveView>(
      'GET',
      pathTo(OFFICIALS_API.read, { id }, `limit=1000&cursor=${encodeURIComponent(cursor)}`),
    );
    first.assignments.push(...page.assignments);
    cursor = page.nextCursor;
  }
  return first;
};
type ExecutionView = {
  name: string;
  stateMachineArn: string;
  status: string;
  state: string | null;
  transitions: number;
};

const countBy = <T>(items: T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};

/** Per service, the requests of a phase: `{ "dynamodb:PutItem": 1000, … }` and the same per assignment. */
const requestsPer = (delta: RequestCounts, n: number) => {
  const byOp = Object.fromEntries(Object.entries(delta).map(([op, r]) => [op, r.count]));
  const perAssignment = Object.fromEntries(Object.entries(byOp).map(([op, c]) => [op, round(c / n, 3)]));
  return { byOp, perAssignment };
};

const DYNAMO_WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
const DYNAMO_READS = ['GetItem', 'Query', 'Scan', 'BatchGetItem'];
const sumOps = (delta: RequestCounts, service: string, ops: string[]) =>
  ops.reduce((s, op) => s + (delta[`${service}:${op}`]?.count ?? 0), 0);

/** Samples the runtime's resident memory every 200 ms from /proc (no load on the runtime itself). */
const rssSampler = (rt: Runtime) => {
  let peak = rt.memory()?.rssMiB ?? 0;
  const timer = setInterval(() => {
    const m = rt.memory();
    if (m && m.rssMiB > peak) peak = m.rssMiB;
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      const m = rt.memory();
      if (m && m.rssMiB > peak) peak = m.rssMiB;
      return peak;
    },
  };
};

/** Every invitation of a directive in the outbox, as the recipient's address → the path of their link. */
const invitationsOf = async (rt: Runtime, number: string) => {
  const r = await rt.call('GET', '/_local/outbox');
  if (r.status !== 200) throw new Error(`GET /_local/outbox → ${r.status}`);
  const mails = JSON.parse(r.text) as Mail[];
  const links = new Map<string, string>();
  for (const m of mails) {
    if (!m.subject.includes(number)) continue;
    const path = /\/r\/([A-Za-z0-9_\-~%]+\.[A-Za-z0-9_\-~%]+)/.exec(m.text)?.[0];
    for (const to of m.to) if (path && to.endsWith('@bench.example')) links.set(to, path);
  }
  return { links, outboxBytes: r.text.length, outboxMails: mails.length };
};

export type FanoutResult = Awaited<ReturnType<typeof fanout>>;

/**
 * Issues one directive to `n` recipients and waits until every assignment is DELIVERED and every invitation
 * is in the outbox. Timed: from the POST to the answer of `POST /_local/clock {"advance":"PT0S"}` (engine
 * quiet: every execution waits, no handler runs); then checked over HTTP.
 */
export const fanout = async (rt: Runtime, n: number, number: string, options: { profile?: boolean } = {}) => {
  const now = await rt.now();
  const body = benchDirective({ number, now, recipients: recipientsOf(n) });
  const before = await rt.probe();
  const cpu0 = rt.cpuSeconds();
  const rssBefore = rt.memory()?.rssMiB;
  const profiler = options.profile ? await rt.profile() : undefined;
  const sampler = rssSampler(rt);
  const t0 = performance.now();
  const created = await rt.api('POST', pathTo(OFFICIALS_API.issue), body);
  const createMs = performance.now() - t0;
  if (created.status !== 201)
    throw new Error(`${OFFICIALS_API.issue} → ${created.status} ${created.text.slice(0, 500)}`);
  const { id } = JSON.parse(created.text) as { id: string };
  await rt.settle();
  const totalMs = performance.now() - t0;
  const peakRssMiB = sampler.stop();
  const cpu = (rt.cpuSeconds() ?? Number.NaN) - (cpu0 ?? Number.NaN);
  const profile = await profiler?.stop();
  const phase = phaseOf(await rt.probe(), before, totalMs);
  const delta = phase.requests;

  // Checked after the clock stopped: the dashboard and the outbox, over HTTP.
  const directive = await wholeDirective(rt, id);
  const statuses = countBy(directive.assignments, (a) => a.status);
  const { links, outboxBytes } = await invitationsOf(rt, number);
  const delivered = statuses.DELIVERED ?? 0;
  if (delivered !== n || links.size !== n)
    throw new Error(`Fan-out of ${n}: ${delivered} DELIVERED (${JSON.stringify(statuses)}), ${links.size} invitations`);
  const writes = sumOps(delta, 'dynamodb', DYNAMO_WRITES);
  const reads = sumOps(delta, 'dynamodb', DYNAMO_READS);
  const result = {
    recipients: n,
    directiveId: id,
    createMs: Math.round(createMs),
    totalMs: Math.round(totalMs),
    assignmentsPerSecond: round(n / (totalMs / 1000)),
    delivered,
    invitations: links.size,
    outboxMiB: round(outboxBytes / 1024 / 1024, 1),
    rssBeforeMiB: rssBefore,
    peakRssMiB,
    peakRssSinceStartMiB: rt.memory()?.peakRssMiB,
    runtimeCpuSeconds: round(cpu, 1),
    /** CPU seconds of the runtime process per wall second: ~1 means its one JavaScript thread was saturated. */
    runtimeCpuUtilisation: round(cpu / (totalMs / 1000), 2),
    eventLoopUtilisation: phase.eventLoopUtilisation,
    gcMs: phase.gcMs,
    gcShareOfWall: phase.gcShareOfWall,
    heapUsedMiB: phase.heapUsedMiB,
    dynamodb: { writes, reads, writesPerAssignment: round(writes / n, 3), readsPerAssignment: round(reads / n, 3) },
    requests: requestsPer(delta, n),
    /** Time each kind of AWS request took, summed over all of them (they overlap: 32 handlers at a time). */
    requestMs: Object.fromEntries(Object.entries(delta).map(([op, r]) => [op, r.ms])),
    ...(profile ? { profile } : {}),
  };
  say(
    `fan-out ${n}${profile ? ' (profiled)' : ''}: ${result.totalMs} ms (create ${result.createMs} ms), peak RSS ${peakRssMiB} MiB, ` +
      `${result.dynamodb.writesPerAssignment} writes + ${result.dynamodb.readsPerAssignment} reads per assignment, ` +
      `GC ${Math.round(phase.gcShareOfWall * 100)}% of the time, heap ${phase.heapUsedMiB} MiB`,
  );
  return { result, links };
};

/**
 * `GET /api/directives/{id}` as the dashboard asks it (its first page of assignments): a warm-up, then `runs`
 * requests one after the other. Reading every page once more gives the cost of the whole directive beside it.
 */
export const dashboard = async (rt: Runtime, id: string, n: number, runs: number, when: string) => {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 2; i++) {
    const r = await rt.api('GET', pathTo(OFFICIALS_API.read, { id }));
    if (r.status !== 200) throw new Error(`${OFFICIALS_API.read} (${id}) → ${r.status}`);
    bytes = r.text.length;
    if (i === 0) {
      const count = (JSON.parse(r.text) as DirectiveView).assignments.length;
      if (count !== Math.min(n, 500)) throw new Error(`The dashboard's first page lists ${count} assignments`);
    }
    if (i >= 2) samples.push(r.ms);
  }
  const t0 = performance.now();
  const whole = await wholeDirective(rt, id);
  const allPagesMs = round(performance.now() - t0);
  if (whole.assignments.length !== n)
    throw new Error(`The pages list ${whole.assignments.length} assignments, not ${n}`);
  const result = {
    recipients: n,
    when,
    runs,
    medianMs: round(median(samples)),
    p95Ms: round(quantile(samples, 0.95)),
    maxMs: round(Math.max(...samples)),
    responseKiB: round(bytes / 1024),
    pageSize: Math.min(n, 500),
    allPagesMs,
  };
  say(
    `dashboard ${n} (${when}): first page median ${result.medianMs} ms, p95 ${result.p95Ms} ms, ${result.responseKiB} KiB; all pages ${allPagesMs} ms`,
  );
  return result;
};

/**
 * Every recipient opens their link, acknowledges and reports, 32 recipients at a time, as their browsers would
 * (GET the page, POST each form). Timed until every request is answered, then until the engine is quiet with
 * every assignment COMPLETED.
 */
export const lifecycle = async (
  rt: Runtime,
  id: string,
  links: Map<string, string>,
  options: { concurrency?: number; profile?: boolean } = {},
) => {
  const concurrency = options.concurrency ?? 32;
  const n = links.size;
  const latency: Record<'open' | 'acknowledge' | 'report', number[]> = { open: [], acknowledge: [], report: [] };
  const failures: string[] = [];
  const form = (path: string, fields: Record<string, string>) =>
    rt.call('POST', path, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  const before = await rt.probe();
  const cpu0 = rt.cpuSeconds();
  const profiler = options.profile ? await rt.profile() : undefined;
  const t0 = performance.now();
  await pMap(
    [...links.entries()],
    async ([email, path]) => {
      const recipient = email.split('@')[0] ?? email;
      const steps: ['open' | 'acknowledge' | 'report', () => ReturnType<Runtime['call']>][] = [
        ['open', () => rt.call('GET', path)],
        ['acknowledge', () => form(`${path}/acknowledge`, {})],
        ['report', () => form(`${path}/report`, { taskCode: TASK_CODE, summary: reportSummary(recipient) })],
      ];
      for (const [kind, step] of steps) {
        const r = await step();
        latency[kind].push(r.ms);
        if (r.status !== 200) failures.push(`${kind} ${recipient} → ${r.status}`);
      }
    },
    { concurrency },
  );
  const requestsMs = performance.now() - t0;
  await rt.settle();
  const totalMs = performance.now() - t0;
  const cpu = (rt.cpuSeconds() ?? Number.NaN) - (cpu0 ?? Number.NaN);
  const profile = await profiler?.stop();
  const phase = phaseOf(await rt.probe(), before, totalMs);
  const delta = phase.requests;
  if (failures.length) throw new Error(`Lifecycle: ${failures.length} requests failed, e.g. ${failures.slice(0, 5)}`);
  const directive = await wholeDirective(rt, id);
  const statuses = countBy(directive.assignments, (a) => `${a.status}/${a.outcome}`);
  if ((statuses['COMPLETED/ON_TIME'] ?? 0) !== n) throw new Error(`Lifecycle: ${JSON.stringify(statuses)}`);
  const all = [...latency.open, ...latency.acknowledge, ...latency.report];
  const writes = sumOps(delta, 'dynamodb', DYNAMO_WRITES);
  const reads = sumOps(delta, 'dynamodb', DYNAMO_READS);
  const result = {
    recipients: n,
    concurrency,
    requests: all.length,
    requestsMs: Math.round(requestsMs),
    totalMs: Math.round(totalMs),
    requestsPerSecond: round(all.length / (requestsMs / 1000)),
    completed: statuses['COMPLETED/ON_TIME'] ?? 0,
    latency: {
      all: latencySummary(all),
      open: latencySummary(latency.open),
      acknowledge: latencySummary(latency.acknowledge),
      report: latencySummary(latency.report),
    },
    runtimeCpuSeconds: round(cpu, 1),
    runtimeCpuUtilisation: round(cpu / (totalMs / 1000), 2),
    eventLoopUtilisation: phase.eventLoopUtilisation,
    gcMs: phase.gcMs,
    gcShareOfWall: phase.gcShareOfWall,
    heapUsedMiB: phase.heapUsedMiB,
    dynamodb: { writes, reads, writesPerAssignment: round(writes / n, 3), readsPerAssignment: round(reads / n, 3) },
    awsRequests: requestsPer(delta, n),
    ...(profile ? { profile } : {}),
  };
  say(
    `lifecycle ${n}: ${result.totalMs} ms (${result.requests} requests in ${result.requestsMs} ms), ` +
      `p50 ${result.latency.all.p50Ms} ms, p95 ${result.latency.all.p95Ms} ms, GC ${Math.round(phase.gcShareOfWall * 100)}% of the time, ` +
      `heap ${phase.heapUsedMiB} MiB`,
  );
  return result;
};

/** The floor of one HTTP request to this runtime: `GET /_local/clock`, which runs no handler, at the same concurrency. */
export const httpFloor = async (rt: Runtime, requests: number, concurrency = 32) => {
  const samples: number[] = [];
  const t0 = performance.now();
  await pMap(
    Array.from({ length: requests }, (_, i) => i),
    async () => {
      const r = await rt.call('GET', '/_local/clock');
      samples.push(r.ms);
    },
    { concurrency },
  );
  const ms = performance.now() - t0;
  return { requests, concurrency, requestsPerSecond: round(requests / (ms / 1000)), latency: latencySummary(samples) };
};

const executions = (rt: Runtime, prefix: string) =>
  rt.ok<ExecutionView[]>('GET', `/_local/executions?prefix=${encodeURIComponent(prefix)}`);

/** State transitions (StateEntered events) of every execution of a directive, from the engine's history. */
export const transitionsOf = async (rt: Runtime, id: string) => {
  const all = await executions(rt, id);
  const assignments = all.filter((e) => e.name.startsWith(`${id}-`));
  const fanoutExecution = all.find((e) => e.name === id);
  const counts = assignments.map((e) => e.transitions);
  return {
    executions: assignments.length,
    statuses: countBy(assignments, (e) => e.status),
    perAssignment: {
      min: Math.min(...counts),
      median: median(counts),
      mean: round(counts.reduce((s, c) => s + c, 0) / counts.length, 3),
      max: Math.max(...counts),
      histogram: countBy(counts, String),
    },
    fanout: fanoutExecution ? { status: fanoutExecution.status, transitions: fanoutExecution.transitions } : undefined,
  };
};

/**
 * The escalation path, on a directive of two: `e00001` acknowledges and reports at once (the happy path, as a
 * control), `e00002` does nothing until the deadline and the second escalation level have passed, then reports
 * late. Transitions of each execution, counted from its history.
 */
export const escalationPath = async (rt: Runtime) => {
  const number = 'BENCH-ESC/2026';
  const now = await rt.now();
  const recipients = recipientsOf(2, 'e');
  const created = await rt.api('POST', pathTo(OFFICIALS_API.issue), benchDirective({ number, now, recipients }));
  if (created.status !== 201)
    throw new Error(`${OFFICIALS_API.issue} → ${created.status} ${created.text.slice(0, 300)}`);
  const { id } = JSON.parse(created.text) as { id: string };
  await rt.settle();
  const { links } = await invitationsOf(rt, number);
  const [happy, late] = recipients.map((r) => links.get(r.email) as string);
  if (!happy || !late) throw new Error('The escalation directive has no invitations');
  const form = (path: string, fields: Record<string, string>) =>
    rt.call('POST', path, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  await form(`${happy}/acknowledge`, {});
  await form(`${happy}/report`, { taskCode: TASK_CODE, summary: reportSummary('e00001') });
  await rt.settle();
  // Deadline in 3 days; the second escalation level 2 working days after it. Ten days passes both.
  const moved = await rt.advance('P10D');
  const reported = await form(`${late}/report`, { taskCode: TASK_CODE, summary: reportSummary('e00002') });
  if (reported.status !== 200) throw new Error(`Late report → ${reported.status}`);
  await rt.settle();
  const all = await executions(rt, id);
  const of = (r: string) => all.find((e) => e.name === `${id}-${r}`);
  const directive = await wholeDirective(rt, id);
  const lateView = directive.assignments.find((a) => a.recipientId === 'e00002');
  const mails = JSON.parse((await rt.call('GET', '/_local/outbox')).text) as Mail[];
  const concerning = mails.filter((m) => m.subject.includes(number));
  return {
    happy: of('e00001')?.transitions,
    escalation: of('e00002')?.transitions,
    escalationOutcome: lateView ? `${lateView.status}/${lateView.outcome}, level ${lateView.escalationLevel}` : null,
    timersFired: moved.fired,
    emails: {
      toRecipient: concerning.filter((m) => m.to.includes('e00002@bench.example')).length,
      toLeadership: concerning.filter((m) => m.to.includes('giamdoc@bench.example')).length,
    },
  };
};
