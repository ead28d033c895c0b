import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SesAnswer, SesRequest } from './mail/ses.ts';

type JsonApi = (
  target: string,
  body: Record<string, unknown>,
) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;
type RawApi = (request: SesRequest) => Promise<SesAnswer>;
/** An HTTP API chosen by path (the Zalo stand-in): its answer, or undefined when the path is not its own. */
export type PathApi = (request: {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}) => { status: number; headers: Record<string, string>; body: string } | undefined;

/** SES takes raw messages of up to 40 MB (v2); nothing the handlers send comes near it. */
const BODY_LIMIT = 48 * 1024 * 1024;

class TooLarge extends Error {}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > BODY_LIMIT) throw new TooLarge();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
};

const amzJson = (status: number, body: unknown) => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify(body),
});

/**
 * One loopback endpoint for the AWS APIs the runtime implements or fronts: JSON APIs chosen by the
 * `X-Amz-Target` prefix (Step Functions, Secrets Manager, Cognito, SMS), SES's query API for the rest, a few
 * documents by path (the user pool's key set), and the non-AWS providers' stand-ins by path (Zalo).
 */
export const startAwsEndpoint = async (
  json: Record<string, JsonApi>,
  query: RawApi,
  documents: Record<string, () => unknown> = {},
  byPath: PathApi = () => undefined,
) => {
  const answer = async (req: IncomingMessage) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && Object.hasOwn(documents, url))
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(documents[url]?.()) };
    const body = await readBody(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const own = byPath({ method: req.method ?? 'GET', path: url.split('?')[0] ?? url, headers, body });
    if (own) return own;
    const target = String(req.headers['x-amz-target'] ?? '');
    const api = Object.entries(json).find(([prefix]) => target.startsWith(prefix))?.[1];
    if (api) {
      let input: unknown = {};
      try {
        if (body.length) input = JSON.parse(body.toString('utf8'));
      } catch {}
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return amzJson(400, { __type: 'SerializationException', message: 'The request body is not a JSON object' });
      const out = await api(target, input as Record<string, unknown>);
      return amzJson(out.status, out.body);
    }
    return query({ method: req.method ?? 'GET', url, headers, body });
  };

  const server = createServer(async (req, res) => {
    try {
      const out = await answer(req);
      res.writeHead(out.status, out.headers).end(out.body);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof TooLarge) {
        res.writeHead(413, { connection: 'close' }).end();
        return;
      }
      console.error('local AWS endpoint:', error);
      res
        .writeHead(500, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
