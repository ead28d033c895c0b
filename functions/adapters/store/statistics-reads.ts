import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { config } from '#contracts/environment.ts';
import { ASSIGNMENT_PREFIX, directiveKey } from '#contracts/table.ts';
import type { StoredDirective } from '#core/directive.ts';
import { STATISTICS_FIELDS, type StatisticsItem } from '#core/statistics.ts';
import { dynamo } from '../clients/dynamo.ts';
import { toAssignment } from './assignment-codec.ts';

/**
 * A directive's assignments as the statistics read them: only STATISTICS_FIELDS of each item, so that a
 * province's 20,000 assignments are a fraction of the bytes to read, send and decode (no policy, addresses,
 * extension requests or history).
 */
const statisticsAssignmentsOf = async (directiveId: string) => {
  const all: StatisticsItem['assignments'] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': directiveKey(directiveId).pk, ':prefix': ASSIGNMENT_PREFIX },
        // Every name goes through a placeholder: several (status…) are reserved words.
        ProjectionExpression: STATISTICS_FIELDS.map((_, i) => `#p${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(STATISTICS_FIELDS.map((f, i) => [`#p${i}`, f])),
        ExclusiveStartKey,
      }),
    );
    all.push(...(page.Items ?? []).map(toAssignment));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return all;
};

/**
 * The statistics' items for these directives, in their order: a bounded number of queries at a time, so that a
 * province's hundreds of directives neither queue on the client's sockets nor burst the table's partitions.
 */
export const statisticsItemsOf = (directives: readonly StoredDirective[]): Promise<StatisticsItem[]> =>
  pMap(directives, async (directive) => ({ directive, assignments: await statisticsAssignmentsOf(directive.id) }), {
    concurrency: 16,
  });
