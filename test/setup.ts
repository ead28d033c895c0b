import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { LocalTable } from '../local/cloud-assembly.ts';
import { createTables } from '../local/dynamodb.ts';

// Handlers read their configuration from the environment, as on Lambda. Each test file gets its own table,
// created from the synthesized template, in the run's dynalite.
const table = `chidao-test-${randomUUID().slice(0, 8)}`;
process.env.TABLE_NAME = table;
process.env.PUBLIC_BASE_URL ??= 'https://chidao.example.gov.vn';
process.env.SENDER_ADDRESS ??= 'Sở TT&TT <no-reply@stttt.example.gov.vn>';
process.env.ASSIGNMENT_MACHINE_ARN ??= 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:assignment';
process.env.FANOUT_MACHINE_ARN ??= 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:fanout';
process.env.LINK_SECRET_ARN ??= 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:link';
process.env.AWS_REGION ??= 'ap-southeast-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoEndpoint');

const tables = JSON.parse(inject('tables')) as LocalTable[];
await createTables(
  inject('dynamoEndpoint'),
  tables.map((t) => ({ ...t, name: table })),
);
