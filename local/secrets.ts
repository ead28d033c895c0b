import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LocalSecret } from './cloud-assembly.ts';

/**
 * The Secrets Manager API for the stack's secrets, each generated once and kept in the data folder: links
 * signed before a restart still verify after it.
 *
 * Versions work as on AWS, for the two staging labels the app reads: `GetSecretValue` takes `VersionStage`
 * (`AWSCURRENT` by default, or `AWSPREVIOUS`) or `VersionId`; `PutSecretValue` stores a new value as
 * `AWSCURRENT`, and the value it replaces becomes `AWSPREVIOUS`. That is how to rotate the link secret locally
 * (and in tests): `PutSecretValue` against the runtime's AWS endpoint (`AWS_ENDPOINT_URL_SECRETS_MANAGER`),
 * or edit `secrets.json` in the data folder (`{"<arn>": {"current": {"id", "value"}, "previous": {…}}}`) and
 * restart.
 */
type Version = { id: string; value: string };
type Stored = { current: Version; previous?: Version };
type Answer = { status: number; body: unknown };

const error = (type: string, message: string): Answer => ({ status: 400, body: { __type: type, message } });

/** The file as written before versions existed (`{"<arn>": "<value>"}`) still loads. */
const load = (file: string | undefined): Record<string, Stored> => {
  if (!file || !existsSync(file)) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | Stored>;
  return Object.fromEntries(
    Object.entries(raw).map(([arn, v]) => [arn, typeof v === 'string' ? { current: { id: 'local', value: v } } : v]),
  );
};

/** `initial`: a secret's first value when it must have a shape (the Zalo secret's JSON); others are random. */
export const secretsApi = (secrets: LocalSecret[], file?: string, initial: Record<string, () => string> = {}) => {
  const values = load(file);
  for (const s of secrets)
    values[s.arn] ??= {
      current: { id: randomUUID(), value: initial[s.arn]?.() ?? randomBytes(48).toString('base64url') },
    };
  const save = () => {
    if (file) writeFileSync(file, JSON.stringify(values, null, 2), { mode: 0o600 });
  };
  save();

  const describe = (secret: LocalSecret, version: Version, stage: 'AWSCURRENT' | 'AWSPREVIOUS') => ({
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.id,
    VersionStages: [stage],
  });

  return (target: string, body: Record<string, unknown>): Answer => {
    const id = String(body.SecretId ?? '');
    const secret = secrets.find((s) => s.arn === id || s.name === id);
    const stored = secret ? values[secret.arn] : undefined;
    if (target !== 'secretsmanager.GetSecretValue' && target !== 'secretsmanager.PutSecretValue')
      return error('UnknownOperationException', target);
    if (!secret || !stored) return error('ResourceNotFoundException', `Secret ${id} not found`);

    if (target === 'secretsmanager.PutSecretValue') {
      if (typeof body.SecretString !== 'string' || body.SecretString === '')
        return error('InvalidParameterException', 'SecretString is required (SecretBinary is not supported locally)');
      const token = typeof body.ClientRequestToken === 'string' ? body.ClientRequestToken : randomUUID();
      // A retried call (same token) changes nothing, as on AWS.
      if (token !== stored.current.id) {
        values[secret.arn] = { current: { id: token, value: body.SecretString }, previous: stored.current };
        save();
      }
      return { status: 200, body: describe(secret, values[secret.arn]?.current ?? stored.current, 'AWSCURRENT') };
    }

    const stage = body.VersionStage ?? (body.VersionId ? undefined : 'AWSCURRENT');
    const byId = [
      ['AWSCURRENT', stored.current],
      ['AWSPREVIOUS', stored.previous],
    ] as const;
    const found = byId.find(([label, v]) => v && (stage ? label === stage : v.id === body.VersionId));
    const version = found?.[1];
    if (!found || !version)
      return error(
        'ResourceNotFoundException',
        `Secrets Manager can't find the specified secret value for ${stage ? `staging label: ${String(stage)}` : `VersionId: ${String(body.VersionId)}`}`,
      );
    return { status: 200, body: { ...describe(secret, version, found[0]), SecretString: version.value } };
  };
};
