import { giaLaiDirective, iso, DAY, linkOf, recipients, startRuntime } from '../test/support/runtime.ts';
const rt = await startRuntime();
const now = await rt.clock();
const [power] = recipients('dien-luc');
const first = iso(now, DAY);
const until = new Date(Date.parse(first) + 365 * DAY).toISOString().slice(0, 10);
const base = giaLaiDirective({ now, recipients: [power!], number: 'X' });
const { id } = await rt.issue({ ...base, tasks: [{ code: 'D', text: 'x', assignees: [power!.id], deadline: first, recurrence: { every: 'P1D', until }, reportRequired: true }] });
await rt.settle();
const link = linkOf((await rt.mailsTo(power!.email))[0]!).path;
const summary = 'Báo cáo tình hình. '.repeat(500).slice(0, 9999);
const keys: string[] = [];
for (let i = 0; i < 366; i++) keys.push(`D#${new Date(Date.parse(first) + i * DAY + 7 * 3_600_000).toISOString().slice(0, 10)}`);
let t = performance.now();
for (let i = 0; i < 5; i++) await rt.open(link);
console.log('GET page', ((performance.now() - t) / 5).toFixed(1), 'ms');
for (const [n, batch] of [[0, 50], [50, 100], [100, 200], [200, 366]] as const) {
  t = performance.now();
  for (const k of keys.slice(n, batch)) { const r = await rt.form(`${link}/report`, { taskCode: k, summary }); if (r.status !== 200) console.log(r.status); }
  console.log('reports', n, batch, ((performance.now() - t) / (batch - n)).toFixed(1), 'ms each');
}
t = performance.now();
for (let i = 0; i < 5; i++) await rt.open(link);
console.log('GET page', ((performance.now() - t) / 5).toFixed(1), 'ms');
t = performance.now();
await rt.assignment(id, power!.id);
console.log('detail', (performance.now() - t).toFixed(1));
await rt.dispose();
