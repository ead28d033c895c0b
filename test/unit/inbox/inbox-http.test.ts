import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as inboxHandler } from '#handlers/http/inbox.tsx';
import { handler as weeklyHandler } from '#handlers/tasks/inbox-weekly.ts';
import { lambdaContext as context } from '../../support/events.ts';
import {
  callOfficials,
  deliverTo,
  type HttpEventInput,
  httpEvent,
  issue,
  OFFICIAL,
  RECIPIENTS,
  resetMocks,
  sentMails,
  sesMock,
  tokenOf,
  viewLink,
} from '../support/harness.ts';

/**
 * An agency's inbox through its handlers, against the run's dynalite: one answer for every address, an email only
 * to one that has assignments, a list across directives by the new by-address index that follows a reassignment,
 * and the weekly email sent once per address and week.
 */

const call = async (input: HttpEventInput) => {
  const r = await inboxHandler(httpEvent(input) as unknown as Parameters<typeof inboxHandler>[0], context);
  return {
    statusCode: r?.statusCode ?? 200,
    headers: (r?.headers ?? {}) as Record<string, string>,
    body: r?.body ?? '',
  };
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ask = (email: string, headers: Record<string, string> = {}) =>
  call({ routeKey: 'POST /inbox', headers: { ...FORM, ...headers }, body: new URLSearchParams({ email }).toString() });
const SENT = 'Nếu địa chỉ này có công văn cần xử lý, một đường dẫn đã được gửi tới hộp thư.';
const INBOX_LINK = /https?:\/\/[^\s"'<>]+\/inbox\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;
const mailCount = () => sesMock.commandCalls(SendRawEmailCommand).length;
const inboxTokenIn = (text: string) => {
  const token = INBOX_LINK.exec(text)?.[1];
  if (!token) throw new Error(`no inbox link in ${text.slice(0, 400)}`);
  return token;
};
const police = RECIPIENTS[0]?.email ?? '';

/** Two directives to the same three agencies; the police's two invitations delivered. */
const twoDirectives = async () => {
  const first = await issue({ number: `${Math.random().toString().slice(2, 8)}/STTTT-BCVT` });
  const second = await issue({ number: `${Math.random().toString().slice(2, 8)}/SYT-NVY` });
  await deliverTo(first.id, 'cong-an');
  await deliverTo(second.id, 'cong-an');
  return { first, second };
};

beforeEach(() => resetMocks());

describe('POST /inbox', () => {
  it('answers the same page for an address with assignments and for one without; only the first gets an email', async () => {
    const { first, second } = await twoDirectives();
    const before = mailCount();
    const known = await ask(`  ${police.toUpperCase()} `);
    expect(known.statusCode).toBe(200);
    expect(known.body).toContain(SENT);
    const mails = (await sentMails()).slice(before);
    expect(mails.map((m) => m.to)).toEqual([[police]]);
    const unknown = await ask('khong-co@gialai.example');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    expect(mailCount()).toBe(before + 1);

    // The link lists both directives, each with a link to its own page that opens.
    const page = await call({
      routeKey: 'GET /inbox/{token}',
      pathParameters: { token: inboxTokenIn(mails[0]?.text ?? '') },
    });
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    for (const d of [first, second]) expect(page.body).toContain(d.body.number);
    const links = [...page.body.matchAll(/href="(https?:\/\/[^"]+\/r\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(links).toHaveLength(2);
    for (const link of links) expect((await viewLink(tokenOf(link))).statusCode).toBe(200);
  });

  it('JSON too: 202 with the same sentence; bad input is a 400 naming the field, never a 5xx', async () => {
    const json = await call({
      routeKey: 'POST /inbox',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'khong-co@gialai.example' }),
    });
    expect(json.statusCode).toBe(202);
    expect(JSON.parse(json.body)).toEqual({ message: SENT });
    for (const body of [
      JSON.stringify({ email: 'not an address' }),
      JSON.stringify({}),
      JSON.stringify({ email: 7 }),
      '[]',
    ]) {
      const r = await call({ routeKey: 'POST /inbox', headers: { 'content-type': 'application/json' }, body });
      expect(r.statusCode, body).toBe(400);
      expect(JSON.parse(r.body).issues[0].path, body).toBe('email');
    }
    const form = await ask('not an address');
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Địa chỉ email của đơn vị');
    expect(form.body).toContain('value="not an address"');
    const broken = await call({ routeKey: 'POST /inbox', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(broken.statusCode).toBe(400);
    expect(mailCount()).toBe(0);
  });

  it('refuses a post from another site (Origin, Sec-Fetch-Site) and sends nothing', async () => {
    await twoDirectives();
    const before = mailCount();
    expect((await ask(police, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await ask(police, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(mailCount()).toBe(before);
    expect(
      (await ask(police, { origin: 'https://chidao.example.gov.vn', 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(200);
    expect(mailCount()).toBe(before + 1);
  });

  it('an SES failure for an address with assignments still answers the same page (no 500 to tell them apart)', async () => {
    await twoDirectives();
    sesMock.on(SendRawEmailCommand).rejects(Object.assign(new Error('SES is down'), { name: 'ServiceUnavailable' }));
    const failed = await ask(police);
    expect(failed.statusCode).toBe(200);
    expect(failed.body).toContain(SENT);
    expect(failed.body).toBe((await ask('khong-co@gialai.example')).body);
  });

  it('GET /inbox is the form, at phone width, with the same-origin referrer policy its POST needs', async () => {
    const r = await call({ routeKey: 'GET /inbox' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('name="viewport"');
    expect(r.body).toContain('action="/inbox"');
    expect(r.headers['referrer-policy']).toBe('same-origin');
    const en = await call({ routeKey: 'GET /inbox', query: { lang: 'en' } });
    expect(en.body).toContain('Send the link');
  });
});

describe('GET /inbox/{token}', () => {
  it('a forged link is 404, an expired one 410, each offering to ask again', async () => {
    const forged = await call({ routeKey: 'GET /inbox/{token}', pathParameters: { token: 'abc.def' } });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('href="/inbox"');
    await twoDirectives();
    const before = mailCount();
    await ask(police);
    const token = inboxTokenIn((await sentMails())[before]?.text ?? '');
    vi.setSystemTime(Date.now() + 30 * 86_400_000 + 1000);
    const gone = await call({ routeKey: 'GET /inbox/{token}', pathParameters: { token } });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('href="/inbox"');
    // A recipient's link is no inbox link.
    const recipient = (await sentMails())[0]?.links[0] ?? '';
    const wrong = await call({ routeKey: 'GET /inbox/{token}', pathParameters: { token: tokenOf(recipient) } });
    expect(wrong.statusCode).toBe(404);
  });

  it('a reassigned assignment leaves the old address’s inbox and appears in the new one, with a working link', async () => {
    const { first, second } = await twoDirectives();
    const moved = await callOfficials({
      routeKey: 'POST /api/directives/{id}/assignments/{recipientId}/reassign',
      pathParameters: { id: first.id, recipientId: 'cong-an' },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'vanthu.congan@gialai.example' }),
      claims: OFFICIAL,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const list = async (email: string) => {
      const before = mailCount();
      await ask(email);
      const mail = (await sentMails())[before];
      if (!mail) return undefined;
      return call({ routeKey: 'GET /inbox/{token}', pathParameters: { token: inboxTokenIn(mail.text) } });
    };
    const old = await list(police);
    expect(old?.body).toContain(second.body.number);
    expect(old?.body).not.toContain(first.body.number);
    const fresh = await list('vanthu.congan@gialai.example');
    expect(fresh?.body).toContain(first.body.number);
    expect(fresh?.body).not.toContain(second.body.number);
    const link = /href="(https?:\/\/[^"]+\/r\/[^"]+)"/.exec(fresh?.body ?? '')?.[1] ?? '';
    expect((await viewLink(tokenOf(link))).statusCode).toBe(200);
  });
});

describe('the weekly inbox email', () => {
  const run = async (at: string) => {
    vi.setSystemTime(Date.parse(at));
    return weeklyHandler({ scheduledAt: at } as never, context);
  };

  it('Monday 08:00: one email per address with open assignments, listing them; a second run sends nothing; Tuesday neither', async () => {
    const { first, second } = await twoDirectives();
    await deliverTo(first.id, 'dien-luc');
    const before = mailCount();
    const monday = await run('2026-03-09T01:00:00.000Z');
    expect(monday).toMatchObject({ date: '2026-03-09' });
    const mails = (await sentMails()).slice(before);
    const mine = mails.filter((m) => m.to.includes(police));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toMatch(/^Công văn cần xử lý tuần này \(09\/03\/2026\)/);
    for (const d of [first, second]) expect(mine[0]?.text).toContain(d.body.number);
    expect(inboxTokenIn(mine[0]?.text ?? '')).toBeTruthy();
    expect(mails.filter((m) => m.to.includes(RECIPIENTS[2]?.email ?? ''))).toHaveLength(1);
    // Addresses never delivered to (the army's) have no deadline yet: nothing for them.
    expect(mails.filter((m) => m.to.includes(RECIPIENTS[1]?.email ?? ''))).toHaveLength(0);
    const again = mailCount();
    await run('2026-03-09T01:05:00.000Z');
    await run('2026-03-10T01:00:00.000Z');
    expect(mailCount()).toBe(again);
  });
});
