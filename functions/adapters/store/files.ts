import { BatchGetCommand, type BatchGetCommandOutput, PutCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { fileKey } from '#contracts/table.ts';
import type { DirectiveFile } from '#core/directive-file.ts';
import { dynamo } from '../clients/dynamo.ts';

/** File records: what was uploaded (name, size, type, digest, the PDF's signature), one item per file. */

export const putFileRecord = async (file: DirectiveFile) => {
  await dynamo.send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { ...fileKey(file.fileId), ...file },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
};

const toFile = (item: Record<string, unknown>): DirectiveFile => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as DirectiveFile;
};

/** The records of these ids that exist, by id; BatchGet's unprocessed keys are asked again. */
export const fileRecords = async (ids: readonly string[]): Promise<Map<string, DirectiveFile>> => {
  const found = new Map<string, DirectiveFile>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(fileKey);
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 8) throw new Error('BatchGet left file records unprocessed after 8 attempts');
      const out: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [config().TABLE_NAME]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[config().TABLE_NAME] ?? []) {
        const file = toFile(item);
        found.set(file.fileId, file);
      }
      keys = out.UnprocessedKeys?.[config().TABLE_NAME]?.Keys;
    }
  }
  return found;
};
