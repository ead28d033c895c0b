import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { directiveKey, historyChunkKey } from '#contracts/table.ts';
import type { Assignment, HistoryEvent } from '#core/assignment/model.ts';
import { dynamo } from '../clients/dynamo.ts';

/**
 * The whole history of an assignment: its archived chunks in order, then the item's latest events. Only the
 * chunks the item counts are read: a chunk written by a writer that then lost its race is not history yet.
 */
export const fullHistoryOf = async (
  a: Pick<Assignment, 'directiveId' | 'recipientId' | 'history' | 'archivedChunks'>,
): Promise<HistoryEvent[]> => {
  const chunks = a.archivedChunks ?? 0;
  if (chunks === 0) return a.history;
  const older: HistoryEvent[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': directiveKey(a.directiveId).pk,
          ':first': historyChunkKey(a.directiveId, a.recipientId, 0).sk,
          ':last': historyChunkKey(a.directiveId, a.recipientId, chunks - 1).sk,
        },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) older.push(...((item.events as HistoryEvent[]) ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return [...older, ...a.history];
};
