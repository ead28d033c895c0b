import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { monotonicFactory } from 'ulid';
import { config } from '#contracts/environment.ts';
import { problem } from '#contracts/problems.ts';
import { byIssuer, byOffice, directiveKey, idempotencyKey, issuerKey, numberKey, TABLE } from '#contracts/table.ts';
import { initialAssignment } from '#core/assignment/initial.ts';
import { type DirectiveInput, tasksAsIssued } from '#core/directive.ts';
import { ConflictError, NotFoundError } from '#core/errors.ts';
import { dynamo } from '../clients/dynamo.ts';
import { newAssignmentItem } from './assignments.ts';
import { batchPut } from './batch-put.ts';
import { queryAll } from './query-all.ts';

const ulid = monotonicFactory();

export type { StoredDirective } from '#core/directive.ts';

import type { StoredDirective } from '#core/directive.ts';

export const toDirective = (item: Record<string, unknown>): StoredDirective => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return { tally: {}, ...rest } as StoredDirective;
};

export const getDirective = async (id: string): Promise<StoredDirective> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: config().TABLE_NAME, Key: directiveKey(id) }));
  if (!Item) throw new NotFoundError(problem('directive.notFound', { id }));
  return toDirective(Item);
};

/**
 * What a task needs of a directive (its text, tasks, files, leaders) is written once, with the directive item,
 * and never changed: after issue the item only gains counts (`tally`, `addToTally`, `reconcileTally`) and a
 * withdrawal (`cancelledAt`, `cancelledBy`, `markDirectiveCancelled`). So a warm container keeps the immutable
 * part, without those fields, so that no caller can read a stale count or miss a withdrawal from here (a
 * withdrawal reaches each assignment as its own CANCELLED status): a fan-out of thousands reads the directive
 * once per container, not once per recipient. Least recently used first out, at most TEXT_CACHE_MAX.
 */
const TEXT_CACHE_MAX = 32;
const texts = new Map<string, StoredDirective>();

export const getDirectiveText = async (id: string): Promise<StoredDirective> => {
  const hit = texts.get(id);
  if (hit) {
    // Re-inserted to be the most recent: a Map iterates in insertion order.
    texts.delete(id);
    texts.set(id, hit);
    return hit;
  }
  const stored: StoredDirective & { cancelledBy?: string } = await getDirective(id);
  const { tally: _tally, cancelledAt: _at, cancelledBy: _by, ...text } = stored;
  const directive = { ...text, tally: {} } as StoredDirective;
  texts.set(id, directive);
  for (const oldest of texts.keys()) {
    if (texts.size <= TEXT_CACHE_MAX) break;
    texts.delete(oldest);
  }
  return directive;
};

/** The directive's item with its index keys (by issuer, by office), as `storeDirective` writes it last. */
export const directiveItem = (
  directive: StoredDirective & { office: string },
  options: { unlisted?: boolean | undefined } = {},
) => ({
  ...directiveKey(directive.id),
  // A forwarded directive is on no official's list: it has no place in the by-issuer and by-office indexes.
  ...(options.unlisted
    ? {}
    : {
        ...byIssuer(directive.issuer, directive.issuedOn, directive.id),
        ...byOffice(directive.office, directive.issuedOn, directive.id),
      }),
  ...directive,
  // Who carries out each task is on the assignments (`taskCodes`).
  tasks: directive.tasks.map((t) => ({ ...t, assignees: [] })),
});

/** The item that lists an issuer among every office's (the province's lists and statistics read them). */
export const issuerItem = (issuer: string) => ({ ...issuerKey(issuer), issuer });

/** The flag that allows a duplicate number is not part of what is issued: ticking it keeps the same directive. */
export const bodyHash = ({ allowDuplicateNumber: _, ...input }: DirectiveInput) =>
  createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * How long the claim of an idempotency key belongs to the request that made it: longer than any invocation of a
 * function that issues can run (30 s, infra/constructs/handler-function.ts), so that once it has passed the
 * claimant has finished or is dead and another request may finish the directive.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * How long a request that lost the claim to a live claimant waits for its directive item (a double submit: the
 * claimant is writing a handful of assignments and is done in milliseconds), so that the race reads as "already
 * done" rather than as a 409; about 3 s in all, well inside a function's 30 s.
 */
const CLAIM_WAITS_MS = [25, 50, 100, 200, 400, 800, 1600];

/** The directive item, once written; while `claimantAlive`, waited for a little before giving up. */
const finishedBy = async (id: string, claimantAlive: boolean) => {
  const read = async () =>
    (await dynamo.send(new GetCommand({ TableName: config().TABLE_NAME, Key: directiveKey(id), ConsistentRead: true })))
      .Item;
  let item = await read();
  for (const ms of claimantAlive ? CLAIM_WAITS_MS : []) {
    if (item) break;
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
    item = await read();
  }
  return item;
};

/**
 * Stores a directive and its assignments, idempotently. The idempotency item claims an id for the key; the
 * assignments are written next; the directive item is written last and is what makes the directive visible and
 * lets its fan-out move any assignment. A retry after a crash at any point finishes the same directive.
 *
 * The claimant writes the assignments with BatchWriteItem, 25 to a request and without a condition: nothing but
 * an ISSUED assignment can exist under a directive id before its directive item does, and within the claim's
 * lease only the claimant can write that item (another request with the same key is told the directive is being
 * issued), so an unconditional put can only rewrite the same initial assignment, never one that has moved on.
 * A request that finishes someone else's claim after the lease writes each assignment only if absent, as before:
 * a claimant that overran would have written its directive item, and then this request writes nothing.
 */
export const storeDirective = async (
  input: DirectiveInput,
  key: string,
  now: string,
  office: string,
  /**
   * A child directive (core/forward.ts) is `unlisted`: no by-issuer or by-office keys and no issuer entry, so that
   * no official's list, the province's included, and no statistics count it; it is reached from its parent only.
   */
  options: {
    unlisted?: boolean;
    forwardedFrom?: StoredDirective['forwardedFrom'];
    /** The phone channels the office enables at issue (core/office-settings.ts), copied onto the directive. */
    channels?: StoredDirective['channels'];
  } = {},
): Promise<{ directive: StoredDirective; created: boolean }> => {
  const hash = bodyHash(input);
  const claimed = { id: ulid(Date.parse(now)), createdAt: now };
  // A duplicate number is refused before anything is written, unless this key already made this directive.
  if (!input.allowDuplicateNumber) {
    const { Item: prior } = await dynamo.send(
      new GetCommand({ TableName: config().TABLE_NAME, Key: idempotencyKey(key), ConsistentRead: true }),
    );
    const holder = await holderOfNumber(input, prior?.directiveId as string | undefined);
    if (holder) throw duplicateNumber(input, holder);
  }
  let id = claimed.id;
  let createdAt = claimed.createdAt;
  let claimant = true;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: { ...idempotencyKey(key), directiveId: id, bodyHash: hash, createdAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: config().TABLE_NAME, Key: idempotencyKey(key), ConsistentRead: true }),
    );
    if (!Item) throw error;
    if (Item.bodyHash !== hash) throw new ConflictError(problem('directive.keyReused'));
    id = String(Item.directiveId);
    createdAt = String(Item.createdAt);
    const existing = await finishedBy(id, Date.parse(now) - Date.parse(createdAt) < CLAIM_LEASE_MS);
    if (existing) return { directive: toDirective(existing), created: false };
    // The claimant may still be writing its assignments unconditionally: finishing beside it could let the
    // fan-out move an assignment that one of its late batches then puts back to ISSUED.
    if (Date.parse(now) - Date.parse(createdAt) < CLAIM_LEASE_MS)
      throw new ConflictError(problem('directive.issueInProgress'));
    claimant = false;
  }

  await claimNumber(input, id);
  const { recipients, allowDuplicateNumber: _, ...rest } = input;
  const directive: StoredDirective & { office: string } = {
    ...rest,
    tasks: tasksAsIssued(rest.tasks, createdAt),
    id,
    createdAt,
    recipientCount: recipients.length,
    tally: { inProgressOnTime: recipients.length, acknowledged: 0 },
    office,
    rosterIndexed: true,
    ...(options.forwardedFrom ? { forwardedFrom: options.forwardedFrom } : {}),
    ...(options.channels?.length ? { channels: options.channels } : {}),
  };
  const assignments = recipients.map((recipient) => newAssignmentItem(initialAssignment(directive, recipient), now));
  if (claimant) await batchPut(assignments);
  else
    await pMap(
      assignments,
      async (Item) => {
        try {
          await dynamo.send(
            new PutCommand({ TableName: config().TABLE_NAME, Item, ConditionExpression: 'attribute_not_exists(pk)' }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      },
      { concurrency: 16 },
    );
  if (!options.unlisted)
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: issuerItem(directive.issuer),
      }),
    );
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: directiveItem(directive, options),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { directive: await getDirective(id), created: false };
  }
  return { directive, created: true };
};

/** The directive that already carries this number from this issuer in this year, if it is not `id`. */
export const holderOfNumber = async (input: Pick<DirectiveInput, 'issuer' | 'issuedOn' | 'number'>, id?: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: config().TABLE_NAME,
      Key: numberKey(input.issuer, input.issuedOn.slice(0, 4), input.number),
      ConsistentRead: true,
    }),
  );
  return Item && Item.directiveId !== id
    ? { id: String(Item.directiveId), subject: String(Item.subject ?? ''), issuedOn: String(Item.issuedOn ?? '') }
    : undefined;
};

const duplicateNumber = (input: DirectiveInput, holder: { id: string; subject: string; issuedOn: string }) =>
  new ConflictError(
    problem('directive.duplicateNumber', {
      number: input.number,
      issuer: input.issuer,
      year: input.issuedOn.slice(0, 4),
      subject: holder.subject,
      issuedOn: holder.issuedOn,
      id: holder.id,
    }),
  );

/**
 * Claims the number for this directive. Refused (409, naming the directive that has it) unless the official
 * said the duplicate is deliberate; the first directive keeps the claim either way.
 */
const claimNumber = async (input: DirectiveInput, id: string) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().TABLE_NAME,
        Item: {
          ...numberKey(input.issuer, input.issuedOn.slice(0, 4), input.number),
          directiveId: id,
          subject: input.subject,
          issuedOn: input.issuedOn,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR directiveId = :id',
        ExpressionAttributeValues: { ':id': id },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (input.allowDuplicateNumber) return;
    const holder = await holderOfNumber(input, id);
    if (holder) throw duplicateNumber(input, holder);
  }
};

export const markDirectiveCancelled = async (id: string, now: string, by: string) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: directiveKey(id),
        UpdateExpression:
          'SET cancelledAt = if_not_exists(cancelledAt, :now), cancelledBy = if_not_exists(cancelledBy, :by)',
        ExpressionAttributeValues: { ':now': now, ':by': by },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new NotFoundError(problem('directive.notFound', { id }));
    throw error;
  }
};

/** Rewrites the counts when a recount from the assignments disagrees with them (see `moveTally`). */
export const reconcileTally = async (id: string, stored: Record<string, number>, counted: Record<string, number>) => {
  const keys = new Set([...Object.keys(stored), ...Object.keys(counted)]);
  if ([...keys].every((k) => (stored[k] ?? 0) === (counted[k] ?? 0))) return;
  await dynamo.send(
    new UpdateCommand({
      TableName: config().TABLE_NAME,
      Key: directiveKey(id),
      UpdateExpression: 'SET tally = :t',
      ExpressionAttributeValues: { ':t': counted },
    }),
  );
};

export const listIssuers = async (): Promise<string[]> => {
  const issuers: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ISSUERS' },
        ExclusiveStartKey,
      }),
    );
    issuers.push(...(page.Items ?? []).map((i) => String(i.sk)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return issuers;
};

/** The directives of one issuer, newest first by issue date. */
export const directivesOf = async (issuer: string, limit = 100): Promise<StoredDirective[]> => {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: config().TABLE_NAME,
      IndexName: TABLE.byIssuer.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': byIssuer(issuer, '', '').gsi1pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map(toDirective);
};

/** Directives by id, 100 to a request (a digest's): those that exist. */
export const directivesByIds = async (ids: string[]) => {
  const found = new Map<string, StoredDirective>();
  for (let i = 0; i < ids.length; i += 100) {
    const { Responses } = await dynamo.send(
      new BatchGetCommand({
        RequestItems: { [config().TABLE_NAME]: { Keys: ids.slice(i, i + 100).map(directiveKey) } },
      }),
    );
    for (const item of Responses?.[config().TABLE_NAME] ?? []) found.set(String(item.id), toDirective(item));
  }
  return found;
};

/**
 * Directives of every office issued in the period: a range query per issuer on the by-issuer index, a few issuers
 * at a time (a province has dozens), in the order of the issuers.
 */
export const directivesIssuedIn = async (period: { from: string; to: string }) => {
  const perIssuer = await pMap(
    await listIssuers(),
    async (issuer) =>
      (
        await queryAll({
          TableName: config().TABLE_NAME,
          IndexName: TABLE.byIssuer.name,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': TABLE.byIssuer.partitionKey, '#sk': TABLE.byIssuer.sortKey },
          ExpressionAttributeValues: {
            ':pk': byIssuer(issuer, '', '').gsi1pk,
            ':from': period.from,
            ':to': `${period.to}~`,
          },
        })
      ).map(toDirective),
    { concurrency: 8 },
  );
  return perIssuer.flat();
};
