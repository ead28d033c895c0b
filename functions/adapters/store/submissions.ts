import { randomBytes } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { directiveKey, submissionKey, submissionPrefix } from '#contracts/table.ts';
import type { Assignment } from '#core/assignment/model.ts';
import type { Submission } from '#core/submission.ts';
import { dynamo } from '../clients/dynamo.ts';

export type { Submission } from '#core/submission.ts';

/** Ten characters of base64url (60 random bits): unique among one agency's submissions, short on the slot. */
const newId = () => randomBytes(8).toString('base64url').slice(0, 10);

export const putSubmission = async (
  directiveId: string,
  recipientId: string,
  input: Omit<Submission, 'id'>,
): Promise<Submission> => {
  const submission: Submission = { id: newId(), ...input };
  await dynamo.send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { ...submissionKey(directiveId, recipientId, submission.id), ...submission },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return submission;
};

export const deleteSubmission = (directiveId: string, recipientId: string, id: string) =>
  dynamo.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: submissionKey(directiveId, recipientId, id) }));

const toSubmission = (item: Record<string, unknown>): Submission => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as Submission;
};

/** Every submission of one agency under one directive, by id (unreferenced ones included). */
export const submissionsOf = async (directiveId: string, recipientId: string) => {
  const found = new Map<string, Submission>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': directiveKey(directiveId).pk, ':prefix': submissionPrefix(recipientId) },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const s = toSubmission(item);
      found.set(s.id, s);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
};

/** Everything of a submission but its text: what a page that only lists files needs. */
const WITHOUT_TEXT = {
  ProjectionExpression: 'id, kind, slotKey, attachment, #at, previous',
  ExpressionAttributeNames: { '#at': 'at' },
};

/**
 * The submissions named (`{recipientId, id}` pairs), 100 to a request; without their text when the reader only
 * lists files.
 */
export const submissionsByIds = async (
  directiveId: string,
  refs: { recipientId: string; id: string }[],
  options: { withText?: boolean } = { withText: true },
) => {
  const found = new Map<string, Submission>();
  for (let i = 0; i < refs.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = refs
      .slice(i, i + 100)
      .map((r) => submissionKey(directiveId, r.recipientId, r.id));
    // BatchGetItem may leave keys unprocessed under load; they are asked again.
    for (let round = 0; keys && keys.length > 0 && round < 5; round++) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({
          RequestItems: { [config().TABLE_NAME]: { Keys: keys, ...(options.withText ? {} : WITHOUT_TEXT) } },
        }),
      );
      for (const item of Responses?.[config().TABLE_NAME] ?? []) {
        const s = toSubmission(item);
        found.set(s.id, s);
      }
      keys = UnprocessedKeys?.[config().TABLE_NAME]?.Keys;
    }
  }
  return found;
};

/**
 * What a page of a dashboard shows of what agencies wrote: one-off reports and pending requests' reasons.
 * Periodic reports are counted there, not quoted, so a year of daily reports is not read for one page.
 */
export const submissionsShownWith = (directiveId: string, assignments: readonly Assignment[]) =>
  submissionsByIds(
    directiveId,
    assignments.flatMap((a) => [
      ...Object.values(a.reports)
        .filter((slot) => slot.reportId && !slot.period)
        .map((slot) => ({ recipientId: a.recipientId, id: slot.reportId ?? '' })),
      ...Object.values(a.extensionRequests ?? {})
        .filter((r) => r.reasonId)
        .map((r) => ({ recipientId: a.recipientId, id: r.reasonId ?? '' })),
    ]),
  );
