import { checkpointsOf, planNext } from '../functions/shared/domain/checkpoints.ts';
import type { Assignment } from '../functions/shared/domain/assignment.ts';
const reports: Assignment['reports'] = {};
const first = Date.parse('2026-03-05T10:00:00Z');
for (let i = 0; i < 366; i++) { const d = new Date(first + i * 86400000).toISOString(); reports[`D#${d.slice(0,10)}`] = { taskCode: 'D', period: d.slice(0, 10), deadline: d }; }
const a = { status: 'ACKNOWLEDGED', reports, policy: { acknowledgeWithin: 'PT8H', remindBefore: ['P2D', 'P1D'], remindOnTheDay: true, escalateAfterWorkingDays: 2 }, deliveredAt: '2026-03-04T02:00:00Z', version: 3 } as unknown as Assignment;
let t = performance.now();
for (let i = 0; i < 5; i++) checkpointsOf(a);
console.log('checkpointsOf', ((performance.now() - t) / 5).toFixed(1), 'ms', checkpointsOf(a).length);
t = performance.now();
for (let i = 0; i < 5; i++) planNext(a, '2026-03-04T03:00:00Z');
console.log('planNext', ((performance.now() - t) / 5).toFixed(1), 'ms');
