import { BatchWriteCommand, type BatchWriteCommandInput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchPut } from '#adapters/store/batch-put.ts';
import { config } from '#contracts/environment.ts';

/**
 * The batch writer that creates a directive's assignments: 25 items to a request, and what DynamoDB leaves
 * unprocessed is sent again, after a pause, until nothing is left; it never returns with an item unwritten.
 */

const dynamoMock = mockClient(DynamoDBDocumentClient);
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: 'DIR#x', sk: `ASG#${i}` }));
const sentKeys = () =>
  dynamoMock
    .commandCalls(BatchWriteCommand)
    .flatMap((c) => (c.args[0].input as BatchWriteCommandInput).RequestItems?.[config().TABLE_NAME] ?? [])
    .map((r) => String(r.PutRequest?.Item?.sk));

beforeEach(() => {
  dynamoMock.reset();
});

describe('batchPut', () => {
  it('writes 60 items in requests of 25, 25 and 10, once each', async () => {
    dynamoMock.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
    await batchPut(items(60), { pause: async () => {} });
    const sizes = dynamoMock
      .commandCalls(BatchWriteCommand)
      .map((c) => (c.args[0].input as BatchWriteCommandInput).RequestItems?.[config().TABLE_NAME]?.length);
    expect(sizes.sort()).toEqual([10, 25, 25]);
    expect(sentKeys().sort()).toEqual(
      items(60)
        .map((i) => i.sk)
        .sort(),
    );
  });

  it('sends the unprocessed items again after a pause, until none is left', async () => {
    const pauses: number[] = [];
    const left = (keys: number[]) => ({
      UnprocessedItems: {
        [config().TABLE_NAME]: keys.map((k) => ({ PutRequest: { Item: { pk: 'DIR#x', sk: `ASG#${k}` } } })),
      },
    });
    dynamoMock
      .on(BatchWriteCommand)
      .resolvesOnce(left([3, 7]))
      .resolvesOnce(left([7]))
      .resolves({});
    await batchPut(items(10), {
      pause: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(sentKeys()).toEqual([...items(10).map((i) => i.sk), 'ASG#3', 'ASG#7', 'ASG#7']);
    expect(pauses).toHaveLength(2);
    expect(pauses.every((ms) => ms > 0)).toBe(true);
  });

  it('throws rather than return while an item stays unprocessed', async () => {
    dynamoMock.on(BatchWriteCommand).resolves({
      UnprocessedItems: { [config().TABLE_NAME]: [{ PutRequest: { Item: { pk: 'DIR#x', sk: 'ASG#0' } } }] },
    });
    await expect(batchPut(items(1), { pause: async () => {} })).rejects.toThrow(/still unprocessed/);
  });
});
