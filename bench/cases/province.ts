/**
 * A province-sized store (issue 13 item 5): 40 offices, 2,000 agencies, 20,000 open assignments. Run as a child
 * process by bench/run.ts:
 *
 *   tsx bench/cases/province.ts --app facts.json --assignments 20000 --runs 20 --heavy-runs 5
 *
 * Seeds a fresh local table (dynalite on LevelDB, the synthesized table) with bench/lib/province-seed.ts, then
 * times the officials' reads as API Gateway would invoke them: the functions the template declares (loaded by the
 * module name it carries, as the local runtime loads them), each called with an HTTP API event whose JWT
 * authorizer claims name the official's office, or the PROVINCE role. Without the runtime's HTTP server in
 * between: about one loopback request more per figure (the bench's HTTP floor, a few milliseconds). The
 * province's statistics (seconds each) get `heavy-runs`, beside the store's own read of what they read.
 * Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV } from '#contracts/environment.ts';
import { INBOX, OFFICIALS_API, pathTo, REPORTS_API } from '#contracts/routes.ts';
import { PROVINCE_ROLE } from '#core/official.ts';
import { childArgs, serveSecrets, startLocalTable } from '../lib/local-table.ts';
import { median, quantile, ROOT, round } from '../lib/measure.ts';

const { facts, n } = childArgs(['assignments', 'runs', 'heavy-runs']);
const assignments = n('assignments');
const runs = n('runs');
const heavyRuns = n('heavy-runs');

// The handlers log and emit metrics per request: not here, where only the figures go to stdout.
Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' });
const functionOf = (name: string) => {
  // The template's logical ids end in CDK's hash of the construct path.
  const fn = facts.functions.find((f) => f.name.replace(/[0-9A-F]{8}$/, '') === name);
  if (!fn) throw new Error(`The template has no function ${name}`);
  return fn;
};
const officialsApi = functionOf('OfficialsApi');
const reports = functionOf('Reports');
const inbox = functionOf('Inbox');
// Their own variables (the table's name is the bench table's, set by startLocalTable below).
for (const fn of [officialsApi, reports, inbox])
  for (const [k, v] of Object.entries(fn.environment)) if (process.env[k] === undefined) process.env[k] = v;
const local = await startLocalTable(facts);
// The inbox signs a link per line: the local runtime's stand-in for Secrets Manager holds the signing key.
const secrets = await serveSecrets(String(process.env[ENV.LINK_SECRET_ARN]));
process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
const { PROVINCE, seedProvince, officeId } = await import('../lib/province-seed.ts');

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;
const load = async (entry: string) =>
  ((await import(pathToFileURL(join(ROOT, entry)).href)) as { handler: Handler }).handler;
const handlers = {
  api: await load(officialsApi.entry),
  reports: await load(reports.entry),
  inbox: await load(inbox.entry),
};
const { createInboxToken } = await import('#adapters/links.ts');

const NOW = new Date().toISOString();
const t0 = performance.now();
const seeded = await seedProvince(local.tableName, { ...PROVINCE, assignments }, NOW);
const fillSeconds = round((performance.now() - t0) / 1000, 1);
process.stderr.write(
  `[province] ${seeded.directives.length} directives, ${assignments} assignments (${seeded.items} items) in ${fillSeconds} s\n`,
);

/** An HTTP API event (payload 2.0) with the JWT authorizer's claims, as the gateway passes it. */
const event = (
  routeKey: string,
  claims: Record<string, string>,
  options: { path?: Record<string, string>; query?: Record<string, string> } = {},
) => {
  const [method = 'GET', route = '/'] = routeKey.split(' ');
  const rawPath = pathTo(routeKey, options.path ?? {});
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: options.query ? new URLSearchParams(options.query).toString() : '',
    headers: { host: 'localhost:3000', 'x-forwarded-proto': 'http', 'user-agent': 'bench' },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.path ? { pathParameters: options.path } : {}),
    isBase64Encoded: false,
    requestContext: {
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      authorizer: { jwt: { claims: { ...claims, jti: randomUUID() }, scopes: [] } },
    },
    route,
  };
};

const official = (office: string) => ({
  sub: `bench-${office}`,
  email: `vanthu@${office}.example`,
  'custom:office': office,
});
const province = { sub: 'bench-province', email: 'ubnd@bench.example', 'custom:role': PROVINCE_ROLE };

/** `runs` timed calls after two untimed ones (a warm container), each checked by `check`. */
const time = async (
  name: string,
  handler: Handler,
  make: () => unknown,
  check: (body: unknown) => string | undefined,
  count = runs,
) => {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count + 2; i++) {
    const s0 = performance.now();
    const r = await handler(make(), {});
    const ms = performance.now() - s0;
    if (r.statusCode !== 200) throw new Error(`${name} → ${r.statusCode}: ${r.body?.slice(0, 500)}`);
    bytes = r.body?.length ?? 0;
    if (i === 0) {
      const body = r.body ?? 'null';
      const wrong = check(body.startsWith('<') ? body : JSON.parse(body));
      if (wrong) throw new Error(`${name}: ${wrong}`);
    }
    if (i >= 2) samples.push(ms);
  }
  const result = {
    name,
    runs: count,
    medianMs: round(median(samples)),
    p95Ms: round(quantile(samples, 0.95)),
    maxMs: round(Math.max(...samples)),
    responseKiB: round(bytes / 1024),
  };
  process.stderr.write(`[province] ${name}: median ${result.medianMs} ms, p95 ${result.p95Ms} ms\n`);
  return result;
};

// The office measured: the first, whose largest directive is the dashboard measured.
const office = officeId(0);
const own = seeded.directives.filter((d) => d.office === office);
const largest = own.reduce((a, b) => (b.recipients > a.recipients ? b : a));
const ownAssignments = own.reduce((s, d) => s + d.recipients, 0);
const period = {
  from: new Date(Date.parse(NOW) - 31 * 86_400_000).toISOString().slice(0, 10),
  to: NOW.slice(0, 10),
};
const [busiestEmail = '', busiestCount = 0] = [...seeded.byAgency].reduce((a, b) => (b[1] > a[1] ? b : a));
const busiest = { count: busiestCount, token: await createInboxToken(busiestEmail, NOW) };
type Stats = { byAgency: { total: number }[]; byDirective: unknown[]; byOffice?: { total: number }[] };
const totalOf = (rows: { total: number }[]) => rows.reduce((s, r) => s + r.total, 0);

const figures = {
  officeList: await time(
    `GET /api/directives, one office (${own.length} directives)`,
    handlers.api,
    () => event(OFFICIALS_API.list, official(office)),
    (b) => {
      const count = (b as { directives: unknown[] }).directives.length;
      return count === own.length ? undefined : `lists ${count} directives, not ${own.length}`;
    },
  ),
  provinceList: await time(
    `GET /api/directives, the province (${seeded.directives.length} directives, 100 per office at most)`,
    handlers.api,
    () => event(OFFICIALS_API.list, province),
    (b) => {
      const count = (b as { directives: unknown[] }).directives.length;
      return count === seeded.directives.length ? undefined : `lists ${count}, not ${seeded.directives.length}`;
    },
  ),
  directiveDashboard: await time(
    `GET /api/directives/{id}, one directive (${largest.recipients} recipients)`,
    handlers.api,
    () => event(OFFICIALS_API.read, official(office), { path: { id: largest.id } }),
    (b) => {
      const count = (b as { assignments: unknown[] }).assignments.length;
      return count === largest.recipients ? undefined : `lists ${count} assignments, not ${largest.recipients}`;
    },
  ),
  officeStatistics: await time(
    `GET /api/statistics, one office (${ownAssignments.toLocaleString('en')} assignments)`,
    handlers.reports,
    () => event(REPORTS_API.statistics, official(office), { query: period }),
    (b) => {
      const total = totalOf((b as Stats).byAgency);
      return total === ownAssignments ? undefined : `counts ${total} assignments, not ${ownAssignments}`;
    },
  ),
  provinceStatistics: await time(
    `GET /api/statistics, the province per office (${assignments.toLocaleString('en')} assignments)`,
    handlers.reports,
    () => event(REPORTS_API.statistics, province, { query: period }),
    (b) => {
      const s = b as Stats;
      const offices = s.byOffice?.length ?? 0;
      if (offices !== PROVINCE.offices) return `${offices} rows per office, not ${PROVINCE.offices}`;
      const total = totalOf(s.byOffice ?? []);
      return total === assignments ? undefined : `counts ${total} assignments, not ${assignments}`;
    },
    heavyRuns,
  ),
  // The agency addressed most often, by several offices: its page lists every one with a fresh signed link.
  inbox: await time(
    `GET /inbox/{token}, the busiest agency (${busiest.count} open assignments from several offices)`,
    handlers.inbox,
    () => event(INBOX.view, {}, { path: { token: busiest.token } }),
    (b) => {
      const links = String(b).match(/href="[^"]*\/r\/[^"]+"/g)?.length ?? 0;
      return links === busiest.count ? undefined : `lists ${links} assignments, not ${busiest.count}`;
    },
  ),
};
await secrets.close();

/**
 * The limit of the province's statistics: the store's own read of what they read (the period's directives from
 * the by-issuer index, then every assignment's STATISTICS_FIELDS, 16 directives at a time), nothing computed.
 */
const { directivesIssuedIn } = await import('#adapters/store/directives.ts');
const { statisticsItemsOf } = await import('#adapters/store/statistics-reads.ts');
const reads: number[] = [];
for (let i = 0; i < heavyRuns + 1; i++) {
  const r0 = performance.now();
  const read = await statisticsItemsOf(await directivesIssuedIn(period));
  if (i > 0) reads.push(performance.now() - r0);
  const count = read.reduce((s, item) => s + item.assignments.length, 0);
  if (count !== assignments) throw new Error(`The store's read found ${count} assignments, not ${assignments}`);
}
const storeRead = { runs: heavyRuns, medianMs: round(median(reads)), p95Ms: round(quantile(reads, 0.95)) };
process.stderr.write(
  `[province] the store's read of ${assignments} assignments alone: median ${storeRead.medianMs} ms\n`,
);

await local.close();
const perAgency = [...seeded.byAgency.values()];
process.stdout.write(
  `${JSON.stringify({
    offices: PROVINCE.offices,
    agencies: seeded.byAgency.size,
    assignments,
    directives: seeded.directives.length,
    assignmentsPerAgency: { min: Math.min(...perAgency), max: Math.max(...perAgency) },
    largestDirective: largest.recipients,
    period,
    fillSeconds,
    figures,
    limit: { p95Ms: 300, provinceStatisticsStoreRead: storeRead },
  })}\n`,
);
process.exit(0);
