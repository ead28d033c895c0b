import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Faults } from '../faults.ts';
import type { Outbox } from './outbox.ts';

type StartSes = (config: { host: string; port: number }) => Promise<Server>;

/** The SES API from aws-ses-v2-local, on a loopback port. */
export const startSes = async () => {
  const sesModule = (await import('aws-ses-v2-local')).default;
  // aws-ses-v2-local is CommonJS with an ES default export inside.
  const startSesServer = ((sesModule as unknown as { default?: StartSes }).default ?? sesModule) as unknown as StartSes;
  const server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

export type SesRequest = { method: string; url: string; headers: Record<string, string>; body: Buffer };
export type SesAnswer = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * The only actions aws-ses-v2-local answers on SES v1's Query API. It never answers the others (GetSendQuota,
 * VerifyEmailIdentity, SendTemplatedEmail…), which left the SDK waiting 300 s; they are refused here instead.
 */
const FORWARDED = new Set(['SendEmail', 'SendRawEmail']);

/** Long enough for a send while a fan-out of thousands shares this event loop, short enough not to stall a task. */
export const SES_TIMEOUT_MS = 5_000;

const xmlText = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** An error in the shape SES's Query API gives it, which the SDK turns into an exception named `code`. */
export const sesError = (status: number, code: string, message: string): SesAnswer => {
  const requestId = randomUUID();
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: Buffer.from(
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type>` +
        `<Code>${xmlText(code)}</Code><Message>${xmlText(message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    ),
  };
};

const actionOf = (request: SesRequest) => {
  const query = new URLSearchParams(request.url.split('?')[1] ?? '');
  const form =
    request.method === 'POST' && /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')
      ? new URLSearchParams(request.body.toString('utf8'))
      : new URLSearchParams();
  return { action: form.get('Action') ?? query.get('Action') ?? '', form };
};

/** aws-ses-v2-local reports its own refusals as JSON, which an SES client cannot read: give them SES's shape. */
const asSesError = (status: number, text: string) => {
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; detail?: unknown };
    detail = String(parsed.detail ?? parsed.message ?? text);
  } catch {}
  return status >= 500
    ? sesError(status, 'InternalFailure', detail)
    : sesError(status, 'InvalidParameterValue', detail);
};

/**
 * Fronts aws-ses-v2-local on the runtime's AWS endpoint. Armed faults fail a call as an unavailable SES does
 * (503 `ServiceUnavailable`); actions the local SES does not implement are refused at once (400
 * `UnknownOperation`); every forwarded call has a timeout. When a SendRawEmail is accepted, the message is kept in
 * the outbox before the answer: once the handler hears "sent", the mail is on disk.
 */
/**
 * aws-ses-v2-local, started on the first call that needs it: its module takes a third of a second to load,
 * which a start that sends no email need not pay.
 */
export const sesOnDemand = () => {
  let started: ReturnType<typeof startSes> | undefined;
  return {
    endpoint: async () => {
      started ??= startSes();
      return (await started).endpoint;
    },
    close: async () => (started ? (await started).close() : undefined),
  };
};

export const sesProxy =
  (
    sesEndpoint: string | (() => Promise<string>),
    outbox: Outbox,
    options: { faults?: Faults; timeoutMs?: number } = {},
  ) =>
  async (request: SesRequest): Promise<SesAnswer> => {
    if (options.faults?.take('ses'))
      return sesError(503, 'ServiceUnavailable', 'Service Unavailable (a fault armed by POST /_local/faults)');
    const { action, form } = actionOf(request);
    if (!FORWARDED.has(action))
      return sesError(
        400,
        'UnknownOperation',
        `The local SES implements ${[...FORWARDED].join(' and ')} only, not ${action ? `"${action}"` : 'this request'}`,
      );
    const timeoutMs = options.timeoutMs ?? SES_TIMEOUT_MS;
    let response: Response;
    let text: Buffer;
    try {
      response = await fetch(typeof sesEndpoint === 'string' ? sesEndpoint : await sesEndpoint(), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: request.headers.authorization ?? 'AWS4-HMAC-SHA256 local',
        },
        body: new Uint8Array(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error);
      return sesError(503, 'ServiceUnavailable', `aws-ses-v2-local failed on ${action}: ${reason}`);
    }
    if (!response.ok && !/xml/i.test(response.headers.get('content-type') ?? ''))
      return asSesError(response.status, text.toString('utf8'));
    if (response.ok && action === 'SendRawEmail') {
      const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(text.toString('utf8'))?.[1];
      await outbox.add(Buffer.from(form.get('RawMessage.Data') ?? '', 'base64'), messageId);
    }
    return {
      status: response.status,
      headers: { 'content-type': response.headers.get('content-type') ?? 'text/xml' },
      body: text,
    };
  };
