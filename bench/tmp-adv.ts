import { launchRuntime } from '../local/launch.ts';
const t0 = performance.now();
const rt = await launchRuntime({ virtualClock: { startAt: '2026-03-02T01:00:00Z' } });
console.log('ready', Math.round(performance.now() - t0));
for (const d of ['P1D','P10D','P40D']) {
  const t = performance.now();
  const r = await fetch(`${rt.base}/_local/clock`, { method: 'POST', body: JSON.stringify({ advance: d }) });
  console.log(d, await r.text(), Math.round(performance.now() - t), 'ms');
}
await rt.stop();
