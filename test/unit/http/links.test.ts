import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinkToken, type LinkClaims, verifyLinkToken } from '#adapters/links.ts';
import { ForbiddenError, GoneError } from '#core/errors.ts';
import { secretsApi } from '../../../local/secrets.ts';

/**
 * Recipients' links: the MAC is compared in its one spelling, and verification accepts the secret's current and
 * previous versions while signing uses the current one, so the secret can be rotated without breaking links.
 */

const secrets = mockClient(SecretsManagerClient);
const CLAIMS: LinkClaims = {
  directiveId: '01JDIRECTIVE',
  recipientId: 'cong-an-tinh',
  linkVersion: 1,
  expiresAt: '2026-09-01T10:00:00.000Z',
};
const NOW = '2026-03-04T02:00:00.000Z';

/** The secret's versions as Secrets Manager answers them, by staging label. */
const versions = (current: string, previous?: string) => {
  secrets.reset();
  secrets.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: current });
  if (previous) secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: previous });
  else
    secrets
      .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
      .rejects(new ResourceNotFoundException({ message: 'no AWSPREVIOUS', $metadata: {} }));
};

let clock = Date.parse(NOW);
/** Past the per-container cache of the keys (a few minutes). */
const later = (minutes: number) => {
  clock += minutes * 60_000;
  vi.setSystemTime(clock);
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  later(60);
});
afterEach(() => vi.useRealTimers());

describe('the MAC has one spelling', () => {
  it('refuses a signature that decodes to the same bytes but is written differently', async () => {
    versions('secret-one-0123456789abcdef0123456789abcdef');
    const token = await createLinkToken(CLAIMS);
    await expect(verifyLinkToken(token, NOW)).resolves.toEqual(CLAIMS);
    const [payload = '', mac = ''] = token.split('.');
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(mac.at(-1) ?? 'A');
    const spellings = {
      padded: `${mac}=`,
      'non-zero trailing bits': `${mac.slice(0, -1)}${alphabet[last ^ 1]}`,
      'standard alphabet': Buffer.from(mac, 'base64url').toString('base64').replace(/=+$/, ''),
      'standard alphabet, padded': Buffer.from(mac, 'base64url').toString('base64'),
      'with a line break': `${mac.slice(0, 20)}\n${mac.slice(20)}`,
      'with a space': `${mac.slice(0, 20)} ${mac.slice(20)}`,
    };
    for (const [name, spelled] of Object.entries(spellings)) {
      if (spelled === mac) continue; // a MAC without - or _ reads the same in both alphabets
      expect(Buffer.from(spelled, 'base64url').equals(Buffer.from(mac, 'base64url')), name).toBe(true);
      await expect(verifyLinkToken(`${payload}.${spelled}`, NOW), name).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('refuses a payload spelled differently, and an expired link is gone', async () => {
    versions('secret-one-0123456789abcdef0123456789abcdef');
    const token = await createLinkToken(CLAIMS);
    const [payload = '', mac = ''] = token.split('.');
    await expect(verifyLinkToken(`${payload}=.${mac}`, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(verifyLinkToken(token, '2026-09-01T10:00:00.000Z')).rejects.toBeInstanceOf(GoneError);
  });
});

describe('secret rotation', () => {
  it('verifies with the current and the previous version, signs with the current one', async () => {
    versions('secret-A-0123456789abcdef0123456789abcdef');
    const signedWithA = await createLinkToken(CLAIMS);

    // Rotated: B is current, A previous. Links already emailed keep working; new links are signed with B.
    versions('secret-B-0123456789abcdef0123456789abcdef', 'secret-A-0123456789abcdef0123456789abcdef');
    later(10);
    await expect(verifyLinkToken(signedWithA, NOW)).resolves.toEqual(CLAIMS);
    const signedWithB = await createLinkToken(CLAIMS);
    expect(signedWithB).not.toBe(signedWithA);
    await expect(verifyLinkToken(signedWithB, NOW)).resolves.toEqual(CLAIMS);

    // Rotated again: C current, B previous. A link two rotations old is refused.
    versions('secret-C-0123456789abcdef0123456789abcdef', 'secret-B-0123456789abcdef0123456789abcdef');
    later(10);
    await expect(verifyLinkToken(signedWithB, NOW)).resolves.toEqual(CLAIMS);
    await expect(verifyLinkToken(signedWithA, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(secrets.commandCalls(GetSecretValueCommand).every((c) => c.args[0].input.VersionStage !== undefined)).toBe(
      true,
    );
  });

  it('a link signed after a rotation this container has not seen yet verifies once the keys are asked again', async () => {
    versions('secret-D-0123456789abcdef0123456789abcdef');
    await createLinkToken(CLAIMS); // this container now holds D
    versions('secret-E-0123456789abcdef0123456789abcdef', 'secret-D-0123456789abcdef0123456789abcdef');
    const elsewhere = await (async () => {
      later(10);
      return createLinkToken(CLAIMS); // signed with E, as another container would
    })();
    versions('secret-D-0123456789abcdef0123456789abcdef');
    later(10);
    await createLinkToken(CLAIMS); // back to holding only D
    versions('secret-E-0123456789abcdef0123456789abcdef', 'secret-D-0123456789abcdef0123456789abcdef');
    later(1); // within the cache's life, past the reload-on-miss delay
    await expect(verifyLinkToken(elsewhere, NOW)).resolves.toEqual(CLAIMS);
  });
});

describe('the local Secrets Manager (local/secrets.ts)', () => {
  const ARN = 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:LinkSecret';
  const api = () => secretsApi([{ arn: ARN, name: 'LinkSecret' }]);
  const get = (call: ReturnType<typeof api>, input: Record<string, unknown>) =>
    call('secretsmanager.GetSecretValue', { SecretId: ARN, ...input });

  it('answers AWSCURRENT, and no AWSPREVIOUS before a rotation', () => {
    const call = api();
    const current = get(call, {});
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ VersionStages: ['AWSCURRENT'] });
    expect(get(call, { VersionStage: 'AWSCURRENT' }).body).toEqual(current.body);
    expect(get(call, { VersionStage: 'AWSPREVIOUS' })).toMatchObject({
      status: 400,
      body: { __type: 'ResourceNotFoundException' },
    });
  });

  it('rotates with PutSecretValue: the new value is current, the old one previous; a retried token changes nothing', () => {
    const call = api();
    const before = (get(call, {}).body as { SecretString: string }).SecretString;
    const put = call('secretsmanager.PutSecretValue', { SecretId: ARN, SecretString: 'new', ClientRequestToken: 't1' });
    expect(put).toMatchObject({ status: 200, body: { VersionId: 't1', VersionStages: ['AWSCURRENT'] } });
    call('secretsmanager.PutSecretValue', { SecretId: ARN, SecretString: 'new', ClientRequestToken: 't1' });
    expect(get(call, {}).body).toMatchObject({ SecretString: 'new', VersionId: 't1' });
    expect(get(call, { VersionStage: 'AWSPREVIOUS' }).body).toMatchObject({
      SecretString: before,
      VersionStages: ['AWSPREVIOUS'],
    });
    expect(get(call, { VersionId: 't1' }).body).toMatchObject({ SecretString: 'new' });
  });
});
