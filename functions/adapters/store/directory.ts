import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { config } from '#contracts/environment.ts';
import type { Agency } from '#core/agency.ts';
import { dynamo } from '../clients/dynamo.ts';

/** The directory lives in one partition: a province has hundreds of agencies, not millions. */
const key = (id: string) => ({ pk: 'DIRECTORY', sk: `AGENCY#${id}` });

export const listAgencies = async (): Promise<Agency[]> => {
  const agencies: Agency[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: config().TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'DIRECTORY', ':prefix': 'AGENCY#' },
        ExclusiveStartKey,
      }),
    );
    for (const { pk: _pk, sk: _sk, ...agency } of page.Items ?? []) agencies.push(agency as Agency);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return agencies.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
};

export const saveAgencies = async (agencies: Agency[]) => {
  await pMap(
    agencies,
    (agency) => dynamo.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...key(agency.id), ...agency } })),
    { concurrency: 8 },
  );
};

export const deleteAgency = async (id: string) => {
  await dynamo.send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: key(id) }));
};

/** Groups in the order agencies first mention them, each with its members. */
