import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { assignmentKey, idempotencyKey } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';

/**
 * A forward claims the agency's assignment before its child is stored (`forwardKey`, set once): of two different
 * forwards racing, only the one that claimed it stores a child, so that no child exists that its parent does not
 * name (its units would otherwise be invited by the sweeper). The same forward (a double submit, a retry) claims
 * it again. Not a transition: the workflow's state does not change, so the version is left alone. Answers whether
 * this key holds the claim.
 */
export const claimForward = async (
  directiveId: string,
  recipientId: string,
  key: string,
  linkVersion: number,
): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: assignmentKey(directiveId, recipientId),
        UpdateExpression: 'SET forwardKey = :key',
        // Only while the link that asks is the assignment's: a move to another address wins over the old one's forward.
        ConditionExpression:
          'attribute_exists(pk) AND linkVersion = :link AND (attribute_not_exists(forwardKey) OR forwardKey = :key)',
        ExpressionAttributeValues: { ':key': key, ':link': linkVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Records the child directive on the claimed assignment (the same child again is no change). */
export const linkForward = async (directiveId: string, recipientId: string, key: string, childId: string) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: config().TABLE_NAME,
      Key: assignmentKey(directiveId, recipientId),
      UpdateExpression: 'SET forwardedTo = :child',
      ConditionExpression: 'forwardKey = :key',
      ExpressionAttributeValues: { ':child': childId, ':key': key },
    }),
  );
};

/** The directive an idempotency key already made, if any (a forward's double submit finds its child here). */
export const directiveOfKey = async (key: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: config().TABLE_NAME, Key: idempotencyKey(key), ConsistentRead: true }),
  );
  return Item?.directiveId ? { directiveId: String(Item.directiveId), bodyHash: String(Item.bodyHash) } : undefined;
};
