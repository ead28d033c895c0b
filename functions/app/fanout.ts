import pMap from 'p-map';
import type * as z from 'zod/mini';
import { assignmentIdsPage } from '#adapters/store/assignments.ts';
import { startAssignmentOnce } from '#adapters/workflow.ts';
import { type fanoutBatch, type fanoutInput, THROTTLING_ERRORS } from '#contracts/workflow.ts';

/** Executions each batch starts: 5,000 recipients make 100 Map iterations, far inside the history limit. */
export const BATCH_SIZE = 50;
/** Starts in flight per batch; the Map runs 5 batches at a time, so 50 in all. */
const START_CONCURRENCY = 10;

/**
 * How a start paces itself against StartExecution's token bucket (refill 300/s in large regions, 150/s in
 * others): a throttled start waits a full-jitter backoff (random up to min(cap, base·2^attempt)) and tries
 * again. The cap is short on purpose: 50 starters each trying every 50 ms on average ask about 1,000/s, so the
 * bucket's refill is always taken as it comes (the fan-out stays near the quota's floor) while each starter
 * asks at most 20 times a second. After `attempts` throttles in a row the start fails, and so does its batch,
 * into the Map's Retry: a start is never skipped.
 */
export const THROTTLE_BACKOFF = { attempts: 100, baseMs: 10, capMs: 100 } as const;

const THROTTLES = new Set<string>(THROTTLING_ERRORS);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const startPaced = async (directiveId: string, recipientId: string) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAssignmentOnce(directiveId, recipientId);
    } catch (error) {
      if (!(error instanceof Error && THROTTLES.has(error.name)) || attempt >= THROTTLE_BACKOFF.attempts) throw error;
      const { baseMs, capMs } = THROTTLE_BACKOFF;
      await pause(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
    }
  }
};

/**
 * Splits a directive's assignments into batches by key range. The batch list is small (one sort key per 50
 * recipients) whatever the size of the directive, so the Map state's input stays far below 256 KiB.
 */
export const planBatches = async ({ directiveId }: z.infer<typeof fanoutInput>) => {
  const batches: { directiveId: string; after: string | null }[] = [];
  let after: string | null = null;
  do {
    batches.push({ directiveId, after });
    after = (await assignmentIdsPage(directiveId, after, BATCH_SIZE)).next;
  } while (after);
  return { directiveId, batches };
};

/**
 * Starts one assignment execution per recipient of the batch, each paced on throttling. Any start that still
 * fails fails the batch (the Map retries it); names are derived, so a retry starts none twice.
 */
export const startBatch = async ({ directiveId, after }: z.infer<typeof fanoutBatch>) => {
  const { recipientIds } = await assignmentIdsPage(directiveId, after, BATCH_SIZE);
  const started = await pMap(recipientIds, (id) => startPaced(directiveId, id), { concurrency: START_CONCURRENCY });
  return { started: started.filter(Boolean).length, seen: started.length };
};
