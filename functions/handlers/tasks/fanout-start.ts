import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { z } from 'zod';
import { dynamo } from '#adapters/clients/dynamo.ts';
import { startAssignment } from '#adapters/workflow.ts';
import { config } from '#contracts/environment.ts';
import { ASSIGNMENT_PREFIX, directiveKey } from '#contracts/table.ts';
import { stepHandler } from '../middleware/step-handler.ts';
import { BATCH_SIZE } from './fanout-plan.ts';

const batch = z.object({ directiveId: z.string().min(1), after: z.string().nullable() });

/** Starts one assignment execution per recipient of the batch; names are derived, so a retry starts none twice. */
export const handler = stepHandler(batch, async ({ directiveId, after }) => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: config().TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': directiveKey(directiveId).pk, ':prefix': ASSIGNMENT_PREFIX },
      ...(after ? { ExclusiveStartKey: { ...directiveKey(directiveId), sk: after } } : {}),
      ProjectionExpression: 'recipientId, sk',
      Limit: BATCH_SIZE,
    }),
  );
  const started = await pMap(Items, (i) => startAssignment(directiveId, String(i.recipientId)), { concurrency: 10 });
  return { started: started.filter(Boolean).length, seen: started.length };
});
