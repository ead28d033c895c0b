import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { config } from '#contracts/environment.ts';
import { directoryPartition } from '#contracts/table.ts';
import type { Agency } from '#core/agency.ts';
import { DEFAULT_OFFICE } from '#core/office.ts';
import { dynamo } from '../clients/dynamo.ts';

/** Each office's directory lives in one partition (contracts/table.ts): hundreds of agencies, not millions. */
const partition = (office: string) => directoryPartition(office, DEFAULT_OFFICE);
const key = (office: string, id: string) => ({ pk: partition(office), sk: `AGENCY#${id}` });

export const listAgencies = async (office: string): Promise<Agency[]> => {
  const agencies: Agency[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition(office), ':prefix': 'AGENCY#' },
        ExclusiveStartKey,
      }),
    );
    for (const { pk: _pk, sk: _sk, ...agency } of page.Items ?? []) agencies.push(agency as Agency);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return agencies.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
};

export const saveAgencies = async (office: string, agencies: Agency[]) => {
  await pMap(
    agencies,
    (agency) =>
      dynamo.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...key(office, agency.id), ...agency } })),
    { concurrency: 8 },
  );
};

/** The agency removed, or nothing when it was gone already (a second click, another official). */
export const deleteAgency = async (office: string, id: string): Promise<Agency | undefined> => {
  const { Attributes } = await dynamo.send(
    new DeleteCommand({ TableName: config().TABLE_NAME, Key: key(office, id), ReturnValues: 'ALL_OLD' }),
  );
  if (!Attributes) return undefined;
  const { pk: _pk, sk: _sk, ...agency } = Attributes;
  return agency as Agency;
};

/** Groups in the order agencies first mention them, each with its members. */
