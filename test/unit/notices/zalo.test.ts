import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '#adapters/notices/channel.ts';
import { configuredChannels, sendNotice } from '#adapters/notices/index.ts';
import { trackingId, ZNS_ERRORS } from '#adapters/notices/zalo.ts';
import { forgetZaloToken } from '#adapters/notices/zalo-token.ts';

/**
 * The ZNS adapter against recorded request and response shapes. Each fixture is written from a published
 * document, named where it is used; no network is reached (fetch is replaced).
 */

const SECRET_ARN = 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:zalo';
process.env.ZALO_APP_ID = '1234567890123456789';
process.env.ZALO_SECRET_ARN = SECRET_ARN;
process.env.ZALO_TEMPLATE_IDS = JSON.stringify({ invitation: '231001', reminder: '231002', escalation: '231003' });

const secretsMock = mockClient(SecretsManagerClient);
const NOW = Date.parse('2026-12-02T02:00:00Z');

type Call = { url: string; headers: Record<string, string>; body: string };
let calls: Call[] = [];
let answers: { status?: number; body: unknown }[] = [];
vi.stubGlobal('fetch', async (url: string, init: { headers: Record<string, string>; body: string }) => {
  calls.push({ url, headers: init.headers, body: init.body });
  const next = answers.shift();
  if (!next) throw new Error(`no answer recorded for ${url}`);
  return new Response(typeof next.body === 'string' ? next.body : JSON.stringify(next.body), {
    status: next.status ?? 200,
  });
});
afterAll(() => vi.unstubAllGlobals());

const stored = (value: Record<string, unknown>) =>
  secretsMock.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: JSON.stringify(value) });

const FRESH = {
  secretKey: 'app-secret-key',
  refreshToken: 'rt-1',
  accessToken: 'at-1',
  expiresAt: new Date(NOW + 20 * 3600_000).toISOString(),
};

const notice: Notice = {
  channel: 'zalo',
  to: '+84912345678',
  text: 'so: 126/STTTT-BCVT\nhan: 05/12/2026',
  template: { id: '231456', data: { so: '126/STTTT-BCVT', han: '05/12/2026', link: 'https://c.example/s/ab12' } },
  reference: '01JH6Y6W8ZQ3M5X2C4V7B9N0PR/so-tc/invitation',
};

// The success answer of POST /message/template, as ZNS's "Gửi ZNS" reference gives it
// (https://developers.zalo.me/docs/zalo-notification-service/gui-tin-zns/gui-zns): error 0, message "Success",
// data with the message id, the sending time in epoch milliseconds, and the OA's daily quota.
const SENT = {
  error: 0,
  message: 'Success',
  data: {
    msg_id: 'a4b2e4c0fa1e3f40660f',
    sent_time: '1764640800000',
    quota: { dailyQuota: '500', remainingQuota: '499' },
  },
};
// A refusal: the same endpoint answers HTTP 200 with a negative code and Zalo's English text (the error table at
// https://zalo.cloud/zns/guidelines/handle-error-code).
const refusal = (error: number, message: string) => ({ error, message });

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  secretsMock.reset();
  secretsMock.on(PutSecretValueCommand).resolves({});
  forgetZaloToken();
  calls = [];
  answers = [];
});

describe('Zalo ZNS adapter', () => {
  it('is a configured channel when the app id and the secret are set', () => {
    expect(configuredChannels()).toContain('zalo');
  });

  it('sends the template with the token in the access_token header, the number as 84…, the reference as tracking_id', async () => {
    stored(FRESH);
    answers = [{ body: SENT }];
    expect(await sendNotice(notice)).toEqual({ status: 'SENT', messageId: 'a4b2e4c0fa1e3f40660f' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://business.openapi.zalo.me/message/template');
    expect(call?.headers).toMatchObject({ access_token: 'at-1', 'content-type': 'application/json' });
    expect(JSON.parse(call?.body ?? '')).toEqual({
      phone: '84912345678',
      template_id: '231456',
      template_data: { so: '126/STTTT-BCVT', han: '05/12/2026', link: 'https://c.example/s/ab12' },
      tracking_id: notice.reference,
    });
  });

  it('reads the secret once per container while the token lives', async () => {
    stored(FRESH);
    answers = [{ body: SENT }, { body: SENT }];
    await sendNotice(notice);
    await sendNotice(notice);
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('a token the secret says is expired is refreshed, the new pair stored before it is used', async () => {
    stored({ ...FRESH, expiresAt: new Date(NOW - 60_000).toISOString() });
    // The OA OAuth v4 answer (https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new):
    // a new access token, a new refresh token, and the access token's life in seconds, as a string (25 hours).
    answers = [{ body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: '90000' } }, { body: SENT }];
    expect(await sendNotice(notice)).toMatchObject({ status: 'SENT' });
    const [refresh, send] = calls;
    expect(refresh?.url).toBe('https://oauth.zaloapp.com/v4/oa/access_token');
    expect(refresh?.headers).toMatchObject({
      secret_key: 'app-secret-key',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(Object.fromEntries(new URLSearchParams(refresh?.body))).toEqual({
      app_id: '1234567890123456789',
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
    });
    const puts = secretsMock.commandCalls(PutSecretValueCommand);
    expect(puts).toHaveLength(1);
    expect(JSON.parse(puts[0]?.args[0].input.SecretString ?? '')).toEqual({
      secretKey: 'app-secret-key',
      accessToken: 'at-2',
      refreshToken: 'rt-2',
      expiresAt: new Date(NOW + 90_000_000).toISOString(),
    });
    expect(send?.headers.access_token).toBe('at-2');
  });

  it('-124 (access token invalid) refreshes once and sends once more', async () => {
    stored(FRESH);
    answers = [
      { body: refusal(-124, 'Access token invalid') },
      { body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: '90000' } },
      { body: SENT },
    ];
    expect(await sendNotice(notice)).toMatchObject({ status: 'SENT' });
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/message/template',
      '/v4/oa/access_token',
      '/message/template',
    ]);
    expect(calls[2]?.headers.access_token).toBe('at-2');
    expect(secretsMock.commandCalls(PutSecretValueCommand)).toHaveLength(1);
  });

  it('a fresh token refused again is not refreshed a second time', async () => {
    stored(FRESH);
    answers = [
      { body: refusal(-124, 'Access token invalid') },
      { body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: '90000' } },
      { body: refusal(-124, 'Access token invalid') },
    ];
    expect(await sendNotice(notice)).toEqual({ status: 'FAILED', error: 'ZNS -124: access token invalid' });
    expect(calls).toHaveLength(3);
  });

  it('a refresh token already spent by another container: the pair that container stored is used', async () => {
    const expired = { ...FRESH, expiresAt: new Date(NOW - 60_000).toISOString() };
    secretsMock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify(expired) })
      .resolves({ SecretString: JSON.stringify({ ...FRESH, accessToken: 'at-theirs', refreshToken: 'rt-theirs' }) });
    // OAuth's refusal of a refresh token that was used (shape of its error answers: error, error_name, error_description).
    answers = [
      { body: { error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh token is invalid' } },
      { body: SENT },
    ];
    expect(await sendNotice(notice)).toMatchObject({ status: 'SENT' });
    expect(calls[1]?.headers.access_token).toBe('at-theirs');
    expect(secretsMock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('a refresh token Zalo refuses, with nobody else’s pair stored: FAILED, saying to authorize again', async () => {
    stored({ ...FRESH, expiresAt: new Date(NOW - 60_000).toISOString() });
    answers = [{ body: { error: -14014, error_name: 'Invalid refresh token' } }];
    const result = await sendNotice(notice);
    expect(result).toMatchObject({ status: 'FAILED' });
    expect(result.status === 'FAILED' && result.error).toMatch(/refused the refresh token.*authorize/);
  });

  it('an empty secret (as the stack creates it) fails the notice, not the task', async () => {
    stored({});
    expect(await sendNotice(notice)).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/no secretKey or refreshToken/),
    });
    expect(calls).toHaveLength(0);
  });

  describe('each documented error code', () => {
    const refused = Object.entries(ZNS_ERRORS).filter(([, e]) => e.kind === 'refused');
    it.each(refused)('%s is FAILED with its code, sent once', async (code, { meaning }) => {
      stored(FRESH);
      answers = [{ body: refusal(Number(code), 'as Zalo words it') }];
      expect(await sendNotice(notice)).toEqual({ status: 'FAILED', error: `ZNS ${code}: ${meaning}` });
      expect(calls).toHaveLength(1);
    });

    it('the refusals include the ones this issue names', () => {
      // invalid phone, no Zalo account, template not approved / not allowed, daily quota, balance.
      for (const code of [-108, -118, -117, -131, -144, -115])
        expect(ZNS_ERRORS[code]?.kind, String(code)).toBe('refused');
    });

    it('an unknown code is a refusal too, with Zalo’s message', async () => {
      stored(FRESH);
      answers = [{ body: refusal(-199, 'Something new') }];
      expect(await sendNotice(notice)).toEqual({ status: 'FAILED', error: 'ZNS -199: Something new' });
    });

    it('-100 (unknown error, try later) is thrown for the Task’s Retry, as retryable', async () => {
      stored(FRESH);
      answers = [{ body: refusal(-100, 'Unknown error') }];
      await expect(sendNotice(notice)).rejects.toMatchObject({ name: 'ChannelUnavailable', $retryable: {} });
    });
  });

  describe('what is not Zalo answering is thrown, retryable', () => {
    it.each([
      ['a 5xx', { status: 502, body: '<html>Bad Gateway</html>' }],
      ['a 429', { status: 429, body: '' }],
      ['a 200 that is not JSON', { status: 200, body: '<html>captive portal</html>' }],
      ['JSON without an error code', { status: 200, body: { hello: 'world' } }],
    ])('%s', async (_, answer) => {
      stored(FRESH);
      answers = [answer];
      await expect(sendNotice(notice)).rejects.toMatchObject({ name: 'ChannelUnavailable', $retryable: {} });
    });

    it('a connection that fails', async () => {
      stored(FRESH);
      await expect(sendNotice(notice)).rejects.toMatchObject({ name: 'ChannelUnavailable' });
    });
  });

  it('a long reference becomes a short tracking id, the same on every retry', () => {
    const long = `${'01JH6Y6W8ZQ3M5X2C4V7B9N0PR'}/${'x'.repeat(80)}/reminder:T1:2026-12-03T01:00:00.000Z`;
    expect(trackingId(long).length).toBeLessThanOrEqual(48);
    expect(trackingId(long)).toBe(trackingId(long));
    expect(trackingId('short')).toBe('short');
  });

  it('a notice without a template is refused before any call', async () => {
    expect(await sendNotice({ ...notice, template: undefined })).toMatchObject({ status: 'FAILED' });
    expect(calls).toHaveLength(0);
  });
});
