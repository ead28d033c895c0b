import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '#adapters/clients/dynamo.ts';
import { config } from '#contracts/environment.ts';
import { ASSIGNMENT_PREFIX, directiveKey } from '#contracts/table.ts';
import { stepHandler } from '../middleware/step-handler.ts';

/** Executions each batch starts: 5,000 recipients make 100 Map iterations, far inside the history limit. */
export const BATCH_SIZE = 50;

/**
 * Splits a directive's assignments into batches by key range. The batch list is small (one sort key per 50
 * recipients) whatever the size of the directive, so the Map state's input stays far below 256 KiB.
 */
export const handler = stepHandler(z.object({ directiveId: z.string().min(1) }), async ({ directiveId }) => {
  const batches: { directiveId: string; after: string | null }[] = [];
  let after: string | null = null;
  for (;;) {
    batches.push({ directiveId, after });
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': directiveKey(directiveId).pk, ':prefix': ASSIGNMENT_PREFIX },
        ...(after ? { ExclusiveStartKey: { ...directiveKey(directiveId), sk: after } } : {}),
        ProjectionExpression: 'sk',
        Limit: BATCH_SIZE,
      }),
    );
    const last = page.Items?.at(-1)?.sk as string | undefined;
    if (!page.LastEvaluatedKey || !last) break;
    after = last;
  }
  return { directiveId, batches };
});
