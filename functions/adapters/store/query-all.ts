import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { dynamo } from '../clients/dynamo.ts';

/** The query of one whole partition of one of the table's indexes. */
export const indexPartition = (index: { name: string; partitionKey: string }, partition: string) => ({
  TableName: config().TABLE_NAME,
  IndexName: index.name,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': index.partitionKey },
  ExpressionAttributeValues: { ':pk': partition },
});

/**
 * Every page of one query: DynamoDB stops each page at 1 MB read, so a caller that wants all of it follows
 * `LastEvaluatedKey`; with `limit`, it stops once that many items are in.
 */
export const queryAll = async (input: QueryCommandInput, limit?: number) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ ...input, ...(limit ? { Limit: limit - items.length } : {}), ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && (!limit || items.length < limit));
  return items;
};
