import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { assignmentKey } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';
import { WATCH_GRACE_MS, watchOf } from './assignments.ts';

/**
 * The task token of the wait an assignment's execution is in: what a recipient's action wakes. Kept beside the
 * assignment's other fields, on its item, but written apart from its transitions.
 */

/**
 * Stores the token of the wait that has just begun, unless the item moved on since the plan was made, and
 * tells the sweeper when the execution must next be heard of: the end of this wait, and a grace period.
 */
export const storeTaskToken = async (
  directiveId: string,
  recipientId: string,
  token: string,
  planVersion: number,
  wakeAt: number,
): Promise<boolean> => {
  const watch = watchOf(directiveId, recipientId, wakeAt + WATCH_GRACE_MS);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: assignmentKey(directiveId, recipientId),
        UpdateExpression: 'SET taskToken = :token, tokenVersion = :v, watchPk = :wpk, watchAt = :wat',
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':token': token, ':v': planVersion, ':wpk': watch.watchPk, ':wat': watch.watchAt },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** No wait is open any more. An item that is gone stays gone: UpdateItem would otherwise create one. */
export const clearTaskToken = async (directiveId: string, recipientId: string) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: assignmentKey(directiveId, recipientId),
        UpdateExpression: 'REMOVE taskToken, tokenVersion',
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};
