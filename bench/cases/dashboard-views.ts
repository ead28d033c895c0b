/**
 * The officials' dashboard of one directive to 5,000 agencies, as an official narrows it (issue 16). Run as a child
 * process by bench/run.ts:
 *
 *   tsx bench/cases/dashboard-views.ts --app facts.json --recipients 5000 --runs 20
 *
 * Seeds a fresh local table (dynalite on LevelDB, the synthesized table, its roster and pending indexes included)
 * with one directive issued 20 days ago whose deadline passed 6 days ago, every assignment delivered and four in five
 * acknowledged (bench/lib/province-seed.ts: the store's own items and transitions), so that every agency is overdue.
 * Then times the page `GET /directives/{id}` through the officials' pages function the template declares, called
 * with an HTTP API event carrying an office official's JWT claims: filtered to "overdue" (a key range of the roster
 * index, the target), unfiltered, searched, and sorted by name (those two read the whole lean roster).
 * Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import { childArgs, startLocalTable } from '../lib/local-table.ts';
import { median, quantile, ROOT, round } from '../lib/measure.ts';

const { facts, n } = childArgs(['recipients', 'runs']);
const recipients = n('recipients');
const runs = n('runs');

Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' });
const pages = facts.functions.find((f) => f.name.replace(/[0-9A-F]{8}$/, '') === 'OfficialPages');
if (!pages) throw new Error('The template has no function OfficialPages');
for (const [k, v] of Object.entries(pages.environment)) if (process.env[k] === undefined) process.env[k] = v;
const local = await startLocalTable(facts);
const { seedProvince, officeId } = await import('../lib/province-seed.ts');

const NOW = new Date().toISOString();
const DAY_MS = 86_400_000;
const t0 = performance.now();
const seeded = await seedProvince(
  local.tableName,
  { offices: 1, agencies: recipients, assignments: recipients, directivesPerOffice: 1 },
  new Date(Date.parse(NOW) - 20 * DAY_MS).toISOString(),
);
const fillSeconds = round((performance.now() - t0) / 1000, 1);
const [directive] = seeded.directives;
if (!directive || directive.recipients !== recipients) throw new Error('The seed did not write one directive');
process.stderr.write(`[dashboard] one directive to ${recipients} agencies written in ${fillSeconds} s\n`);
// The seed stops before the deadline's checkpoints, whose escalations move each agency to "overdue" in the counts
// kept on the directive: the tally they would have left.
const { dynamo } = await import('#adapters/clients/dynamo.ts');
const { directiveKey } = await import('#contracts/table.ts');
const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
await dynamo.send(
  new UpdateCommand({
    TableName: local.tableName,
    Key: directiveKey(directive.id),
    UpdateExpression: 'SET tally = :tally',
    ExpressionAttributeValues: { ':tally': { inProgressOverdue: recipients, acknowledged: (recipients * 4) / 5 } },
  }),
);

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;
const handler = ((await import(pathToFileURL(join(ROOT, pages.entry)).href)) as { handler: Handler }).handler;
const office = officeId(0);

const event = (query: Record<string, string>) => {
  const routeKey = OFFICIAL_PAGES.dashboard;
  const rawPath = pathTo(routeKey, { id: directive.id });
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { host: 'localhost:3000', 'x-forwarded-proto': 'http', 'user-agent': 'bench', accept: 'text/html' },
    queryStringParameters: query,
    pathParameters: { id: directive.id },
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      authorizer: {
        jwt: {
          claims: {
            sub: `bench-${office}`,
            email: `vanthu@${office}.example`,
            'custom:office': office,
            jti: randomUUID(),
          },
          scopes: [],
        },
      },
    },
  };
};

const rowsOf = (html: string) => html.match(/<tr id="row-/g)?.length ?? 0;

/** `runs` timed pages after two untimed ones (a warm container), each checked for the rows it must list. */
const time = async (name: string, query: Record<string, string>, expectedRows: number, expectedText: string) => {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 2; i++) {
    const s0 = performance.now();
    const r = await handler(event(query), {});
    const ms = performance.now() - s0;
    const body = r.body ?? '';
    if (r.statusCode !== 200) throw new Error(`${name} → ${r.statusCode}: ${body.slice(0, 500)}`);
    if (rowsOf(body) !== expectedRows) throw new Error(`${name}: ${rowsOf(body)} rows, not ${expectedRows}`);
    if (!body.includes(expectedText)) throw new Error(`${name}: the page does not say "${expectedText}"`);
    bytes = body.length;
    if (i >= 2) samples.push(ms);
  }
  const result = {
    name,
    query: new URLSearchParams(query).toString(),
    runs,
    medianMs: round(median(samples)),
    p95Ms: round(quantile(samples, 0.95)),
    maxMs: round(Math.max(...samples)),
    responseKiB: round(bytes / 1024),
  };
  process.stderr.write(`[dashboard] ${name}: median ${result.medianMs} ms, p95 ${result.p95Ms} ms\n`);
  return result;
};

const total = recipients.toLocaleString('vi-VN');
const overdue = await time('filtered to "overdue"', { show: 'overdue' }, 50, `Đơn vị 1–50 trong ${total}`);
// The second page as the first page's "next" link asks it: onward from its last row's key.
const first = (await handler(event({ show: 'overdue' }), {})).body ?? '';
const next = /href="[^"?]+\?([^"]*page=2[^"]*)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
if (!next) throw new Error('The first page of "overdue" has no link to the next');
const figures = {
  overdue,
  secondOverduePage: await time(
    'filtered to "overdue", its 2nd page',
    Object.fromEntries(new URLSearchParams(next)),
    50,
    `Đơn vị 51–100 trong ${total}`,
  ),
  unfiltered: await time('unfiltered (what needs attention first)', {}, 50, `Đơn vị 1–50 trong ${total}`),
  notAcknowledged: await time(
    'filtered to "not acknowledged" (the whole lean roster read)',
    { show: 'notAcknowledged' },
    50,
    `trong ${(recipients / 5).toLocaleString('vi-VN')}`,
  ),
  search: await time('searched "ag0042" (the whole lean roster read)', { q: 'ag0042' }, 1, 'Đơn vị 1–1 trong 1'),
  byName: await time('sorted by name (the whole lean roster read)', { sort: 'name' }, 50, `Đơn vị 1–50 trong ${total}`),
};

await local.close();
process.stdout.write(`${JSON.stringify({ recipients, fillSeconds, figures, limit: { p95Ms: 300 } })}\n`);
process.exit(0);
