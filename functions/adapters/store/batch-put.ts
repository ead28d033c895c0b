import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { config } from '#contracts/environment.ts';
import { dynamo } from '../clients/dynamo.ts';

/** DynamoDB's limit of requests in one BatchWriteItem. */
export const BATCH_WRITE_MAX = 25;
/** Retries of a batch's unprocessed items before giving up: with the backoff below, about 13 s of waiting. */
const MAX_ROUNDS = 10;

const backoffMs = (round: number) => Math.min(2000, 25 * 2 ** round) * (0.5 + Math.random() / 2);
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Puts items 25 to a request. What DynamoDB leaves unprocessed (throttling, a busy partition) is sent again with
 * a growing, jittered pause until nothing is left; after MAX_ROUNDS it throws rather than return with an item
 * unwritten, so a caller never reports success for a set that is only partly stored. The puts are unconditional
 * (BatchWriteItem takes no condition): the caller says why overwriting is safe.
 */
export const batchPut = async (
  items: Record<string, unknown>[],
  options: { concurrency?: number; pause?: (ms: number) => Promise<void> } = {},
) => {
  const table = config().TABLE_NAME;
  const pause = options.pause ?? wait;
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH_WRITE_MAX) chunks.push(items.slice(i, i + BATCH_WRITE_MAX));
  const writeChunk = async (chunk: Record<string, unknown>[]) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > MAX_ROUNDS) throw new Error(`BatchWriteItem: ${pending.length} items still unprocessed`);
      if (round > 0) await pause(backoffMs(round));
      const { UnprocessedItems } = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (UnprocessedItems?.[table] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
      );
    }
  };
  // A few batches at a time: the store, not this loop, is what limits the pace.
  await pMap(chunks, writeChunk, { concurrency: options.concurrency ?? 4 });
};
