import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { allWatchShards, assignmentKey, TABLE } from '#contracts/table.ts';
import { dynamo } from '../clients/dynamo.ts';

/**
 * The sweeper's view: every open assignment carries `watchAt`, the time by which its execution must have
 * touched it again (the end of its current wait, plus a grace period). Those past it are looked at.
 */
export type Watched = { directiveId: string; recipientId: string; watchAt: string };

/** One shard's watched assignments past `now`, at most `limit`. */
const staleInShard = async (shard: string, now: string, limit: number) => {
  const found: Watched[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        IndexName: TABLE.watch.name,
        KeyConditionExpression: '#pk = :shard AND #at < :now',
        ExpressionAttributeNames: { '#pk': TABLE.watch.partitionKey, '#at': TABLE.watch.sortKey },
        ExpressionAttributeValues: { ':shard': shard, ':now': now },
        Limit: limit - found.length,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? [])
      found.push({
        directiveId: String(item.directiveId),
        recipientId: String(item.recipientId),
        watchAt: String(item.watchAt),
      });
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && found.length < limit);
  return found;
};

/** Open assignments whose execution is overdue to touch them: the shards read at once, `limit` from each at most. */
export const staleWatches = async (now: string, limitPerShard: number): Promise<Watched[]> =>
  (await Promise.all(allWatchShards().map((shard) => staleInShard(shard, now, limitPerShard)))).flat();

/** The execution was found alive (or just started): the sweeper looks again at `at`, if nothing moved it meanwhile. */
export const watchAgainAt = async (w: Watched, at: number) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: assignmentKey(w.directiveId, w.recipientId),
        UpdateExpression: 'SET watchAt = :at',
        ConditionExpression: 'attribute_exists(watchPk) AND watchAt = :was',
        ExpressionAttributeValues: { ':at': new Date(at).toISOString(), ':was': w.watchAt },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};
