import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ENV } from '#contracts/environment.ts';
import { LOCAL_REGION } from '../../local/cloud-assembly.ts';
import { createTables, startDynamo } from '../../local/dynamodb.ts';
import { secretsApi } from '../../local/secrets.ts';
import type { AppFacts } from '../cases/app.ts';

/**
 * The runtime's DynamoDB, on its own: dynalite on LevelDB in a fresh temp folder (as `npm start` keeps it in the
 * data folder), with the table created from the synthesized template. Sets the variables the app's own modules
 * read (`AWS_ENDPOINT_URL_DYNAMODB`, `TABLE_NAME`…), so import those modules only after this resolves.
 */
export const startLocalTable = async (facts: AppFacts) => {
  const table = facts.tables[0];
  if (!table) throw new Error('The template has no table');
  const dir = mkdtempSync(join(tmpdir(), 'chidao-bench-ddb-'));
  const dynamo = await startDynamo(join(dir, 'dynamodb'));
  await createTables(dynamo.endpoint, facts.tables);
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    [ENV.TABLE_NAME]: table.name,
    // Required by the app's config schema; nothing here sends mail or signs links.
    [ENV.PUBLIC_BASE_URL]: 'http://localhost:3000',
    [ENV.SENDER_ADDRESS]: 'bench@bench.example',
    [ENV.LINK_SECRET_ARN]: 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:bench',
  });
  return {
    endpoint: dynamo.endpoint,
    tableName: table.name,
    close: async () => {
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The `--app <file>` (facts written by the benchmark) and the numeric options of a child script. */
export const childArgs = (numeric: string[]) => {
  const options: Record<string, { type: 'string' }> = { app: { type: 'string' } };
  for (const name of numeric) options[name] = { type: 'string' };
  const { values } = parseArgs({ options }) as { values: Record<string, string | undefined> };
  const file = values.app;
  if (typeof file !== 'string') throw new Error('--app <facts.json> is required');
  const facts = JSON.parse(readFileSync(file, 'utf8')) as AppFacts;
  const n = (name: string) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} <number> is required`);
    return v;
  };
  return { facts, n };
};

/**
 * The local runtime's Secrets Manager stand-in (local/secrets.ts) on a port of its own, holding one random key:
 * for the cases whose handlers sign links.
 */
export const serveSecrets = async (arn: string) => {
  const answer = secretsApi([{ arn, name: 'bench-link-secret' }]);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = answer(String(req.headers['x-amz-target'] ?? ''), JSON.parse(Buffer.concat(chunks).toString() || '{}'));
      res.writeHead(r.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
