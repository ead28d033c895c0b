import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import {
  allDueShards,
  byRecipient,
  INBOX_CLOSED,
  INBOX_OPEN,
  inboxWeekKey,
  recipientPartition,
  TABLE,
} from '#contracts/table.ts';
import { type Assignment, isOpen, nextDeadline } from '#core/assignment/model.ts';
import { dynamo } from '../clients/dynamo.ts';
import { type StoredAssignment, toAssignment } from './assignment-codec.ts';
import { indexPartition, queryAll } from './query-all.ts';

/**
 * The keys of an assignment in its address's inbox index (gsi3), written with every write of the item: open ones
 * by their nearest deadline, closed ones by when they closed (`at`, the write's time, when the item says nothing).
 */
export const inboxKeysOf = (a: Assignment, at: string) => {
  const open = isOpen(a.status);
  const instant = open ? (nextDeadline(a) ?? a.ackDeadline ?? a.createdAt) : (a.completedAt ?? a.cancelledAt ?? at);
  return byRecipient(a.recipientEmail, open, instant, a.directiveId, a.recipientId);
};

/** The most closed assignments an inbox shows: the latest, since an agency's past grows year after year. */
export const INBOX_CLOSED_SHOWN = 50;

const queryRecipient = async (
  email: string,
  prefix: string,
  options: { newestFirst?: boolean; limit?: number } = {},
): Promise<StoredAssignment[]> =>
  (
    await queryAll(
      {
        TableName: config().TABLE_NAME,
        IndexName: TABLE.byRecipient.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': TABLE.byRecipient.partitionKey, '#sk': TABLE.byRecipient.sortKey },
        ExpressionAttributeValues: { ':pk': recipientPartition(email), ':prefix': prefix },
        ScanIndexForward: !options.newestFirst,
      },
      options.limit,
    )
  ).map(toAssignment);

/**
 * Every open assignment of an address, nearest deadline first, and its latest closed ones: two range queries
 * of the by-address index, never a Scan. The index keeps the item's own address, so a reassigned assignment is
 * listed under its new address only.
 */
export const inboxOf = async (email: string) => {
  const [open, closed] = await Promise.all([
    queryRecipient(email, INBOX_OPEN),
    queryRecipient(email, INBOX_CLOSED, { newestFirst: true, limit: INBOX_CLOSED_SHOWN }),
  ]);
  return { open, closed };
};

/** Whether an address has any assignment at all (open or closed): one key read. */
export const hasAssignments = async (email: string) => {
  const page = await dynamo.send(
    new QueryCommand({ ...indexPartition(TABLE.byRecipient, recipientPartition(email)), Limit: 1 }),
  );
  return (page.Items ?? []).length > 0;
};

/**
 * Every open assignment with a deadline, from the sparse, sharded `due` index that the digest reads (its
 * projection carries the address, the deadlines, the number and the issuer). The weekly inbox email reads it
 * whole, once a week: what is read is what is open, and no new index or per-address marker item has to be kept
 * in step on the hot create path. An assignment not delivered yet (no deadline) is not in it, and its agency has
 * not had the invitation either.
 */
export const openAssignments = async () => {
  const shards = await Promise.all(allDueShards().map((shard) => queryAll(indexPartition(TABLE.due, shard))));
  return shards.flat().map(toAssignment);
};

/** Claims kept eight weeks, then removed by TTL: long enough that no retry of a week comes after. */
const CLAIM_TTL_S = 8 * 7 * 86_400;

/** One weekly email per address per week, even if the schedule fires twice or a run is retried. */
export const claimWeek = async (email: string, monday: string, now: string) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: {
          ...inboxWeekKey(email, monday),
          sentAt: now,
          [TABLE.timeToLive]: Math.floor(Date.parse(now) / 1000) + CLAIM_TTL_S,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** The week's email could not go out: the next run may try again. */
export const releaseWeek = (email: string, monday: string) =>
  dynamo.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: inboxWeekKey(email, monday) }));
