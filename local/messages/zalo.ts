import { randomBytes, randomUUID } from 'node:crypto';
import type { Faults } from '../faults.ts';
import type { Messages } from './store.ts';

/**
 * A stand-in for Zalo's two hosts as ZNS uses them, served on the runtime's AWS endpoint under these paths (the
 * functions get them as ZALO_API_URL and ZALO_OAUTH_URL):
 * - `POST {api}/message/template` (header `access_token`, JSON `{phone, template_id, template_data, tracking_id}`)
 *   → `{error: 0, message: "Success", data: {msg_id, sent_time, quota}}` or `{error: <negative>, message}`;
 * - `POST {oauth}/v4/oa/access_token` (header `secret_key`, form `app_id`, `grant_type=refresh_token`,
 *   `refresh_token`) → `{access_token, refresh_token, expires_in}`.
 * Access tokens carry their own expiry (25 hours, on the runtime's clock), so they outlive a restart; refresh
 * tokens are single-use within a run. An armed fault (`{"zalo": N}`) refuses the message with -118 ("Zalo account
 * not existed"), a refusal the adapter records as FAILED, never retried.
 */
export const ZALO_PATHS = { api: '/zalo/business', oauth: '/zalo/oauth' } as const;

/** What the local secret holds at first start, so that the adapter works offline: its first call refreshes. */
export const LOCAL_ZALO_SECRET_KEY = 'local-zalo-secret-key';
export const localZaloSecret = () =>
  JSON.stringify({ secretKey: LOCAL_ZALO_SECRET_KEY, refreshToken: `local-rt.${randomBytes(12).toString('hex')}` });

const ACCESS_TOKEN_LIFE_S = 25 * 3600;

type Request = { method: string; path: string; headers: Record<string, string>; body: Buffer };
type Answer = { status: number; headers: Record<string, string>; body: string };

const json = (body: unknown, status = 200): Answer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const accessTokenAlive = (token: string | undefined, now: number) => {
  const [kind, expiresAt] = (token ?? '').split('.');
  return kind === 'local-at' && Number(expiresAt) > now;
};

/** The template's parameters as the message's text: one `key: value` line each. */
const rendered = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');

export const zaloStandIn = (messages: Messages, faults?: Faults) => {
  const spent = new Set<string>();

  const refresh = (req: Request): Answer => {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const refreshToken = form.get('refresh_token') ?? '';
    if (req.headers.secret_key !== LOCAL_ZALO_SECRET_KEY || !form.get('app_id'))
      return json({ error: -14002, error_name: 'Invalid app', error_description: 'app_id or secret_key is wrong' });
    if (form.get('grant_type') !== 'refresh_token' || !refreshToken.startsWith('local-rt.') || spent.has(refreshToken))
      return json({
        error: -14014,
        error_name: 'Invalid refresh token',
        error_description: 'refresh token is invalid',
      });
    spent.add(refreshToken);
    const expiresAt = Date.now() + ACCESS_TOKEN_LIFE_S * 1000;
    return json({
      access_token: `local-at.${expiresAt}.${randomBytes(12).toString('hex')}`,
      refresh_token: `local-rt.${randomBytes(12).toString('hex')}`,
      expires_in: String(ACCESS_TOKEN_LIFE_S),
    });
  };

  const send = (req: Request): Answer => {
    if (!accessTokenAlive(req.headers.access_token, Date.now()))
      return json({ error: -124, message: 'Access token invalid' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return json({ error: -122, message: 'Body format invalid' });
    }
    const phone = typeof body.phone === 'string' ? body.phone : '';
    const templateId = typeof body.template_id === 'string' ? body.template_id : '';
    const data = body.template_data;
    if (!templateId) return json({ error: -109, message: 'Template ID invalid' });
    if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length === 0)
      return json({ error: -111, message: 'Template data empty' });
    const record = {
      id: randomUUID().replaceAll('-', '').slice(0, 20),
      channel: 'zalo' as const,
      to: phone,
      text: rendered(data as Record<string, unknown>),
      template: templateId,
      sentAt: new Date().toISOString(),
    };
    if (!/^84\d{9,10}$/.test(phone)) {
      messages.add({ ...record, status: 'FAILED', error: '-108 Phone number invalid' });
      return json({ error: -108, message: 'Phone number invalid' });
    }
    if (faults?.take('zalo')) {
      messages.add({ ...record, status: 'FAILED', error: '-118 (a fault armed by POST /_local/faults)' });
      return json({ error: -118, message: 'Zalo account not existed' });
    }
    messages.add({ ...record, status: 'SENT' });
    return json({
      error: 0,
      message: 'Success',
      data: { msg_id: record.id, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: '499' } },
    });
  };

  /** Answers a request for one of Zalo's paths; undefined for any other path. */
  return (req: Request): Answer | undefined => {
    if (req.method !== 'POST') return undefined;
    if (req.path === `${ZALO_PATHS.api}/message/template`) return send(req);
    if (req.path === `${ZALO_PATHS.oauth}/v4/oa/access_token`) return refresh(req);
    return undefined;
  };
};
