import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '#adapters/notices/channel.ts';
import { forgetZaloToken } from '#adapters/notices/zalo-token.ts';
import { adminRoutes, type ClockControl } from '../../local/admin.ts';
import { startAwsEndpoint } from '../../local/aws-endpoint.ts';
import type { Clock } from '../../local/clock.ts';
import { Faults } from '../../local/faults.ts';
import type { Outbox } from '../../local/mail/outbox.ts';
import { smsApi } from '../../local/messages/sms.ts';
import { Messages } from '../../local/messages/store.ts';
import { localZaloSecret, ZALO_PATHS, zaloStandIn } from '../../local/messages/zalo.ts';
import { secretsApi } from '../../local/secrets.ts';
import type { StepFunctionsEngine } from '../../local/stepfunctions/engine.ts';

/**
 * The SMS and Zalo stand-ins as the handlers reach them: the runtime's AWS endpoint (the real SMS client, the real
 * Zalo adapter with the local secret), the message store on disk, and `/_local/messages`.
 */

const dir = mkdtempSync(join(tmpdir(), 'chidao-messages-'));
const file = join(dir, 'messages.jsonl');
const messages = new Messages(file);
const faults = new Faults();
const ZALO_SECRET = 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:ZaloSecret';
let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let admin: Server;
let adminUrl: string;

const smsClient = () =>
  new PinpointSMSVoiceV2Client({
    endpoint: endpoint.endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
const sms = (to: string, text = 'CV 126/STTTT-BCVT: han 05/12/2026') =>
  smsClient().send(
    new SendTextMessageCommand({
      DestinationPhoneNumber: to,
      MessageBody: text,
      OriginationIdentity: 'CHIDAO',
      MessageType: 'TRANSACTIONAL',
    }),
  );

const zaloNotice: Notice = {
  channel: 'zalo',
  to: '+84912345678',
  text: '',
  template: { id: '231456', data: { so: '126/STTTT-BCVT', han: '05/12/2026' } },
  reference: 'd1/so-tc/invitation',
};

beforeAll(async () => {
  endpoint = await startAwsEndpoint(
    {
      'PinpointSMSVoiceV2.': smsApi(messages, faults),
      'secretsmanager.': secretsApi([{ name: 'ZaloSecret', arn: ZALO_SECRET }], join(dir, 'secrets.json'), {
        [ZALO_SECRET]: localZaloSecret,
      }),
    },
    async () => ({ status: 400, headers: {}, body: Buffer.alloc(0) }),
    {},
    zaloStandIn(messages, faults),
  );
  // The Zalo adapter, configured as the runtime configures the functions.
  Object.assign(process.env, {
    ZALO_APP_ID: 'local-zalo-app',
    ZALO_SECRET_ARN: ZALO_SECRET,
    ZALO_TEMPLATE_IDS: JSON.stringify({ invitation: '100001', reminder: '100002', escalation: '100003' }),
    ZALO_API_URL: `${endpoint.endpoint}${ZALO_PATHS.api}`,
    ZALO_OAUTH_URL: `${endpoint.endpoint}${ZALO_PATHS.oauth}`,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint.endpoint,
  });
  const deps = {
    clock: {} as Clock,
    control: {} as ClockControl,
    outbox: {} as Outbox,
    engine: {} as StepFunctionsEngine,
    messages,
    faults,
  };
  const routes = adminRoutes(deps);
  admin = createServer((req, res) => {
    const [path = '', query = ''] = (req.url ?? '').split('?');
    void routes(req, res, Buffer.alloc(0), { path, query });
  });
  await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
  adminUrl = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await endpoint.close();
  await new Promise((resolve) => admin.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const listed = async () => (await (await fetch(`${adminUrl}/_local/messages`)).json()) as Record<string, unknown>[];

describe('local SMS', () => {
  it('answers SendTextMessage with a MessageId and records the message', async () => {
    const { MessageId } = await sms('+84912345678');
    expect(MessageId).toBeTruthy();
    expect((await listed()).at(-1)).toEqual({
      id: MessageId,
      channel: 'sms',
      to: '+84912345678',
      text: 'CV 126/STTTT-BCVT: han 05/12/2026',
      sentAt: expect.any(String),
      status: 'SENT',
    });
  });

  it('refuses a number that is not E.164 as SMS does (ValidationException)', async () => {
    await expect(sms('0912345678')).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('an armed fault refuses the next messages for good, recorded as FAILED', async () => {
    faults.arm({ sms: 1 });
    await expect(sms('+84912345679')).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    expect((await listed()).at(-1)).toMatchObject({ channel: 'sms', to: '+84912345679', status: 'FAILED' });
    expect((await sms('+84912345679')).MessageId).toBeTruthy();
  });
});

describe('local Zalo', () => {
  it('the adapter sends through it with the local secret: a refresh first, the new pair stored, then the message', async () => {
    const { sendNotice } = await import('#adapters/notices/index.ts');
    const before = JSON.parse(
      (await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: ZALO_SECRET }))).SecretString ??
        '',
    );
    const result = await sendNotice(zaloNotice);
    expect(result).toMatchObject({ status: 'SENT' });
    const after = JSON.parse(
      (await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: ZALO_SECRET }))).SecretString ??
        '',
    );
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).toMatch(/^local-at\./);
    expect((await listed()).at(-1)).toEqual({
      id: result.status === 'SENT' ? result.messageId : '',
      channel: 'zalo',
      to: '84912345678',
      text: 'so: 126/STTTT-BCVT\nhan: 05/12/2026',
      template: '231456',
      sentAt: expect.any(String),
      status: 'SENT',
    });
  });

  it('a spent refresh token is refused (single use)', async () => {
    const refresh = (token: string) =>
      fetch(`${endpoint.endpoint}${ZALO_PATHS.oauth}/v4/oa/access_token`, {
        method: 'POST',
        headers: { secret_key: 'local-zalo-secret-key', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ app_id: 'a', grant_type: 'refresh_token', refresh_token: token }).toString(),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const first = await refresh('local-rt.abc');
    expect(first).toMatchObject({ access_token: expect.any(String), expires_in: '90000' });
    expect(await refresh('local-rt.abc')).toMatchObject({ error: -14014 });
  });

  it('an armed fault is a refusal of the message (-118): FAILED, recorded, not retried', async () => {
    const { sendNotice } = await import('#adapters/notices/index.ts');
    faults.arm({ zalo: 1 });
    expect(await sendNotice(zaloNotice)).toEqual({
      status: 'FAILED',
      error: 'ZNS -118: no Zalo account for this number',
    });
    expect((await listed()).at(-1)).toMatchObject({ channel: 'zalo', status: 'FAILED' });
    expect(await sendNotice(zaloNotice)).toMatchObject({ status: 'SENT' });
  });

  it('an access token that expired is refused with -124', async () => {
    forgetZaloToken();
    const r = await fetch(`${endpoint.endpoint}${ZALO_PATHS.api}/message/template`, {
      method: 'POST',
      headers: { access_token: `local-at.${Date.now() - 1}.x`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '84912345678', template_id: '1', template_data: { a: 'b' } }),
    });
    expect(await r.json()).toEqual({ error: -124, message: 'Access token invalid' });
  });
});

describe('the messages survive a restart, and have a page beside the outbox', () => {
  it('a new store on the same file lists the same messages', async () => {
    const again = new Messages(file);
    expect(again.list()).toEqual(messages.list());
    expect(again.list().map((m) => m.channel)).toEqual(expect.arrayContaining(['sms', 'zalo']));
  });

  it('GET /_local/messages/view lists them, newest first, and links back to the outbox', async () => {
    const page = await (await fetch(`${adminUrl}/_local/messages/view`)).text();
    expect(page).toContain('href="/_local/outbox/view"');
    expect(page).toContain('+84912345678');
    expect(page).toContain('Không gửi được');
    expect(page.indexOf('Zalo (mẫu 231456)')).toBeLessThan(page.lastIndexOf('SMS'));
  });
});
