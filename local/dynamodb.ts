import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { LocalTable } from './cloud-assembly.ts';
import { LOCAL_REGION } from './cloud-assembly.ts';

/** The DynamoDB API from dynalite, on LevelDB in the data folder (or in memory without one). */
export const startDynamo = async (path?: string) => {
  // Imported here: the tests' per-file setup creates tables with this module and never starts a dynalite.
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    // dynalite closes LevelDB once its HTTP server has closed, which waits for every open connection.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

const CREATE_TABLE_FIELDS = [
  'KeySchema',
  'AttributeDefinitions',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
];

/**
 * Creates each table of the template as it was synthesized, keys and indexes included, unless it exists; a table
 * from an older data folder gets the indexes the template added since (as a CloudFormation update would).
 */
export const createTables = async (endpoint: string, tables: LocalTable[]) => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  for (const table of tables) {
    const props = Object.fromEntries(
      CREATE_TABLE_FIELDS.filter((k) => k in table.properties).map((k) => [k, table.properties[k]]),
    );
    try {
      await client.send(new CreateTableCommand({ TableName: table.name, ...props } as never));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
    const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const wanted = (table.properties.GlobalSecondaryIndexes ?? []) as GlobalSecondaryIndex[];
    for (const index of wanted.filter((i) => !existing.has(i.IndexName)))
      await client.send(
        new UpdateTableCommand({
          TableName: table.name,
          AttributeDefinitions: table.properties.AttributeDefinitions as never,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
  }
  client.destroy();
};
