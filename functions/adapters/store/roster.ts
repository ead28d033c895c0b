import { BatchGetCommand, type BatchGetCommandOutput, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import {
  ASSIGNMENT_PREFIX,
  assignmentKey,
  pendingPartition,
  ROSTER_BANDS,
  type RosterBand,
  rosterPartition,
  rosterSortKey,
  TABLE,
} from '#contracts/table.ts';
import { type Assignment, isOpen, nextDeadline, pendingExtensions } from '#core/assignment/model.ts';
import type { RosterRow } from '#core/roster.ts';
import { searchWords } from '#core/search.ts';
import { dynamo } from '../clients/dynamo.ts';
import { type StoredAssignment, toAssignment } from './assignment-codec.ts';
import { indexPartition, queryAll } from './query-all.ts';

/**
 * A directive's roster (contracts/table.ts, the `roster` and `pending` indexes): the keys written with every write
 * of an assignment, and the reads the dashboard filters, sorts and pages from.
 */

const bandOf = (a: Assignment): RosterBand =>
  isOpen(a.status)
    ? 'open'
    : a.status === 'DELIVERY_FAILED'
      ? 'deliveryFailed'
      : a.status === 'COMPLETED'
        ? 'completed'
        : 'cancelled';

/** What the search matches: the agency's name without accents, its address and its id. */
const rosterFoldOf = (a: Pick<Assignment, 'recipientName' | 'recipientEmail' | 'recipientId'>) =>
  searchWords(a.recipientName, a.recipientEmail, a.recipientId);

/** The roster's attributes of an assignment; `pendingSk` is absent when no extension request waits. */
export const rosterKeysOf = (a: Assignment) => {
  const oldest = isOpen(a.status) ? pendingExtensions(a)[0] : undefined;
  return {
    rosterPk: rosterPartition(a.directiveId),
    rosterSk: rosterSortKey(bandOf(a), a.recipientId, nextDeadline(a)),
    rosterFold: rosterFoldOf(a),
    ...(oldest
      ? { pendingPk: pendingPartition(a.directiveId), pendingSk: `${oldest.requestedAt}#${a.recipientId}` }
      : {}),
  };
};

/** The roster's part of a transition's UpdateItem: every key set again, the sparse pending keys set or removed. */
export const rosterUpdate = (next: Assignment) => {
  const keys = rosterKeysOf(next);
  const names: Record<string, string> = {
    '#rPk': 'rosterPk',
    '#rSk': 'rosterSk',
    '#rFold': 'rosterFold',
    '#pPk': 'pendingPk',
    '#pSk': 'pendingSk',
  };
  const values: Record<string, unknown> = { ':rPk': keys.rosterPk, ':rSk': keys.rosterSk, ':rFold': keys.rosterFold };
  const set = ['#rPk = :rPk', '#rSk = :rSk', '#rFold = :rFold'];
  const remove: string[] = [];
  if (keys.pendingSk) {
    values[':pPk'] = keys.pendingPk;
    values[':pSk'] = keys.pendingSk;
    set.push('#pPk = :pPk', '#pSk = :pSk');
  } else remove.push('#pPk', '#pSk');
  return { names, values, set, remove };
};

const toRow = (item: Record<string, unknown>): RosterRow => ({
  recipientId: String(item.recipientId),
  recipientName: String(item.recipientName ?? ''),
  recipientEmail: String(item.recipientEmail ?? ''),
  status: item.status as RosterRow['status'],
  sortKey: String(item.rosterSk ?? ''),
  fold: String(item.rosterFold ?? ''),
  ...(item.acknowledgedAt ? { acknowledgedAt: String(item.acknowledgedAt) } : {}),
  ...(item.pendingSk ? { pendingSince: String(item.pendingSk).split('#')[0] } : {}),
});

/** An assignment as the roster would hold it: a directive stored before the roster is filtered from these. */
export const rosterRowOf = (a: Assignment) => toRow({ ...a, ...rosterKeysOf(a) });

/** Every agency of a directive, lean: the filters and sorts that no key range answers work on these. */
export const rosterOf = async (directiveId: string): Promise<RosterRow[]> =>
  (await queryAll(indexPartition(TABLE.roster, rosterPartition(directiveId)))).map(toRow);

/**
 * One page of a key range of the roster, in key order after the sort key `after`: the bands, and "overdue" (the
 * open ones whose nearest deadline is up to `now`) or "on time" (after it), without reading anything else.
 */
export const rosterRange = async (
  directiveId: string,
  range: { from: string; to: string },
  page: { limit: number; after?: string | undefined },
) => {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: config().TABLE_NAME,
      IndexName: TABLE.roster.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': TABLE.roster.partitionKey, '#sk': TABLE.roster.sortKey },
      ExpressionAttributeValues: { ':pk': rosterPartition(directiveId), ':from': range.from, ':to': range.to },
      Limit: page.limit,
      ...(page.after
        ? {
            ExclusiveStartKey: {
              ...assignmentKey(directiveId, recipientOfSortKey(page.after)),
              rosterPk: rosterPartition(directiveId),
              rosterSk: page.after,
            },
          }
        : {}),
    }),
  );
  const rows = (result.Items ?? []).map(toRow);
  const last = rows.at(-1);
  return { rows, ...(result.LastEvaluatedKey && last ? { next: last.sortKey } : {}) };
};

/** The recipient a roster key names: after the band (and, for an open one, its deadline). */
const recipientOfSortKey = (sortKey: string) => {
  const parts = sortKey.split('#');
  return parts.slice(parts[0] === ROSTER_BANDS.open ? 2 : 1).join('#');
};

/** A band's whole key range, and the open band cut at `now`. */
export const bandRange = (band: RosterBand) => ({ from: `${ROSTER_BANDS[band]}#`, to: `${ROSTER_BANDS[band]}#\uffff` });
export const overdueRange = (now: string) => ({
  from: `${ROSTER_BANDS.open}#`,
  to: `${ROSTER_BANDS.open}#${now}#\uffff`,
});
export const onTimeRange = (now: string) => ({
  from: `${ROSTER_BANDS.open}#${now}#\uffff`,
  to: `${ROSTER_BANDS.open}#\uffff`,
});
export const wholeRange = () => ({ from: '0', to: '9' });

/** The agencies waiting for an answer to an extension request, oldest request first (keys only). */
export const pendingOf = async (directiveId: string) =>
  (await queryAll(indexPartition(TABLE.pending, pendingPartition(directiveId)))).map((item) =>
    String(item.sk).slice(ASSIGNMENT_PREFIX.length),
  );

/** The full items of the agencies a page shows, in the order asked; 100 keys to a request, unprocessed ones again. */
export const assignmentsByIds = async (directiveId: string, recipientIds: readonly string[]) => {
  const found = new Map<string, StoredAssignment>();
  const table = config().TABLE_NAME;
  for (let i = 0; i < recipientIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = recipientIds
      .slice(i, i + 100)
      .map((r) => assignmentKey(directiveId, r));
    for (let attempt = 0; keys?.length && attempt < 8; attempt++) {
      const result: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }),
      );
      for (const item of result.Responses?.[table] ?? []) {
        const a = toAssignment(item);
        found.set(a.recipientId, a);
      }
      keys = result.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return recipientIds.flatMap((r) => {
    const a = found.get(r);
    return a ? [a] : [];
  });
};
