import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { problem } from '#contracts/problems.ts';
import {
  ASSIGNMENT_PREFIX,
  assignmentKey,
  directiveKey,
  dueShardOf,
  historyChunkKey,
  watchShardOf,
} from '#contracts/table.ts';
import { type Assignment, bucketOf, type HistoryEvent, isOpen, nextDeadline } from '#core/assignment/model.ts';
import type { Transition } from '#core/assignment/transitions.ts';
import { ConflictError, NotFoundError } from '#core/errors.ts';
import { dynamo } from '../clients/dynamo.ts';
import { count } from '../observability.ts';
import { encodeReports, type StoredAssignment, SUMMARY_FIELDS, toAssignment } from './assignment-codec.ts';
import { inboxKeysOf } from './inbox.ts';
import { rosterKeysOf, rosterUpdate } from './roster.ts';

export { type StoredAssignment, toAssignment } from './assignment-codec.ts';

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
  'ackRemindedUntil',
  'outcome',
  'extensionRequests',
  'linkVersion',
  'addressSince',
  'recipientName',
  'recipientEmail',
  'handler',
  'notices',
  'generation',
  'generationVersion',
] as const satisfies readonly (keyof Assignment)[];

/**
 * The item keeps its latest events; when a transition would take it past HISTORY_MAX, the oldest committed
 * events go to a chunk item of their own first. A chunk's content is fixed by the version it was cut from, so
 * two writers racing on that version write the same chunk, and the loser's retry starts from the winner's.
 */
export const HISTORY_MAX = 16;
export const HISTORY_KEEP = 6;

/** How long after its planned wake-up an assignment's execution may stay silent before the sweeper looks. */
export const WATCH_GRACE_MS = 60 * 60_000;

export const watchOf = (directiveId: string, recipientId: string, at: number) => ({
  watchPk: watchShardOf(directiveId, recipientId),
  watchAt: new Date(at).toISOString(),
});

export const getAssignment = async (directiveId: string, recipientId: string): Promise<StoredAssignment> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: config().TABLE_NAME,
      Key: assignmentKey(directiveId, recipientId),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new NotFoundError(problem('assignment.notFound', { directiveId, recipientId }));
  return toAssignment(Item);
};

/** The item a new assignment starts as: stored once by the create handler, watched from the start. */
export const newAssignmentItem = (a: Assignment, now: string) => ({
  ...assignmentKey(a.directiveId, a.recipientId),
  ...a,
  reports: encodeReports(a.reports),
  bucket: bucketOf(a, now),
  ...watchOf(a.directiveId, a.recipientId, Date.parse(now) + WATCH_GRACE_MS),
  ...inboxKeysOf(a, now),
  ...rosterKeysOf(a),
});

export type Applied =
  | { applied: true; assignment: StoredAssignment; events: HistoryEvent[] }
  | { applied: false; assignment: StoredAssignment; refusal: Extract<Transition, { ok: false }> };

const MAX_ATTEMPTS = 12;

/** Writers that lost a race wait a little, at random and longer each time, so that they stop colliding. */
const backOff = (attempt: number) =>
  attempt === 0 ? undefined : new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));

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
    await backOff(attempt);
    const current = attempt === 0 && read ? read : await getAssignment(directiveId, recipientId);
    const result = transition(current);
    if (!result.ok) return { applied: false, assignment: current, refusal: result };
    const stored = await write(current, result.next, result.events, now);
    if (stored) {
      await moveTally(directiveId, current, stored);
      return { applied: true, assignment: stored, events: result.events };
    }
    count('LostRaces');
  }
  throw new ConflictError(problem('store.busy'));
};

/**
 * The one conditional UpdateItem that writes a transition, built without I/O (the benchmark measures this very
 * write): expected version and status, the changed attributes, the events appended to the history, the bucket
 * and the sparse indexes' keys. When the history would pass HISTORY_MAX, the oldest committed events go to a
 * chunk item (`chunk`, to be put first) and the item keeps the rest.
 */
export const transitionWrite = (current: StoredAssignment, next: Assignment, events: HistoryEvent[], now: string) => {
  const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#history': 'history' };
  const values: Record<string, unknown> = {
    ':expected': current.version,
    ':expectedStatus': current.status,
    ':next': current.version + 1,
  };
  const set = ['#version = :next'];
  const remove: string[] = [];
  const cut = current.history.length - HISTORY_KEEP;
  const archive = current.history.length + events.length > HISTORY_MAX && cut > 0;
  const seq = current.archivedChunks ?? 0;
  if (archive) {
    set.push('#history = :history', '#archived = :archived');
    names['#archived'] = 'archivedChunks';
    values[':history'] = [...current.history.slice(cut), ...events];
    values[':archived'] = seq + 1;
  } else {
    set.push('#history = list_append(#history, :events)');
    values[':events'] = events;
  }
  MUTABLE.forEach((attr, i) => {
    const before = current[attr];
    const after = next[attr];
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    names[`#m${i}`] = attr;
    if (after === undefined) remove.push(`#m${i}`);
    else {
      set.push(`#m${i} = :m${i}`);
      values[`:m${i}`] = attr === 'reports' ? encodeReports(next.reports) : after;
    }
  });
  const due = isOpen(next.status) ? nextDeadline(next) : undefined;
  // The address's inbox: recomputed on every write, so a reassignment moves it and a closing re-sorts it.
  const inbox = inboxKeysOf(next, now);
  names['#g3pk'] = 'gsi3pk';
  names['#g3sk'] = 'gsi3sk';
  values[':g3pk'] = inbox.gsi3pk;
  values[':g3sk'] = inbox.gsi3sk;
  set.push('#g3pk = :g3pk', '#g3sk = :g3sk');
  // The dashboard's roster: its band and nearest deadline move with every write, like the inbox's keys.
  const roster = rosterUpdate(next);
  Object.assign(names, roster.names);
  Object.assign(values, roster.values);
  set.push(...roster.set);
  remove.push(...roster.remove);
  names['#bucket'] = 'bucket';
  values[':bucket'] = bucketOf(next, now);
  set.push('#bucket = :bucket');
  names['#duePk'] = 'duePk';
  names['#dueAt'] = 'dueAt';
  if (due) {
    set.push('#duePk = :duePk', '#dueAt = :dueAt');
    values[':duePk'] = dueShardOf(current.directiveId, current.recipientId);
    values[':dueAt'] = due;
  } else remove.push('#duePk', '#dueAt');
  // A closed assignment needs no execution: it leaves the sweeper's index.
  if (!isOpen(next.status)) {
    names['#watchPk'] = 'watchPk';
    names['#watchAt'] = 'watchAt';
    remove.push('#watchPk', '#watchAt');
  }
  return {
    chunk: archive
      ? {
          ...historyChunkKey(current.directiveId, current.recipientId, seq),
          events: current.history.slice(0, cut),
        }
      : undefined,
    update: {
      TableName: config().TABLE_NAME,
      Key: assignmentKey(current.directiveId, current.recipientId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: '#version = :expected AND #status = :expectedStatus',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW' as const,
    },
  };
};

/** The transition's write; undefined when another writer changed the item first. */
const write = async (
  current: StoredAssignment,
  next: Assignment,
  events: HistoryEvent[],
  now: string,
): Promise<StoredAssignment | undefined> => {
  const { chunk, update } = transitionWrite(current, next, events, now);
  // The chunk's content is fixed by the version it was cut from: two racing writers put the same chunk.
  if (chunk) await dynamo.send(new PutCommand({ TableName: config().TABLE_NAME, Item: chunk }));
  try {
    return toAssignment((await dynamo.send(new UpdateCommand(update))).Attributes ?? {});
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
  return { items: (page.Items ?? []).map(toAssignment), last: page.LastEvaluatedKey };
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

/**
 * The ids of one page of a directive's assignments after the recipient `after` (a fan-out's batch), and where the
 * next page starts: only the keys are read.
 */
export const assignmentIdsPage = async (directiveId: string, after: string | null, limit: number) => {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: config().TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': directiveKey(directiveId).pk, ':prefix': ASSIGNMENT_PREFIX },
      ...(after ? { ExclusiveStartKey: { ...directiveKey(directiveId), sk: after } } : {}),
      ProjectionExpression: 'recipientId, sk',
      Limit: limit,
    }),
  );
  const items = page.Items ?? [];
  const last = items.at(-1)?.sk as string | undefined;
  return { recipientIds: items.map((i) => String(i.recipientId)), next: page.LastEvaluatedKey && last ? last : null };
};
