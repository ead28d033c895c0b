import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients.ts';
import { config } from '../config.ts';
import {
  type Assignment,
  type Bucket,
  bucketOf,
  type HistoryEvent,
  isOpen,
  nextDeadline,
} from '../domain/assignment.ts';
import type { Transition } from '../domain/transitions.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { ASSIGNMENT_PREFIX, assignmentKey, directiveKey, dueShardOf } from './keys.ts';

/** The attributes a transition may change. Everything else on the item is fixed at creation. */
const MUTABLE = [
  'status',
  'deliveredAt',
  'ackDeadline',
  'acknowledgedAt',
  'completedAt',
  'cancelledAt',
  'reports',
  'escalationLevel',
  'checkpointsDone',
  'outcome',
  'extensionRequest',
  'linkVersion',
] as const satisfies readonly (keyof Assignment)[];

export type StoredAssignment = Assignment & { bucket: Bucket; dueAt?: string };

export const toAssignment = (item: Record<string, unknown>): StoredAssignment => {
  const { pk: _pk, sk: _sk, duePk: _duePk, ...rest } = item;
  return rest as StoredAssignment;
};

export const getAssignment = async (directiveId: string, recipientId: string): Promise<StoredAssignment> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: config().TABLE_NAME,
      Key: assignmentKey(directiveId, recipientId),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new NotFoundError(`Không tìm thấy đơn vị ${recipientId} trong công văn ${directiveId}`);
  return toAssignment(Item);
};

/** The item a new assignment starts as: stored once by the create handler. */
export const newAssignmentItem = (a: Assignment, now: string) => ({
  ...assignmentKey(a.directiveId, a.recipientId),
  ...a,
  bucket: bucketOf(a, now),
});

export type Applied =
  | { applied: true; assignment: StoredAssignment; events: HistoryEvent[] }
  | { applied: false; assignment: StoredAssignment; refusal: Extract<Transition, { ok: false }> };

const MAX_ATTEMPTS = 8;

/**
 * Applies a domain transition with one conditional UpdateItem: expected version and status, the changed
 * attributes, and the events appended to the history in the same write. A lost race re-reads the winner and
 * asks the transition again, which then answers "already done" or applies on top of it.
 */
export const applyTransition = async (
  directiveId: string,
  recipientId: string,
  now: string,
  transition: (a: Assignment) => Transition,
  /** The item as the caller just read it, to save a read; a lost race reads again anyway. */
  read?: StoredAssignment,
): Promise<Applied> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = attempt === 0 && read ? read : await getAssignment(directiveId, recipientId);
    const result = transition(current);
    if (!result.ok) return { applied: false, assignment: current, refusal: result };
    const stored = await write(current, result.next, result.events, now);
    if (stored) {
      await moveTally(directiveId, current, stored);
      return { applied: true, assignment: stored, events: result.events };
    }
  }
  throw new ConflictError('Hồ sơ đang được cập nhật đồng thời, vui lòng thử lại.');
};

const write = async (
  current: StoredAssignment,
  next: Assignment,
  events: HistoryEvent[],
  now: string,
): Promise<StoredAssignment | undefined> => {
  const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#history': 'history' };
  const values: Record<string, unknown> = {
    ':expected': current.version,
    ':expectedStatus': current.status,
    ':next': current.version + 1,
    ':events': events,
  };
  const set = ['#version = :next', '#history = list_append(#history, :events)'];
  const remove: string[] = [];
  MUTABLE.forEach((attr, i) => {
    const before = current[attr];
    const after = next[attr];
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    names[`#m${i}`] = attr;
    if (after === undefined) remove.push(`#m${i}`);
    else {
      set.push(`#m${i} = :m${i}`);
      values[`:m${i}`] = after;
    }
  });
  const bucket = bucketOf(next, now);
  const due = isOpen(next.status) ? nextDeadline(next) : undefined;
  names['#bucket'] = 'bucket';
  values[':bucket'] = bucket;
  set.push('#bucket = :bucket');
  names['#duePk'] = 'duePk';
  names['#dueAt'] = 'dueAt';
  if (due) {
    set.push('#duePk = :duePk', '#dueAt = :dueAt');
    values[':duePk'] = dueShardOf(current.directiveId, current.recipientId);
    values[':dueAt'] = due;
  } else remove.push('#duePk', '#dueAt');
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: assignmentKey(current.directiveId, current.recipientId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: '#version = :expected AND #status = :expectedStatus',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toAssignment(Attributes ?? {});
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
};

/**
 * Keeps the directive's counts per bucket. It is a second write, so a crash between the two can leave a count
 * off by one: reading a directive recounts from the assignments and repairs it (see `reconcileTally`).
 */
const moveTally = async (directiveId: string, before: StoredAssignment, after: StoredAssignment) => {
  const delta = tallyDelta(before, after);
  if (Object.keys(delta).length === 0) return;
  await addToTally(directiveId, delta);
};

export const tallyDelta = (before: Pick<StoredAssignment, 'bucket' | 'acknowledgedAt'>, after: typeof before) => {
  const delta: Record<string, number> = {};
  const add = (key: string, n: number) => {
    delta[key] = (delta[key] ?? 0) + n;
    if (delta[key] === 0) delete delta[key];
  };
  add(before.bucket, -1);
  add(after.bucket, 1);
  add('acknowledged', (after.acknowledgedAt ? 1 : 0) - (before.acknowledgedAt ? 1 : 0));
  return delta;
};

export const addToTally = async (directiveId: string, delta: Record<string, number>) => {
  const entries = Object.entries(delta);
  if (entries.length === 0) return;
  await dynamo.send(
    new UpdateCommand({
      TableName: config().TABLE_NAME,
      Key: directiveKey(directiveId),
      UpdateExpression: `ADD ${entries.map((_, i) => `#tally.#k${i} :v${i}`).join(', ')}`,
      ExpressionAttributeNames: {
        '#tally': 'tally',
        ...Object.fromEntries(entries.map(([k], i) => [`#k${i}`, k])),
      },
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      ConditionExpression: 'attribute_exists(pk)',
    }),
  );
};

/** Stores the token of the wait that has just begun, unless the item moved on since the plan was made. */
export const storeTaskToken = async (
  directiveId: string,
  recipientId: string,
  token: string,
  planVersion: number,
): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: assignmentKey(directiveId, recipientId),
        UpdateExpression: 'SET taskToken = :token, tokenVersion = :v',
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':token': token, ':v': planVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const clearTaskToken = async (directiveId: string, recipientId: string) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: config().TABLE_NAME,
      Key: assignmentKey(directiveId, recipientId),
      UpdateExpression: 'REMOVE taskToken, tokenVersion',
    }),
  );
};

const SUMMARY_FIELDS = [
  'directiveId',
  'recipientId',
  'recipientName',
  'taskCodes',
  'recipientEmail',
  'status',
  'version',
  'createdAt',
  'policy',
  'deliveredAt',
  'ackDeadline',
  'acknowledgedAt',
  'completedAt',
  'cancelledAt',
  'reports',
  'escalationLevel',
  'checkpointsDone',
  'outcome',
  'extensionRequest',
  'linkVersion',
  'bucket',
  'dueAt',
];

/**
 * One query of a directive's assignments. The history is left out unless asked for: it is the bulk of an item.
 * DynamoDB stops a query at 1 MB of items read, whatever the projection, so callers follow `LastEvaluatedKey`.
 */
const queryAssignments = async (
  directiveId: string,
  options: { withHistory?: boolean | undefined; limit?: number | undefined },
  ExclusiveStartKey: Record<string, unknown> | undefined,
) => {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: config().TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': directiveKey(directiveId).pk, ':prefix': ASSIGNMENT_PREFIX },
      ...(options.withHistory
        ? {}
        : {
            // Every name goes through a placeholder: several (status, bucket…) are reserved words.
            ProjectionExpression: SUMMARY_FIELDS.map((_, i) => `#p${i}`).join(', '),
            ExpressionAttributeNames: Object.fromEntries(SUMMARY_FIELDS.map((f, i) => [`#p${i}`, f])),
          }),
      ...(options.limit ? { Limit: options.limit } : {}),
      ExclusiveStartKey,
    }),
  );
  const items = (page.Items ?? []).map((item) => {
    const a = toAssignment(item);
    return { ...a, history: a.history ?? [] };
  });
  return { items, last: page.LastEvaluatedKey };
};

/** One page of a directive's assignments, in key order, after the recipient `after`. */
export const assignmentPage = async (
  directiveId: string,
  options: { limit: number; after?: string | undefined; withHistory?: boolean },
): Promise<{ items: StoredAssignment[]; next?: string }> => {
  const items: StoredAssignment[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined = options.after
    ? assignmentKey(directiveId, options.after)
    : undefined;
  do {
    const page = await queryAssignments(
      directiveId,
      { withHistory: options.withHistory, limit: options.limit - items.length },
      ExclusiveStartKey,
    );
    items.push(...page.items);
    ExclusiveStartKey = page.last;
  } while (ExclusiveStartKey && items.length < options.limit);
  const last = items.at(-1);
  return { items, ...(ExclusiveStartKey && last ? { next: last.recipientId } : {}) };
};

export const allAssignmentsOf = async (directiveId: string, options: { withHistory?: boolean } = {}) => {
  const all: StoredAssignment[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await queryAssignments(directiveId, options, ExclusiveStartKey);
    all.push(...page.items);
    ExclusiveStartKey = page.last;
  } while (ExclusiveStartKey);
  return all;
};
