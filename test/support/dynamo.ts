import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The size DynamoDB counts for an item (its 400 KB limit), by the published rules: attribute names and string
 * values in UTF-8 bytes, numbers about one byte per two significant digits plus one, booleans and nulls one byte,
 * lists and maps three bytes plus one per element and the sizes of what they hold.
 */
export const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);

const valueSize = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]|^0+/g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((s, v) => s + 1 + valueSize(v), 0);
  if (value instanceof Set) return [...value].reduce((s, v) => s + valueSize(v), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (s, [k, v]) => s + Buffer.byteLength(k) + 1 + valueSize(v),
      0,
    )
  );
};

/** Every item of every table of a runtime's DynamoDB (its endpoint is printed at start). */
export const scanEverything = async (endpoint: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const db = DynamoDBDocumentClient.from(client);
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  const items: Record<string, unknown>[] = [];
  for (const TableName of TableNames) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  client.destroy();
  return items;
};

/** Where the runtime's services listen, from the banner `npm start` prints. */
export const serviceEndpoint = (log: string, service: 'DynamoDB' | 'AWS endpoint') => {
  const host = new RegExp(`${service}(?: \\([^)]*\\))? ([\\d.]+:\\d+)`).exec(log)?.[1];
  if (!host) throw new Error(`The runtime did not print where ${service} listens:\n${log}`);
  return `http://${host}`;
};
