import pMap from 'p-map';
import type * as z from 'zod/mini';
import { assignmentIdsPage } from '#adapters/store/assignments.ts';
import { startAssignment } from '#adapters/workflow.ts';
import type { fanoutBatch, fanoutInput } from '#contracts/workflow.ts';

/** Executions each batch starts: 5,000 recipients make 100 Map iterations, far inside the history limit. */
export const BATCH_SIZE = 50;

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

/** Starts one assignment execution per recipient of the batch; names are derived, so a retry starts none twice. */
export const startBatch = async ({ directiveId, after }: z.infer<typeof fanoutBatch>) => {
  const { recipientIds } = await assignmentIdsPage(directiveId, after, BATCH_SIZE);
  const started = await pMap(recipientIds, (id) => startAssignment(directiveId, id), { concurrency: 10 });
  return { started: started.filter(Boolean).length, seen: started.length };
};
