import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LocalSecret } from './cloud-assembly.ts';

/**
 * The Secrets Manager API for the stack's secrets, each generated once and kept in the data folder: links
 * signed before a restart still verify after it.
 */
export const secretsApi = (secrets: LocalSecret[], file?: string) => {
  let values: Record<string, string> = {};
  if (file && existsSync(file)) values = JSON.parse(readFileSync(file, 'utf8'));
  for (const s of secrets) values[s.arn] ??= randomBytes(48).toString('base64url');
  if (file) writeFileSync(file, JSON.stringify(values, null, 2), { mode: 0o600 });

  return (target: string, body: Record<string, unknown>): { status: number; body: unknown } => {
    const id = String(body.SecretId ?? '');
    const secret = secrets.find((s) => s.arn === id || s.name === id);
    if (target !== 'secretsmanager.GetSecretValue')
      return { status: 400, body: { __type: 'UnknownOperationException', message: target } };
    if (!secret || !values[secret.arn])
      return { status: 400, body: { __type: 'ResourceNotFoundException', message: `Secret ${id} not found` } };
    return {
      status: 200,
      body: {
        ARN: secret.arn,
        Name: secret.name,
        SecretString: values[secret.arn],
        VersionId: 'local',
        VersionStages: ['AWSCURRENT'],
      },
    };
  };
};
