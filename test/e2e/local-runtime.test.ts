import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Readable } from 'node:stream';
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { GetSendQuotaCommand, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, rawRequest, startRuntime } from '../support/runtime.ts';

/**
 * The runtime itself, as `npm start` runs it: where it listens (loopback unless `--host`), what it prints, the
 * body limit, malformed requests, the fault switch and the local SES through the real SES client, and a SIGTERM
 * that is honoured while a request is in flight.
 */

let loopback: Runtime;
let open: Runtime;

beforeAll(async () => {
  // Ready once the banner is out: it names the services' ports.
  const readyWhen = (output: string) => /^ {2}services\s+DynamoDB/m.test(output);
  [loopback, open] = await Promise.all([startRuntime({ readyWhen }), startRuntime({ host: '0.0.0.0', readyWhen })]);
});

afterAll(async () => {
  await Promise.all([loopback?.dispose(), open?.dispose()]);
});

/** Every TCP address the processes of a group listen on, from /proc (the runtime runs as npm → sh → tsx → node). */
const listening = (group: number) => {
  const inodes = new Set<string>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // The process group is the 5th field of stat, after the command in parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2] !== String(group)) continue;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1]) inodes.add(m[1]);
      }
    } catch {}
  }
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] !== '0A' || !inodes.has(f[9] ?? '')) continue; // 0A: LISTEN
      const [hex = '', port = ''] = (f[1] ?? '').split(':');
      const ip =
        hex.length === 8
          ? (hex.match(/../g) ?? [])
              .map((b) => Number.parseInt(b, 16))
              .reverse()
              .join('.')
          : hex === '0'.repeat(32)
            ? '::'
            : `v6:${hex}`;
      addresses.push(`${ip}:${Number.parseInt(port, 16)}`);
    }
  }
  return addresses.sort();
};

/** The machine's first address that is not loopback, if it has one. */
const outside = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const tryConnect = (host: string, port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

/** The ports the banner lists for the services the runtime started. */
const servicePorts = (log: string) => {
  const line = /^ {2}services\s+(DynamoDB.*)$/m.exec(log)?.[1] ?? '';
  return [...line.matchAll(/(127\.0\.0\.1):(\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
};

const awsEndpointOf = (log: string) => {
  const m = /AWS endpoint \([^)]*\) (127\.0\.0\.1:\d+)/.exec(log);
  if (!m) throw new Error(`no AWS endpoint in the banner:\n${log}`);
  return `http://${m[1]}`;
};

const ses = (endpoint: string) =>
  new SESClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
const rawMail = Buffer.from('From: so@example.gov.vn\r\nTo: vanthu.congan@gialai.example\r\nSubject: Thử\r\n\r\nx');

const rss = async (runtime: Runtime) =>
  ((await runtime.call<{ memory: { rss: number } }>('GET', '/_local/stats')).json as { memory: { rss: number } }).memory
    .rss;

/** POSTs `total` bytes chunked, stopping once the server answers; the status it answered. */
const streamChunked = (base: string, path: string, total: number) =>
  new Promise<number>((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= total) return void this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    const url = new URL(base);
    const req = request(
      { host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'text/plain' } },
      (res) => {
        source.unpipe(req);
        source.destroy();
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    source.pipe(req);
  });

const MB = 1024 * 1024;

describe('local runtime', () => {
  it('listens on 127.0.0.1 only, every service it starts, and prints their ports', () => {
    const addresses = listening(loopback.pid);
    expect(addresses).toContain(`127.0.0.1:${loopback.port}`);
    // The gateway, DynamoDB, S3 and the AWS endpoint; aws-ses-v2-local starts with the first email (below).
    expect(addresses.length).toBeGreaterThanOrEqual(4);
    expect(addresses.filter((a) => !a.startsWith('127.0.0.1:'))).toEqual([]);
    const printed = servicePorts(loopback.log(20_000));
    expect(printed.length).toBe(3);
    expect(addresses).toEqual([...printed, `127.0.0.1:${loopback.port}`].sort());
    expect(loopback.log(20_000)).toMatch(new RegExp(`listening\\s+127\\.0\\.0\\.1:${loopback.port} `));
  });

  it('refuses connections from outside unless --host says otherwise', async () => {
    const address = outside();
    expect(address, 'this machine has no non-loopback IPv4 address to test with').toBeTruthy();
    expect(await tryConnect(address as string, loopback.port)).toBe('ECONNREFUSED');
    // With --host 0.0.0.0 the gateway is reachable from outside, and the banner warns; the services stay inside.
    const r = await fetch(`http://${address}:${open.port}/_local/clock`);
    expect(r.status).toBe(200);
    const addresses = listening(open.pid);
    expect(addresses).toContain(`0.0.0.0:${open.port}`);
    expect(addresses.filter((a) => !a.startsWith('127.0.0.1:'))).toEqual([`0.0.0.0:${open.port}`]);
    expect(open.log(20_000)).toMatch(/listening\s+0\.0\.0\.0:\d+ .*WARNING: not loopback/);
  });

  it('refuses bodies over 10 MB before buffering them, and its memory stays flat through 200 MB', async () => {
    const start = await rss(loopback);
    expect(await streamChunked(loopback.base, '/r/abc/report', 200 * MB)).toBe(413);
    const before = await rss(loopback);
    expect(before - start, `RSS ${Math.round(start / MB)} → ${Math.round(before / MB)} MiB`).toBeLessThan(100 * MB);
    // Declared: refused from the head alone.
    const declared = await rawRequest(loopback.base, {
      method: 'POST',
      target: '/r/abc/report',
      headers: [['Content-Length', String(200 * MB)]],
    });
    expect(declared.status).toBe(413);
    // Streamed: refused once it passes 10 MB, on every kind of route, before routing and auth.
    for (const path of ['/r/abc/report', '/api/directives', '/_local/clock', '/nowhere'])
      expect([path, await streamChunked(loopback.base, path, 200 * MB)]).toEqual([path, 413]);
    // 800 MB more went by; what the process holds did not follow.
    const after = await rss(loopback);
    expect(after - before, `RSS ${Math.round(before / MB)} → ${Math.round(after / MB)} MiB`).toBeLessThan(64 * MB);
  });

  it('answers bad % escapes with 400 and malformed requests with 4xx, and keeps running', async () => {
    const requests: [string, string][] = [
      ['GET', '/r/%E0%A4%A'],
      ['POST', '/r/%E0%A4%A/acknowledge'],
      ['GET', '/api/directives/%C0%AF'],
      ['GET', '/_local/outbox/view/%'],
    ];
    for (const [method, target] of requests) {
      const r = await rawRequest(loopback.base, {
        method,
        target,
        headers: [['Authorization', 'Bearer e2e-official-token']],
      });
      expect([method, target, r.status]).toEqual([method, target, 400]);
    }
    const odd: [string, string, [string, string][]][] = [
      ['PROPFIND', '/r/x', []],
      ['GET', '/r/..%2F..%2Fetc%2Fpasswd', []],
      ['GET', `/${'a/'.repeat(3000)}`, []],
      ['GET', '/__proto__/constructor', [['__proto__', '{}']]],
      ['POST', '/_local/clock', [['Content-Type', 'application/json']]],
      ['POST', '/_local/faults', [['Content-Type', 'application/json']]],
      ['GET', '/r/x', [['X-Big', 'a'.repeat(20_000)]]],
      ['CONNECT', 'example.com:443', []],
    ];
    for (const [method, target, headers] of odd) {
      const r = await rawRequest(loopback.base, { method, target, headers, body: 'null' });
      expect(r.status, `${method} ${target.slice(0, 60)}: ${r.status} ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(r.status, `${method} ${target.slice(0, 60)}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
    }
    expect((await loopback.call('GET', '/_local/clock')).status).toBe(200);
  });

  it('POST /_local/faults makes the next N calls to SES fail as SES does; GET shows what is left', async () => {
    expect((await loopback.call('GET', '/_local/faults')).json).toEqual({ ses: 0, sms: 0, zalo: 0, sfn: 0 });
    for (const body of [{}, { ses: -1 }, { ses: 'x' }, { mms: 1 }, [], null]) {
      const r = await loopback.call<{ message: string }>('POST', '/_local/faults', body);
      expect([body, r.status]).toEqual([body, 400]);
      expect(r.json.message).toMatch(/"ses": 3/);
    }
    expect((await loopback.call('POST', '/_local/faults', { ses: 2 })).json).toEqual({
      ses: 2,
      sms: 0,
      zalo: 0,
      sfn: 0,
    });
    expect((await loopback.call('GET', '/_local/faults')).json).toEqual({ ses: 2, sms: 0, zalo: 0, sfn: 0 });

    const client = ses(awsEndpointOf(loopback.log(20_000)));
    const mailsBefore = (await loopback.outbox()).length;
    for (const left of [1, 0]) {
      const error = await client.send(new SendRawEmailCommand({ RawMessage: { Data: rawMail } })).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('ServiceUnavailable');
      expect(error.$metadata.httpStatusCode).toBe(503);
      expect((await loopback.call('GET', '/_local/faults')).json).toEqual({ ses: left, sms: 0, zalo: 0, sfn: 0 });
    }
    const listeningBefore = listening(loopback.pid);
    const sent = await client.send(new SendRawEmailCommand({ RawMessage: { Data: rawMail } }));
    expect(sent.MessageId).toBeTruthy();
    expect((await loopback.outbox()).length).toBe(mailsBefore + 1);
    // The first email that reached SES started aws-ses-v2-local, on loopback like the rest.
    const started = listening(loopback.pid).filter((a) => !listeningBefore.includes(a));
    expect(started).toHaveLength(1);
    expect(started[0]).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('answers an SES action it does not implement at once, with UnknownOperation', async () => {
    const started = performance.now();
    const error = await ses(awsEndpointOf(loopback.log(20_000)))
      .send(new GetSendQuotaCommand({}))
      .catch((e) => e);
    expect(error.name).toBe('UnknownOperation');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('records an SMS sent to its AWS endpoint in /_local/messages, and shows it on the page beside the outbox', async () => {
    const client = new PinpointSMSVoiceV2Client({
      endpoint: awsEndpointOf(loopback.log(20_000)),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const { MessageId } = await client.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: '+84912000111',
        MessageBody: 'thu',
        MessageType: 'TRANSACTIONAL',
      }),
    );
    const listed = (
      await loopback.call<{ id: string; channel: string; to: string; status: string }[]>('GET', '/_local/messages')
    ).json;
    expect(listed).toContainEqual(
      expect.objectContaining({ id: MessageId, channel: 'sms', to: '+84912000111', status: 'SENT' }),
    );
    const page = await fetch(`${loopback.base}/_local/messages/view`).then((r) => r.text());
    expect(page).toContain('+84912000111');
    expect(page).toContain('href="/_local/outbox/view"');
    const outbox = await fetch(`${loopback.base}/_local/outbox/view`).then((r) => r.text());
    expect(outbox).toContain('href="/_local/messages/view"');
  });

  it('stops promptly on SIGTERM while a request is still in flight', async () => {
    // A request whose body never ends keeps its connection busy: close() alone would wait for it forever.
    const hanging = request({
      host: '127.0.0.1',
      port: open.port,
      path: '/api/directives',
      method: 'POST',
      headers: { 'content-length': '1000', expect: '100-continue' },
    });
    hanging.on('error', () => {});
    // "100 Continue" says the gateway has the request in hand.
    await new Promise((resolve) => hanging.once('continue', resolve));
    hanging.write('{"number":');
    const started = performance.now();
    await open.stop('SIGTERM');
    // The launcher escalates to SIGKILL after 15 s; a runtime that honours SIGTERM is gone well before.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
