/**
 * `npm run bench` (full, < 15 min) or `npm run bench -- --quick` (< 2 min, for regressions).
 *
 * Starts the real local runtime (`npm start`, virtual clock, fresh data folder) and drives it over HTTP; measures,
 * in the same run and on the same machine, the limits each figure is compared with (raw DynamoDB throughput of
 * the same local store, the SDK-only bundle floor, the runtime's bare HTTP latency). Writes
 * bench/results/latest.json (full) or latest-quick.json (quick), a Markdown copy beside it, and prints the
 * Markdown at the end.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppFacts } from './cases/app.ts';
import { bundles } from './cases/bundles.ts';
import type { FilesResult } from './cases/files.ts';
import type { ParserCorpusResult } from './cases/parser-corpus.ts';
import { quotaFanouts, quotaTargets } from './cases/quotas.ts';
import {
  dashboard,
  escalationPath,
  type FanoutResult,
  fanout,
  httpFloor,
  lifecycle,
  transitionsOf,
} from './cases/runtime-cases.ts';
import { dashboardViewsTargets, runDashboardViews } from './lib/dashboard-views.ts';
import { machine, ROOT, round, runScript, say, sourceState } from './lib/measure.ts';
import { runParseBench } from './lib/parse-bench.ts';
import { provinceTargets, runProvince } from './lib/province.ts';
import { type Runtime, startRuntime } from './lib/runtime.ts';
import { markdown, type Target } from './report.ts';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = args.quick ?? false;

const PLAN = quick
  ? {
      fanout: [100, 1000],
      // Quick mode runs both sizes in one runtime: a second start costs ~10 s of the 2-minute budget.
      runtimePerSize: false,
      limitOps: 1000,
      digest: { assignments: 10_000, overdue: 100 },
      province: { assignments: 5000, runs: 5, heavyRuns: 2 },
      dashboardViews: { recipients: 5000, runs: 5 },
      bundles: { runs: 3, withSourceMaps: false, culprits: false },
      dashboardRuns: 20,
      httpFloorRequests: 1000,
      profileFanout: false,
      // The fan-out of 5,000 under the Step Functions quotas (two runtimes, a minute or more): full run only.
      quotaFanout: 0,
      budgetSeconds: 120,
    }
  : {
      fanout: [100, 1000, 5000],
      runtimePerSize: true,
      limitOps: 5000,
      digest: { assignments: 50_000, overdue: 100 },
      province: { assignments: 20_000, runs: 20, heavyRuns: 5 },
      dashboardViews: { recipients: 5000, runs: 20 },
      bundles: { runs: 10, withSourceMaps: true, culprits: true },
      dashboardRuns: 20,
      httpFloorRequests: 3000,
      // One more fan-out of 1,000, untimed, under V8's CPU profiler: where the runtime's time goes.
      profileFanout: true,
      quotaFanout: 5000,
      budgetSeconds: 900,
    };

/** Step Functions Standard: $0.025 per 1,000 state transitions (shared/research/anchors.md). */
const USD_PER_TRANSITION = 0.025 / 1000;
/** Writes per assignment until it is DELIVERED and its execution waits, read from the code (see README). */
const WRITES_FROM_CODE = {
  operations: { 'PutItem (create)': 1, 'UpdateItem (Deliver transition)': 1, 'UpdateItem (AwaitRecipient token)': 1 },
  perDirective: { 'PutItem (idempotency, issuer, directive)': 3 },
  total: 3,
};

type LimitResult = {
  itemBytes: number;
  putItem: { perSecond: number; latency: { p95Ms: number } };
  updateItemTransition: { perSecond: number; latency: { p95Ms: number } };
  updateItemToken: { perSecond: number; latency: { p95Ms: number } };
  getItemConsistent: { perSecond: number; latency: { p95Ms: number } };
  queryAssignments: { items: number; medianMs: number };
};
type DigestResult = {
  assignments: number;
  overdue: number;
  query: { itemsRead: number; itemsReturned: number; overdueReturned: number; consumedCapacity: number; ms: number };
  scanForComparison: { itemsRead: number; consumedCapacity: number };
};

const started = performance.now();
const startedAt = new Date().toISOString();
const host = machine();
say(`${quick ? 'quick' : 'full'} run on ${host.cpus} × ${host.cpuModel}, ${host.memoryGiB} GiB, Node ${host.node}`);
const work = mkdtempSync(join(tmpdir(), 'chidao-bench-run-'));
let rt: Runtime | undefined;

try {
  // The app's facts (functions, table) from the synthesized template, while the first runtime starts.
  const [facts, first] = await Promise.all([runScript<AppFacts>('bench/cases/app.ts', []), startRuntime()]);
  rt = first;
  say(`runtime ready in ${Math.round(rt.readyMs)} ms (pid ${rt.pid})`);
  const factsFile = join(work, 'app.json');
  writeFileSync(factsFile, JSON.stringify(facts));
  const largest = Math.max(...PLAN.fanout);

  // The limit: the same local DynamoDB, alone, on the same table, with assignment-shaped items.
  const limit = await runScript<LimitResult>('bench/cases/limit.ts', [
    '--app',
    factsFile,
    '--ops',
    String(PLAN.limitOps),
    '--directive-size',
    String(largest),
  ]);

  // The escalation path first: it moves this runtime's clock 10 days, while nothing else is open.
  const escalation = await escalationPath(rt);
  say(`escalation path: ${escalation.escalation} transitions (happy control: ${escalation.happy})`);

  const fanouts: FanoutResult['result'][] = [];
  let largestRun: { id: string; links: Map<string, string> } | undefined;
  const dashboards = [];
  let lifecycleResult: Awaited<ReturnType<typeof lifecycle>> | undefined;
  let floor: Awaited<ReturnType<typeof httpFloor>> | undefined;
  let happy: Awaited<ReturnType<typeof transitionsOf>> | undefined;
  let profiled: FanoutResult['result'] | undefined;
  for (const [i, n] of PLAN.fanout.entries()) {
    if (i > 0 && PLAN.runtimePerSize) {
      await rt.dispose();
      rt = await startRuntime();
      say(`fresh runtime ready in ${Math.round(rt.readyMs)} ms (pid ${rt.pid})`);
    }
    const { result, links } = await fanout(rt, n, `BENCH-${n}/2026`);
    fanouts.push(result);
    if (n === 1000 && PLAN.profileFanout)
      profiled = (await fanout(rt, n, `BENCH-${n}-PROFILED/2026`, { profile: true })).result;
    if (n !== largest) continue;
    largestRun = { id: result.directiveId, links };
    floor = await httpFloor(rt, PLAN.httpFloorRequests);
    dashboards.push(await dashboard(rt, result.directiveId, n, PLAN.dashboardRuns, 'all DELIVERED'));
    lifecycleResult = await lifecycle(rt, result.directiveId, links);
    dashboards.push(await dashboard(rt, result.directiveId, n, PLAN.dashboardRuns, 'all COMPLETED'));
    happy = await transitionsOf(rt, result.directiveId);
  }
  await rt.dispose();
  rt = undefined;
  const quotas = PLAN.quotaFanout ? await quotaFanouts(PLAN.quotaFanout) : undefined;
  if (!largestRun || !lifecycleResult || !happy || !floor) throw new Error('The largest fan-out did not run');

  const digest = await runScript<DigestResult>('bench/cases/digest.ts', [
    '--app',
    factsFile,
    '--assignments',
    String(PLAN.digest.assignments),
    '--overdue',
    String(PLAN.digest.overdue),
  ]);
  say(`digest: ${digest.query.itemsRead} items read for ${digest.overdue} overdue of ${digest.assignments}`);
  const province = await runProvince(factsFile, PLAN.province);
  const dashboardViews = await runDashboardViews(factsFile, PLAN.dashboardViews);

  const dependencies = Object.keys(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
      .dependencies,
  );
  const bundleResults = await bundles(facts, { ...PLAN.bundles, dependencies });

  say('parser benchmark (bench/parse.bench.ts), if present');
  const parse = await runParseBench();
  say('parser on the corpus (bench/cases/parser-corpus.ts): field accuracy and time per text');
  const parserCorpus = await runScript<ParserCorpusResult>('bench/cases/parser-corpus.ts', quick ? ['--quick'] : []);
  say('files (bench/cases/files.ts): extract and parse the two-page PDF and the DOCX');
  const files = await runScript<FilesResult>('bench/cases/files.ts', quick ? ['--quick'] : []);

  // ------------------------------------------------------------------------------------------------------------
  // Figures beside their limits

  const putRate = limit.putItem.perSecond;
  const updateRate = limit.updateItemTransition.perSecond;
  const tokenRate = limit.updateItemToken.perSecond;
  const getRate = limit.getItemConsistent.perSecond;
  const fanoutWithEfficiency = fanouts.map((f) => {
    // Writes the design needs for N assignments, each at the raw rate of its own operation.
    const idealWritesMs =
      1000 * (f.recipients / putRate + f.recipients / updateRate + f.recipients / tokenRate + 3 / putRate);
    const reads = f.dynamodb.reads;
    const idealRequestsMs = idealWritesMs + (1000 * reads) / getRate;
    return {
      ...f,
      efficiency: {
        writesNeeded: f.recipients * WRITES_FROM_CODE.total + 3,
        writesCounted: f.dynamodb.writes,
        idealWritesMs: Math.round(idealWritesMs),
        writes: round(idealWritesMs / f.totalMs, 3),
        idealWithReadsMs: Math.round(idealRequestsMs),
        withReads: round(idealRequestsMs / f.totalMs, 3),
      },
    };
  });
  const at1000 = fanoutWithEfficiency.find((f) => f.recipients === 1000);
  const largestFanout = fanoutWithEfficiency.find((f) => f.recipients === largest);

  const fanoutShare = (happy.fanout?.transitions ?? 0) / largest;
  const escalationTransitions = escalation.escalation ?? Number.NaN;
  const costPer1000 = (perAssignment: number) => round((perAssignment + fanoutShare) * 1000 * USD_PER_TRANSITION, 4);
  const transitions = {
    happy: {
      ...happy.perAssignment,
      executions: happy.executions,
      statuses: happy.statuses,
      control: escalation.happy,
    },
    escalation: {
      transitions: escalationTransitions,
      outcome: escalation.escalationOutcome,
      timersFired: escalation.timersFired,
      emails: escalation.emails,
    },
    fanout: { transitions: happy.fanout?.transitions, recipients: largest, perAssignment: round(fanoutShare, 4) },
    usdPerTransition: USD_PER_TRANSITION,
    costPer1000Usd: { happy: costPer1000(happy.perAssignment.mean), escalation: costPer1000(escalationTransitions) },
  };

  const worst = <T>(list: T[], by: (t: T) => number) => list.reduce((a, b) => (by(b) > by(a) ? b : a));
  const fns = bundleResults.functions;
  const worstImport = worst(fns, (b) => b.importRatio);
  const worstSize = worst(fns, (b) => b.sizeDeltaKiB);
  const worstDashboard = worst(dashboards, (d) => d.p95Ms);
  const durationSeconds = round((performance.now() - started) / 1000, 0);

  const targets: Target[] = [
    {
      name: 'fan-out of 1,000: efficiency against the measured write limit',
      value: at1000
        ? `${Math.round(at1000.efficiency.writes * 100)}% (${at1000.totalMs} ms vs ${at1000.efficiency.idealWritesMs} ms)`
        : 'not run',
      limit: '≥ 50%',
      met: (at1000?.efficiency.writes ?? 0) >= 0.5,
    },
    {
      name: 'state transitions per assignment, happy path (worst execution)',
      value: happy.perAssignment.max,
      limit: '≤ 8',
      met: happy.perAssignment.max <= 8,
    },
    {
      name: 'cold import ÷ SDK-only baseline (worst function)',
      value: `×${worstImport.importRatio} (${worstImport.function}); ${fns.filter((b) => b.importRatio <= 1.25).length}/${fns.length} functions within`,
      limit: '≤ ×1.25',
      met: fns.every((b) => b.importRatio <= 1.25),
    },
    {
      name: 'bundle size above SDK-only baseline (worst function)',
      value: `+${Math.round(worstSize.sizeDeltaKiB)} KiB (${worstSize.function}); ${fns.filter((b) => b.sizeDeltaKiB <= 150).length}/${fns.length} functions within`,
      limit: '≤ +150 KiB',
      met: fns.every((b) => b.sizeDeltaKiB <= 150),
    },
    {
      name: `dashboard p95 at ${largest.toLocaleString('en')} recipients${largest < 5000 ? ' (the target is set at 5,000)' : ''}`,
      value: `${worstDashboard.p95Ms} ms (${worstDashboard.when}; its first page of ${worstDashboard.pageSize}, all pages ${worstDashboard.allPagesMs} ms)`,
      limit: '≤ 300 ms',
      met: worstDashboard.p95Ms <= 300,
    },
    {
      name: `digest items read ÷ overdue (${digest.assignments.toLocaleString('en')} assignments)`,
      value: `${round(digest.query.itemsRead / digest.overdue, 3)} (${digest.query.itemsRead} read, ${digest.overdue} overdue)`,
      limit: '≤ 1.1',
      met: digest.query.itemsRead / digest.overdue <= 1.1 && digest.query.overdueReturned === digest.overdue,
    },
    ...provinceTargets(province),
    ...dashboardViewsTargets(dashboardViews),
    ...quotaTargets(quotas),
    {
      name: `parser field accuracy on the corpus (${parserCorpus.texts} published texts; per field and text, lists by set F1)`,
      value: `${round(100 * parserCorpus.overall, 1)}%`,
      limit: '≥ 90%',
      met: parserCorpus.overall >= 0.9,
    },
    {
      name: 'parser time per corpus text (median; max)',
      value: `${round(parserCorpus.parseMs.median, 2)} ms; ${round(parserCorpus.parseMs.max, 2)} ms`,
      limit: '< 50 ms',
      met: parserCorpus.parseMs.median < 50,
    },
    {
      name: `two-page PDF: extract and parse (median of ${files.twoPagePdf.runs} warm runs; first run)`,
      value: `${files.twoPagePdf.medianMs} ms; ${files.twoPagePdf.firstMs} ms`,
      limit: `< ${files.pdfTargetMs} ms`,
      met: files.twoPagePdf.medianMs < files.pdfTargetMs,
    },
    {
      name: `DOCX (Gia Lai 126): extract and parse (median of ${files.docx.runs} warm runs; first run)`,
      value: `${files.docx.medianMs} ms; ${files.docx.firstMs} ms`,
      limit: 'reported',
      met: true,
    },
    {
      name: `${quick ? 'quick' : 'full'} run duration`,
      value: `${durationSeconds} s`,
      limit: `< ${PLAN.budgetSeconds} s`,
      met: durationSeconds < PLAN.budgetSeconds,
    },
  ];

  const results = {
    machine: host,
    source: sourceState(),
    mode: quick ? 'quick' : 'full',
    startedAt,
    durationSeconds,
    plan: PLAN,
    cases: {
      fanout: fanoutWithEfficiency.map((f) => ({
        ...f,
        limit: {
          idealWritesMs: f.efficiency.idealWritesMs,
          efficiencyTarget: f.recipients === 1000 ? 0.5 : undefined,
          machineMemoryMiB: Math.round(host.memoryGiB * 1024),
        },
      })),
      ...(profiled ? { fanoutProfiled: profiled } : {}),
      lifecycle: {
        ...lifecycleResult,
        limit: {
          httpFloor: floor,
          idealWritesMs: Math.round((1000 * lifecycleResult.dynamodb.writes) / updateRate),
          efficiency: round((1000 * lifecycleResult.dynamodb.writes) / updateRate / lifecycleResult.totalMs, 3),
        },
      },
      limit: {
        putPerSecond: putRate,
        updatePerSecond: updateRate,
        tokenUpdatePerSecond: tokenRate,
        getPerSecond: getRate,
        writesPerAssignment: {
          fromCode: WRITES_FROM_CODE,
          counted: largestFanout?.dynamodb.writesPerAssignment,
          countedReads: largestFanout?.dynamodb.readsPerAssignment,
          method:
            'every HTTP request the runtime process makes, counted by AWS operation through Node diagnostics channels (bench/lib/probe.mjs, preloaded with NODE_OPTIONS; no production code changed)',
        },
        raw: limit,
      },
      efficiency: fanoutWithEfficiency.map((f) => ({
        recipients: f.recipients,
        ...f.efficiency,
        measuredMs: f.totalMs,
      })),
      httpFloor: floor,
      transitions: { ...transitions, limit: { happyMax: 8 } },
      bundles: bundleResults.functions.map((b) => ({ ...b, limit: { importRatio: 1.25, sizeDeltaKiB: 150 } })),
      bundlePackagesAlone: bundleResults.packagesAlone,
      dashboard: {
        recipients: largest,
        medianMs: worstDashboard.medianMs,
        p95Ms: worstDashboard.p95Ms,
        when: worstDashboard.when,
        runs: dashboards,
        limit: {
          p95Ms: 300,
          rawQueryMedianMs: limit.queryAssignments.medianMs,
          rawQueryItems: limit.queryAssignments.items,
        },
      },
      digest: { ...digest, limit: { readsPerOverdue: 1.1 } },
      province,
      dashboardViews,
      ...(quotas ? { quotas } : {}),
      ...(parse ? { parse } : {}),
      parserCorpus,
      files,
    },
    targets,
  };

  const name = quick ? 'latest-quick' : 'latest';
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const md = markdown(results);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), `${md}\n`);
  say(`results in bench/results/${name}.json (${durationSeconds} s)`);
  process.stdout.write(`\n${md}\n`);
} catch (error) {
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (rt) process.stderr.write(`runtime log (tail):\n${rt.log(3000)}\n`);
  process.exitCode = 1;
} finally {
  if (rt) await rt.dispose();
  rmSync(work, { recursive: true, force: true });
}
