import { beforeEach, describe, expect, it } from 'vitest';
import { addToTally } from '#adapters/store/assignments.ts';
import { getDirective, getDirectiveText, markDirectiveCancelled } from '#adapters/store/directives.ts';
import { issue, resetMocks } from './support/harness.ts';

/**
 * The directive text a container keeps for its tasks holds only what never changes after issue: the counts and a
 * withdrawal, which do change, are never in it, so what it answers is the same before and after they change.
 */

beforeEach(() => {
  resetMocks();
});

describe('getDirectiveText', () => {
  it('answers the text without the counts or a withdrawal, the same after both changed', async () => {
    const { id, body } = await issue({ number: '610/STTTT-BCVT' });
    const first = await getDirectiveText(id);
    expect(first.subject).toBe(body.subject);
    expect(first.tally).toEqual({});
    expect(first).not.toHaveProperty('cancelledAt');

    await addToTally(id, { acknowledged: 1 });
    await markDirectiveCancelled(id, new Date().toISOString(), 'official-1');
    const stored = await getDirective(id);
    expect(stored.cancelledAt).toBeDefined();
    expect(stored.tally.acknowledged).toBe(1);

    expect(await getDirectiveText(id)).toEqual(first);
  });

  it('keeps a bounded number of directives: the least recently used is read again', async () => {
    const { id } = await issue({ number: '611/STTTT-BCVT' });
    const kept = await getDirectiveText(id);
    expect(await getDirectiveText(id)).toBe(kept);
    for (let i = 0; i < 32; i++) await getDirectiveText((await issue({ number: `${700 + i}/STTTT-BCVT` })).id);
    expect(await getDirectiveText(id)).not.toBe(kept);
    expect(await getDirectiveText(id)).toEqual(kept);
  });
});
