import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { shortLinkKey, TABLE } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';

export type ShortLink = { directiveId: string; recipientId: string };

/**
 * Stores (or renews) a short code for its assignment. Written again with every notice, with the links' expiry as
 * its TTL, so it lives as long as the assignment's links. The condition keeps a code with the assignment it was
 * first given to: a collision of two codes (50 bits) is refused, never a silent redirect to another agency.
 */
export const putShortLink = async (code: string, link: ShortLink, expiresAt: string) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: {
          ...shortLinkKey(code),
          ...link,
          [TABLE.timeToLive]: Math.ceil(Date.parse(expiresAt) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (directiveId = :d AND recipientId = :r)',
        ExpressionAttributeValues: { ':d': link.directiveId, ':r': link.recipientId },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new Error(`Short code ${code} already names another assignment`);
    throw error;
  }
};

export const getShortLink = async (code: string, now: string): Promise<ShortLink | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: config().TABLE_NAME, Key: shortLinkKey(code) }));
  // TTL deletes within days of expiry, not at once: an expired item is treated as gone.
  if (!Item || (typeof Item.ttl === 'number' && Item.ttl * 1000 <= Date.parse(now))) return undefined;
  return { directiveId: String(Item.directiveId), recipientId: String(Item.recipientId) };
};
