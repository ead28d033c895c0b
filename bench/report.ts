import { dashboardViewsMarkdown } from './lib/dashboard-views.ts';
import { provinceMarkdown } from './lib/province.ts';

/** The Markdown printed at the end of a run: the targets, then the figures each beside its limit. */

export type Target = { name: string; value: number | string; limit: string; met: boolean; note?: string };

const row = (cells: (string | number | undefined)[]) =>
  `| ${cells.map((c) => (c === undefined ? '' : String(c))).join(' | ')} |`;
const table = (head: string[], rows: (string | number | undefined)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const pct = (v: number) => `${Math.round(v * 100)}%`;

// The results object is assembled in run.ts; the report reads it loosely, by the names run.ts gives.
// biome-ignore lint/suspicious/noExplicitAny: a view over run.ts's results
type Results = any;

export const markdown = (r: Results): string => {
  const c = r.cases;
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `**${r.mode} run**, ${r.startedAt}, ${r.durationSeconds} s — ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ` +
      `Node ${m.node}, ${m.os}` +
      (m.loadAverageAtStart ? `, load average at start ${m.loadAverageAtStart.join(' / ')}` : '') +
      (r.source
        ? `; code: ${r.source.commit}${r.source.changedPaths ? ` + ${r.source.changedPaths} changed paths` : ''}`
        : ''),
  );
  out.push('');
  out.push('### Targets');
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'limit', 'met'],
      r.targets.map((t: Target) => [t.name, t.value, t.limit, t.met ? 'yes' : '**no**']),
    ),
  );
  out.push('');
  out.push('### The limit, measured in the same run');
  out.push('');
  const l = c.limit;
  out.push(
    table(
      ['local DynamoDB, concurrency 32, assignment-shaped items', 'per second', 'p95 latency'],
      [
        [`PutItem (create), ${l.raw.itemBytes} B items`, l.putPerSecond, `${l.raw.putItem.latency.p95Ms} ms`],
        ['UpdateItem (transition: Deliver)', l.updatePerSecond, `${l.raw.updateItemTransition.latency.p95Ms} ms`],
        ['UpdateItem (task token)', l.tokenUpdatePerSecond, `${l.raw.updateItemToken.latency.p95Ms} ms`],
        ['GetItem (consistent)', l.getPerSecond, `${l.raw.getItemConsistent.latency.p95Ms} ms`],
        [
          `GetItem: the directive item of ${l.raw.getDirectiveItem.recipients.toLocaleString('en')} recipients (${Math.round(l.raw.getDirectiveItem.itemBytes / 1024)} KiB)`,
          l.raw.getDirectiveItem.perSecond,
          `${l.raw.getDirectiveItem.latency.p95Ms} ms`,
        ],
        [
          `Query: a directive's ${l.raw.queryAssignments.items} assignments (the dashboard's reads)`,
          '',
          `median ${l.raw.queryAssignments.medianMs} ms`,
        ],
        [
          `HTTP: GET /_local/clock on the runtime (no handler)`,
          c.httpFloor?.requestsPerSecond,
          `${c.httpFloor?.latency.p95Ms} ms`,
        ],
      ],
    ),
  );
  out.push('');
  out.push(
    `Writes per assignment until DELIVERED, from the code: ${l.writesPerAssignment.fromCode.total} ` +
      `(${Object.entries(l.writesPerAssignment.fromCode.operations)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}); counted in the runtime: ${l.writesPerAssignment.counted}.`,
  );
  out.push('');
  out.push('### Fan-out');
  out.push('');
  out.push(
    table(
      [
        'recipients',
        'until all DELIVERED + mailed',
        'of which create',
        'writes ÷ raw rate',
        'efficiency',
        'peak RSS',
        'runtime CPU',
        'in GC',
      ],
      c.fanout.map((f: Results) => [
        f.recipients.toLocaleString('en'),
        ms(f.totalMs),
        ms(f.createMs),
        ms(f.efficiency.idealWritesMs),
        pct(f.efficiency.writes),
        `${f.peakRssMiB} MiB (of ${Math.round(m.memoryGiB * 1024)})`,
        `${f.runtimeCpuUtilisation} s/s`,
        pct(f.gcShareOfWall),
      ]),
    ),
  );
  out.push('');
  const last = c.fanout.at(-1);
  if (last)
    out.push(
      `AWS requests per assignment (fan-out of ${last.recipients.toLocaleString('en')}): ` +
        Object.entries(last.requests.perAssignment)
          .map(([op, v]) => `${op} ${v}`)
          .join(', ') +
        '.',
    );
  out.push('');
  const prof = c.fanoutProfiled?.profile;
  if (prof) {
    out.push(
      `Where the runtime's CPU went during one more fan-out of ${c.fanoutProfiled.recipients.toLocaleString('en')} ` +
        `(V8 profiler, untimed run: ${ms(c.fanoutProfiled.totalMs)}; ${prof.busySeconds} s busy, ${prof.idleSeconds} s idle):`,
    );
    out.push('');
    out.push(
      table(
        ['part of the runtime', 'CPU (self)', 'share', 'largest owners in it'],
        prof.byLayer.map((l: Results) => [
          l.layer,
          `${l.seconds} s`,
          pct(l.share),
          prof.byOwner
            .filter((o: Results) => o.layer === l.layer)
            .slice(0, 4)
            .map((o: Results) => `${o.who} ${pct(o.share)}`)
            .join(', '),
        ]),
      ),
    );
    out.push('');
  }
  const lc = c.lifecycle;
  if (lc) {
    out.push('### Lifecycle (open, acknowledge, report over HTTP, concurrency 32)');
    out.push('');
    out.push(
      table(
        [
          'recipients',
          'requests',
          'all answered',
          'until all COMPLETED',
          'p50',
          'p95',
          'floor p50 / p95 (no handler)',
          'in GC',
        ],
        [
          [
            lc.recipients.toLocaleString('en'),
            lc.requests.toLocaleString('en'),
            ms(lc.requestsMs),
            ms(lc.totalMs),
            `${lc.latency.all.p50Ms} ms`,
            `${lc.latency.all.p95Ms} ms`,
            `${c.httpFloor.latency.p50Ms} / ${c.httpFloor.latency.p95Ms} ms`,
            pct(lc.gcShareOfWall),
          ],
        ],
      ),
    );
    out.push('');
    out.push(
      table(
        ['request', 'p50', 'p95', 'p99'],
        (['open', 'acknowledge', 'report'] as const).map((k) => [
          k,
          `${lc.latency[k].p50Ms} ms`,
          `${lc.latency[k].p95Ms} ms`,
          `${lc.latency[k].p99Ms} ms`,
        ]),
      ),
    );
    out.push('');
  }
  out.push('### Dashboard, digest, transitions');
  out.push('');
  const t = c.transitions;
  out.push(
    table(
      ['figure', 'measured', 'beside it'],
      [
        ...c.dashboard.runs.map((d: Results) => [
          `GET /api/directives/{id}, ${d.recipients.toLocaleString('en')} recipients, ${d.when}`,
          `first page of ${d.pageSize}: median ${d.medianMs} ms, p95 ${d.p95Ms} ms (${d.responseKiB} KiB); all ${d.recipients.toLocaleString('en')} in pages: ${d.allPagesMs} ms`,
          `its DynamoDB reads alone: median ${l.raw.queryAssignments.medianMs} ms for ${l.raw.queryAssignments.items}`,
        ]),
        [
          `digest over ${c.digest.assignments.toLocaleString('en')} assignments, ${c.digest.overdue} overdue`,
          `${c.digest.query.itemsRead} items read, ${c.digest.query.consumedCapacity} RCU, ${c.digest.query.ms} ms`,
          `a Scan: ${c.digest.scanForComparison.itemsRead.toLocaleString('en')} items, ${c.digest.scanForComparison.consumedCapacity} RCU`,
        ],
        [
          'state transitions per assignment, happy path',
          `${t.happy.max} (mean ${t.happy.mean} over ${t.happy.executions.toLocaleString('en')} executions)`,
          `fan-out machine: ${t.fanout.transitions} for ${t.fanout.recipients.toLocaleString('en')} recipients`,
        ],
        ['state transitions, escalation path', t.escalation.transitions, t.escalation.outcome],
        [
          'Step Functions cost per 1,000 recipients',
          `$${t.costPer1000Usd.happy} happy, $${t.costPer1000Usd.escalation} escalation`,
          '$0.025 per 1,000 transitions',
        ],
      ],
    ),
  );
  out.push('');
  out.push(...provinceMarkdown(c.province));
  out.push(...dashboardViewsMarkdown(c.dashboardViews));
  out.push('### Bundles (production esbuild options, SDK bundled)');
  out.push('');
  out.push(
    table(
      [
        'function',
        'SDK clients',
        'size',
        'SDK-only',
        'Δ size',
        'cold import',
        'SDK-only',
        'ratio',
        ...(c.bundles[0]?.withSourceMaps ? ['with --enable-source-maps'] : []),
      ],
      c.bundles.map((b: Results) => [
        b.function,
        b.sdkClients.join(', '),
        `${Math.round(b.sizeKiB)} KiB`,
        `${Math.round(b.baselineKiB)} KiB`,
        `${b.sizeDeltaKiB > 150 ? '**' : ''}+${Math.round(b.sizeDeltaKiB)} KiB${b.sizeDeltaKiB > 150 ? '**' : ''}`,
        `${b.importMs} ms`,
        `${b.baselineImportMs} ms`,
        `${b.importRatio > 1.25 ? '**' : ''}×${b.importRatio}${b.importRatio > 1.25 ? '**' : ''}`,
        ...(b.withSourceMaps
          ? [
              `${b.withSourceMaps.importMs} vs ${b.withSourceMaps.baselineImportMs} ms (×${b.withSourceMaps.importRatio})`,
            ]
          : []),
      ]),
    ),
  );
  out.push('');
  if (c.bundlePackagesAlone?.length) {
    out.push(
      table(
        ['bundled alone (same options)', 'size', 'cold import'],
        c.bundlePackagesAlone.map((p: Results) => [p.package, `${Math.round(p.sizeKiB)} KiB`, `${p.importMs} ms`]),
      ),
    );
    out.push('');
  }
  if (c.parse) {
    out.push('### Parser (bench/parse.bench.ts)');
    out.push('');
    out.push('```');
    out.push(String(c.parse.output).trim());
    out.push('```');
    out.push('');
  }
  return out.join('\n');
};
