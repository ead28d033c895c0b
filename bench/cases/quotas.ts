import { OFFICIALS_API, pathTo } from '#contracts/routes.ts';
import { type QuotaClass, SFN_QUOTAS } from '../../local/stepfunctions/quotas.ts';
import { benchDirective, recipientsOf } from '../lib/directive.ts';
import { pause, round, say } from '../lib/measure.ts';
import { startRuntime } from '../lib/runtime.ts';
import type { Target } from '../report.ts';

/**
 * The real fan-out of N recipients under AWS's Step Functions quotas, simulated by the local endpoint
 * (`npm start -- --sfn-quotas large|other`): a fresh runtime per class, one directive of N recipients issued
 * through the API, and the time from the issue's answer (the fan-out execution has started) until every
 * assignment has its execution, beside the quota's floor (N − burst) ÷ refill. The assignments' executions are
 * started but held (`--sfn-hold-runs`): on AWS they run on the service's capacity, while locally they would share
 * the fan-out's one thread and the bench would measure the runtime delivering invitations (about 10 a second on
 * 2 cores) instead of the pacing against the quota. Their invitations are the other fan-out cases' business.
 */

/** The assignment machine's name (`Chidao-assignment`) contains it, the fan-out's does not. */
const HELD_MACHINE = 'assignment';

type ExecutionView = { name: string; status: string; failedIterations: number; retries: number };
type Stats = { quotas?: { throttled: Record<string, number>; transitionsDelayedMs: number } };

/** Every this many ms the bench asks how many executions have started (a count, cheap for the runtime). */
const POLL_MS = 100;

export type QuotaFanoutResult = Awaited<ReturnType<typeof quotaFanout>>;

export const quotaFanout = async (quotaClass: QuotaClass, n: number) => {
  const { burst, refillPerSecond } = SFN_QUOTAS[quotaClass].startExecution;
  // One more start than the assignments: the fan-out's own execution takes a token too.
  const floorMs = (Math.max(0, n + 1 - burst) / refillPerSecond) * 1000;
  const rt = await startRuntime({ sfnQuotas: quotaClass, sfnHoldRuns: HELD_MACHINE });
  try {
    const now = await rt.now();
    const number = `BENCH-QUOTA-${quotaClass.toUpperCase()}-${n}/2026`;
    const t0 = performance.now();
    const created = await rt.api(
      'POST',
      pathTo(OFFICIALS_API.issue),
      benchDirective({ number, now, recipients: recipientsOf(n) }),
    );
    if (created.status !== 201)
      throw new Error(`${OFFICIALS_API.issue} → ${created.status} ${created.text.slice(0, 300)}`);
    const { id } = JSON.parse(created.text) as { id: string };
    const issued = performance.now();
    const fanoutOf = async () =>
      (await rt.ok<ExecutionView[]>('GET', `/_local/executions?prefix=${encodeURIComponent(id)}`)).filter(
        (e) => e.name === id,
      )[0];
    // Until every assignment has its execution, or the fan-out has ended without it (then what is missing is
    // lost). A runtime slower than the quota (a busy machine) can take minutes; past this the bench stops waiting.
    const giveUpAt = issued + 10 * floorMs + 300_000;
    let started = 0;
    let allStartedMs: number | undefined;
    for (;;) {
      started = (
        await rt.ok<{ count: number }>('GET', `/_local/executions?prefix=${encodeURIComponent(`${id}-`)}&count=1`)
      ).count;
      if (started >= n) {
        allStartedMs = performance.now() - issued;
        break;
      }
      if (performance.now() > giveUpAt) break;
      const fan = await fanoutOf();
      if (fan && fan.status !== 'RUNNING') {
        started = (
          await rt.ok<{ count: number }>('GET', `/_local/executions?prefix=${encodeURIComponent(`${id}-`)}&count=1`)
        ).count;
        if (started >= n) allStartedMs = performance.now() - issued;
        break;
      }
      await pause(POLL_MS);
    }
    // The fan-out's Map ends right after its last batch; its history says whether any batch failed.
    let fan = await fanoutOf();
    while (fan?.status === 'RUNNING' && performance.now() < giveUpAt) {
      await pause(POLL_MS);
      fan = await fanoutOf();
    }
    const stats = await rt.ok<Stats>('GET', '/_local/stats');
    const ended = fan !== undefined && fan.status !== 'RUNNING';
    const result = {
      quotaClass,
      recipients: n,
      createMs: Math.round(issued - t0),
      allStartedMs: allStartedMs === undefined ? null : Math.round(allStartedMs),
      floorMs: Math.round(floorMs),
      ratio: allStartedMs === undefined ? null : round(allStartedMs / floorMs, 2),
      bucket: { burst, refillPerSecond },
      throttlesSeen: stats.quotas?.throttled.StartExecution ?? 0,
      throttledByAction: stats.quotas?.throttled ?? {},
      transitionsDelayedMs: stats.quotas?.transitionsDelayedMs ?? 0,
      // Starts per second the runtime reached: beside the refill, whether the quota or the machine was the limit.
      startsPerSecond: round(started / ((allStartedMs ?? performance.now() - issued) / 1000), 1),
      fanout: {
        status: fan?.status ?? 'missing',
        failedBatches: fan?.failedIterations ?? 0,
        retries: fan?.retries ?? 0,
      },
      started,
      // Assignments without an execution once the fan-out has ended; null when the bench stopped waiting first.
      lostAssignments: ended ? n - started : null,
    };
    say(
      `fan-out of ${n} under the ${quotaClass} quotas: ${started} started in ${result.allStartedMs ?? 'more than'} ${result.allStartedMs ? 'ms' : `${Math.round(performance.now() - issued)} ms (stopped waiting)`} after the issue (floor ${result.floorMs} ms, ×${result.ratio}; ${result.startsPerSecond} starts/s vs refill ${refillPerSecond}/s), ${result.throttlesSeen} ThrottlingExceptions, ${result.fanout.failedBatches} failed batches (fan-out ${result.fanout.status}), ${result.lostAssignments ?? 'unknown'} lost`,
    );
    return result;
  } finally {
    await rt.dispose();
  }
};

export const quotaFanouts = async (n: number) => [await quotaFanout('large', n), await quotaFanout('other', n)];

export const quotaTargets = (results: QuotaFanoutResult[] | undefined): Target[] =>
  (results ?? []).map((r) => ({
    name: `fan-out of ${r.recipients.toLocaleString('en')} under the Step Functions quotas (${r.quotaClass}: StartExecution ${r.bucket.burst}/${r.bucket.refillPerSecond} per s): all started ÷ the floor (N − burst) ÷ refill`,
    value:
      r.ratio === null
        ? `${r.started} of ${r.recipients} started when measuring stopped (${r.startsPerSecond}/s; fan-out ${r.fanout.status}, ${r.lostAssignments ?? 'unknown'} lost)`
        : `×${r.ratio} (${(r.allStartedMs ?? 0) / 1000} s vs ${r.floorMs / 1000} s; ${r.startsPerSecond} starts/s); ${r.throttlesSeen} throttles, ${r.fanout.failedBatches} failed batches, ${r.lostAssignments ?? 'unknown'} lost`,
    limit: '≤ ×1.2, 0 failed batches, 0 lost',
    met: r.ratio !== null && r.ratio <= 1.2 && r.fanout.failedBatches === 0 && r.lostAssignments === 0,
  }));

// `npx tsx bench/cases/quotas.ts [N]`: this case alone (the full `npm run bench` runs it with N = 5,000).
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await quotaFanouts(Number(process.argv[2] ?? 5000));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
