import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSendQuotaCommand, SESClient, SendRawEmailCommand, VerifyEmailIdentityCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint } from '../../local/aws-endpoint.ts';
import { FAULTS_USAGE, Faults, parseFaults } from '../../local/faults.ts';
import { Outbox } from '../../local/mail/outbox.ts';
import { sesProxy, startSes } from '../../local/mail/ses.ts';

/** The local SES as the handlers reach it (the runtime's AWS endpoint, the real SES client), in this process. */

const dir = mkdtempSync(join(tmpdir(), 'chidao-ses-'));
const outbox = new Outbox(join(dir, 'outbox.jsonl'));
const faults = new Faults();
let ses: Awaited<ReturnType<typeof startSes>>;
let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let silent: Server;
let silentEndpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;

const client = (url: string) =>
  new SESClient({
    endpoint: url,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

const message = (to: string) =>
  Buffer.from(`From: so@example.gov.vn\r\nTo: ${to}\r\nSubject: =?UTF-8?B?Q8O0bmcgdsSDbg==?=\r\n\r\nNội dung`);
const send = (url: string, to: string) =>
  client(url).send(new SendRawEmailCommand({ RawMessage: { Data: message(to) } }));

/** The error a call fails with, and how long it took. */
const failure = async (call: Promise<unknown>) => {
  const started = performance.now();
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message, ms: performance.now() - started };
  }
  throw new Error('the call succeeded');
};

beforeAll(async () => {
  ses = await startSes();
  endpoint = await startAwsEndpoint({}, sesProxy(ses.endpoint, outbox, { faults }));
  // An SES that takes the request and never answers, as aws-ses-v2-local does for the actions it lacks.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  silentEndpoint = await startAwsEndpoint({}, sesProxy(silentUrl, outbox, { timeoutMs: 300 }));
});

afterAll(async () => {
  await Promise.all([endpoint.close(), silentEndpoint.close(), ses.close()]);
  silent.closeAllConnections();
  silent.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local SES', () => {
  it('sends a raw email and keeps it in the outbox', async () => {
    const sent = await send(endpoint.endpoint, 'vanthu@gialai.example');
    expect(sent.MessageId).toBeTruthy();
    expect(outbox.list().at(-1)).toMatchObject({ to: ['vanthu@gialai.example'], subject: 'Công văn' });
  });

  it('refuses at once what it does not implement, as an UnknownOperation SES error', async () => {
    for (const command of [new GetSendQuotaCommand({}), new VerifyEmailIdentityCommand({ EmailAddress: 'a@b.c' })]) {
      const e = await failure(client(endpoint.endpoint).send(command as never));
      expect(e).toMatchObject({ name: 'UnknownOperation', status: 400 });
      expect(e.message).toMatch(/implements SendEmail and SendRawEmail only/);
      expect(e.ms).toBeLessThan(2_000);
    }
  });

  it('fails the next N calls with 503 ServiceUnavailable when faults are armed, then sends again', async () => {
    const before = outbox.list().length;
    faults.arm({ ses: 2 });
    expect(faults.snapshot()).toEqual({ ses: 2, sms: 0, zalo: 0, sfn: 0 });
    for (const left of [1, 0]) {
      expect(await failure(send(endpoint.endpoint, 'dienluc@gialai.example'))).toMatchObject({
        name: 'ServiceUnavailable',
        status: 503,
      });
      expect(faults.snapshot()).toEqual({ ses: left, sms: 0, zalo: 0, sfn: 0 });
    }
    await send(endpoint.endpoint, 'dienluc@gialai.example');
    // The failed calls sent nothing.
    expect(outbox.list().length).toBe(before + 1);
  });

  it('answers 503 ServiceUnavailable when the SES behind it does not answer in time', async () => {
    const e = await failure(send(silentEndpoint.endpoint, 'vanthu@gialai.example'));
    expect(e).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
    expect(e.message).toMatch(/no answer within 300 ms/);
    expect(e.ms).toBeLessThan(3_000);
  });

  it("turns aws-ses-v2-local's own JSON refusals into SES errors the client can read", async () => {
    const noFrom = Buffer.from('To: a@b.c\r\nSubject: x\r\n\r\nx');
    const e = await failure(client(endpoint.endpoint).send(new SendRawEmailCommand({ RawMessage: { Data: noFrom } })));
    expect(e).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
    expect(e.message).toMatch(/Missing source or from/);
  });
});

describe('fault switch', () => {
  it('reads {"<service>": N} and refuses anything else', () => {
    expect(parseFaults('{"ses": 3}')).toEqual({ ses: 3 });
    expect(parseFaults('{"ses": 0}')).toEqual({ ses: 0 });
    for (const bad of [
      '',
      'x',
      'null',
      '[]',
      '3',
      '{}',
      '{"ses": -1}',
      '{"ses": 1.5}',
      '{"ses": "3"}',
      '{"ses": 1e9}',
      '{"mms": 1}',
      '{"__proto__": 1}',
      '{"ses": 1, "constructor": 1}',
    ])
      expect([bad, parseFaults(bad)]).toEqual([bad, undefined]);
    expect(FAULTS_USAGE).toContain('"ses"');
  });

  it('counts down per service, and 0 disarms', () => {
    const f = new Faults();
    expect(f.take('ses')).toBe(false);
    f.arm({ ses: 2 });
    expect([f.take('ses'), f.take('ses'), f.take('ses')]).toEqual([true, true, false]);
    f.arm({ ses: 5 });
    expect(f.snapshot()).toEqual({ ses: 5, sms: 0, zalo: 0, sfn: 0 });
    f.arm({ ses: 0 });
    expect(f.snapshot()).toEqual({ ses: 0, sms: 0, zalo: 0, sfn: 0 });
  });
});
