import { BUCKETS, type Bucket } from './assignment/model.ts';
import type { StoredDirective } from './directive.ts';

/** The four counts of the Government Office, plus acknowledged, cancelled and undeliverable. */
export const countsOf = (tally: Record<string, number>) =>
  Object.fromEntries([...BUCKETS, 'acknowledged'].map((k) => [k, Math.max(0, tally[k] ?? 0)])) as Record<
    Bucket | 'acknowledged',
    number
  >;

export const directiveState = (d: StoredDirective) => {
  const c = countsOf(d.tally);
  if (d.cancelledAt) return 'CANCELLED';
  if (c.inProgressOverdue > 0) return 'OVERDUE';
  if (c.inProgressOnTime > 0) return 'OPEN';
  return 'COMPLETED';
};
