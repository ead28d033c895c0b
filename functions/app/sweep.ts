import pMap from 'p-map';
import { applyTransition, WATCH_GRACE_MS } from '#adapters/store/assignments.ts';
import { staleWatches, type Watched, watchAgainAt } from '#adapters/store/watch.ts';
import { assignmentExecutionStatus, startAssignment } from '#adapters/workflow.ts';
import { isOpen } from '#core/assignment/model.ts';
import { resume } from '#core/assignment/transitions.ts';
import { findAssignment } from './find-assignment.ts';

/** Enough for an hour's run to finish well inside a Lambda's time; what is left waits for the next run. */
const MAX_PER_SHARD = 100;

type Outcome = 'alive' | 'started' | 'restarted' | 'closed';

/**
 * One open assignment its execution did not touch in time. Alive (still running, perhaps recovering): looked at
 * again later. Never started (a fan-out that failed): started. Ended while the item is open (failed, aborted,
 * lost): the item moves to the next generation and a new execution resumes it from the stored state.
 */
const sweepOne = async (w: Watched, now: number): Promise<Outcome> => {
  const a = await findAssignment(w.directiveId, w.recipientId);
  if (!a || !isOpen(a.status)) return 'closed';
  const generation = a.generation ?? 0;
  const status = await assignmentExecutionStatus(a.directiveId, a.recipientId, generation);
  if (status === 'RUNNING') {
    await watchAgainAt(w, now + WATCH_GRACE_MS);
    return 'alive';
  }
  if (status === undefined) {
    // Never started, or a move to this generation whose start failed: start it (a start is idempotent).
    await startAssignment(a.directiveId, a.recipientId, generation);
    await watchAgainAt(w, now + WATCH_GRACE_MS);
    return 'started';
  }
  const at = new Date(now).toISOString();
  const result = await applyTransition(a.directiveId, a.recipientId, at, (x) =>
    resume(x, at, { fromGeneration: generation, reason: `Khôi phục theo dõi (lượt trước: ${status})` }),
  );
  if (result.applied) await startAssignment(a.directiveId, a.recipientId, generation + 1);
  return 'restarted';
};

/**
 * The sweeper, hourly: finds open assignments that no execution is tracking any more and resumes them, so that
 * no failure, however unexpected, stops an escalation for good. It reads the sparse `watch` index, never a Scan.
 */
export const sweep = async () => {
  const now = Date.now();
  const stale = await staleWatches(new Date(now).toISOString(), MAX_PER_SHARD);
  const outcomes = await pMap(stale, (w) => sweepOne(w, now), { concurrency: 4 });
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  return {
    checked: stale.length,
    alive: count('alive'),
    started: count('started'),
    restarted: count('restarted'),
  };
};
