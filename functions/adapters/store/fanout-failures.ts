import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { fanoutFailureKey } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';

export type FanoutFailure = { at: string; attempt: number; error: string };

/** What a failure may keep of its description: enough to read the cause, never an item that grows. */
const ERROR_MAX = 1_000;

/**
 * Records a fan-out's latest failure beside its directive (`DIR#{id}` / `FANOUT`), replacing the one before: one
 * small item per directive whatever the number of failures. Not on the directive item, whose fields reach the
 * officials' API: a failure's cause is for the engineer.
 */
export const recordFanoutFailure = async (directiveId: string, failure: FanoutFailure) => {
  await dynamo.send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { ...fanoutFailureKey(directiveId), directiveId, ...failure, error: failure.error.slice(0, ERROR_MAX) },
    }),
  );
};
