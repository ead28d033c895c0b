import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

type JsonApi = (
  target: string,
  body: Record<string, unknown>,
) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;
type RawApi = (
  headers: Record<string, string>,
  body: Buffer,
) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

/**
 * One loopback endpoint for the AWS APIs the runtime implements or fronts: JSON APIs chosen by the
 * `X-Amz-Target` prefix (Step Functions, Secrets Manager, Cognito), SES's query API for the rest, and a few
 * documents by path (the user pool's key set).
 */
export const startAwsEndpoint = async (
  json: Record<string, JsonApi>,
  query: RawApi,
  documents: Record<string, () => unknown> = {},
) => {
  const server = createServer(async (req, res) => {
    try {
      const document = req.method === 'GET' ? documents[req.url ?? ''] : undefined;
      if (document) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document()));
        return;
      }
      const body = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      const api = Object.entries(json).find(([prefix]) => target.startsWith(prefix))?.[1];
      if (api) {
        const out = await api(target, body.length ? JSON.parse(body.toString('utf8')) : {});
        res.writeHead(out.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(out.body));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const out = await query(headers, body);
      res.writeHead(out.status, out.headers).end(out.body);
    } catch (error) {
      console.error('local AWS endpoint:', error);
      res
        .writeHead(500, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
