import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { TABLE } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';

/**
 * Sessions ended by signing out: a deny-list, one item per sign-in, keyed by the id Cognito gives every token of
 * one sign-in (`origin_jti`). A token is a signed statement that stays valid until it expires, and neither the
 * web app's verification nor API Gateway's JWT authorizer asks Cognito about revocation; so the handlers ask this
 * list. An item is needed only until the last token of its sign-in expires; DynamoDB's TTL (`ttl`, epoch
 * seconds, a day later) then deletes it.
 */
const key = (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'REVOKED' });

export const revokeSession = async (sessionId: string, expiresAt: string) => {
  await dynamo.send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { ...key(sessionId), expiresAt, [TABLE.timeToLive]: Math.ceil(Date.parse(expiresAt) / 1000) + 86_400 },
    }),
  );
};

/** Strongly consistent: a sign-out is in force for the very next request, whichever container serves it. */
export const isSessionRevoked = async (sessionId: string): Promise<boolean> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: config().TABLE_NAME,
      Key: key(sessionId),
      ConsistentRead: true,
      ProjectionExpression: 'pk',
    }),
  );
  return Item !== undefined;
};
