import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { allDueShards, TABLE } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';
import { type StoredAssignment, toAssignment } from './assignment-codec.ts';

/**
 * Open assignments whose earliest deadline has passed, from the sparse `due` index: one range query per shard,
 * so what is read is what is overdue, whatever the size of the table.
 */
export const overdueAssignments = async (now: string) => {
  const items: StoredAssignment[] = [];
  let read = 0;
  let capacity = 0;
  for (const shard of allDueShards()) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: config().TABLE_NAME,
          IndexName: TABLE.due.name,
          KeyConditionExpression: '#pk = :shard AND #due <= :now',
          ExpressionAttributeNames: { '#pk': TABLE.due.partitionKey, '#due': TABLE.due.sortKey },
          ExpressionAttributeValues: { ':shard': shard, ':now': now },
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey,
        }),
      );
      read += page.ScannedCount ?? page.Items?.length ?? 0;
      capacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
      items.push(...(page.Items ?? []).map(toAssignment));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return { items, read, capacity };
};
