/**
 * `npx tsx bench/fanout-only.ts [--n 1000]`: only the fan-out case of `npm run bench`, with its efficiency
 * against the write limit measured in the same run (as bench/run.ts computes it), to measure a change to the
 * fan-out path in a minute or two instead of the whole quick run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppFacts } from './cases/app.ts';
import { fanout } from './cases/runtime-cases.ts';
import { round, runScript, say } from './lib/measure.ts';
import { startRuntime } from './lib/runtime.ts';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '1000' }, profile: { type: 'boolean', default: false } },
});
const n = Number(args.n);
const work = mkdtempSync(join(tmpdir(), 'chidao-bench-fanout-'));
const [facts, rt] = await Promise.all([runScript<AppFacts>('bench/cases/app.ts', []), startRuntime()]);
try {
  const factsFile = join(work, 'app.json');
  writeFileSync(factsFile, JSON.stringify(facts));
  type Rate = { perSecond: number };
  const limit = await runScript<{ putItem: Rate; updateItemTransition: Rate; updateItemToken: Rate }>(
    'bench/cases/limit.ts',
    ['--app', factsFile, '--ops', '1000', '--directive-size', String(n)],
  );
  const { result } = await fanout(rt, n, `BENCH-${n}/2026`, { profile: args.profile ?? false });
  const idealWritesMs =
    1000 *
    (n / limit.putItem.perSecond +
      n / limit.updateItemTransition.perSecond +
      n / limit.updateItemToken.perSecond +
      3 / limit.putItem.perSecond);
  const { profile, ...rest } = result as typeof result & { profile?: unknown };
  say(
    JSON.stringify({
      efficiency: round(idealWritesMs / result.totalMs, 3),
      idealWritesMs: Math.round(idealWritesMs),
      limit,
      ...rest,
      ...(profile ? { profile } : {}),
    }),
  );
} finally {
  await rt.dispose();
}
