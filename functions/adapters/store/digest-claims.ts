import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { digestClaimKey } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';

/** One digest per office per day, even if the schedule fires twice: the first run claims the day. */
export const claimDay = async (issuer: string, date: string) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: { ...digestClaimKey(issuer, date), sentAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** The day's digest could not go out: the next run may try again. */
export const releaseDay = (issuer: string, date: string) =>
  dynamo.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: digestClaimKey(issuer, date) }));
