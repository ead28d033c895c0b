import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
import type { Outbox } from './outbox.ts';

type StartSes = (config: { host: string; port: number }) => Promise<Server>;
// aws-ses-v2-local is CommonJS with an ES default export inside.
const startSesServer = ((sesModule as unknown as { default?: StartSes }).default ?? sesModule) as unknown as StartSes;

/** The SES API from aws-ses-v2-local, on a loopback port. */
export const startSes = async () => {
  const server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/**
 * Passes an SES request on to aws-ses-v2-local and, when it accepted a SendRawEmail, keeps the message in the
 * outbox before answering: once the handler hears "sent", the mail is on disk.
 */
export const sesProxy =
  (sesEndpoint: string, outbox: Outbox) =>
  async (
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> => {
    const response = await fetch(sesEndpoint, {
      method: 'POST',
      headers: {
        'content-type': headers['content-type'] ?? 'application/x-www-form-urlencoded',
        authorization: headers.authorization ?? 'AWS4-HMAC-SHA256 local',
      },
      body: new Uint8Array(body),
    });
    const text = Buffer.from(await response.arrayBuffer());
    const form = new URLSearchParams(body.toString('utf8'));
    if (response.ok && form.get('Action') === 'SendRawEmail') {
      const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(text.toString('utf8'))?.[1];
      await outbox.add(Buffer.from(form.get('RawMessage.Data') ?? '', 'base64'), messageId);
    }
    return {
      status: response.status,
      headers: { 'content-type': response.headers.get('content-type') ?? 'text/xml' },
      body: text,
    };
  };
