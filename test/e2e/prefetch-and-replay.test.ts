import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALREADY_DONE,
  CONFIRMED,
  giaLaiDirective,
  linkOf,
  mailsTo,
  noticeOf,
  type RecipientLink,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';

/** Changes one character of the signature (the part after the '.'): a different HMAC, same length. */
const tamper = (token: string) => {
  const dot = token.indexOf('.');
  const i = dot + 1;
  const c = token[i];
  if (dot < 0 || c === undefined) throw new Error(`not a signed token: ${token}`);
  return `${token.slice(0, i)}${c === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
};

/** The same signature over a payload that names another recipient. */
const retarget = (token: string, recipientId: string) => {
  const [payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as unknown[];
  claims[1] = recipientId;
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
};

/**
 * Mail scanners open links before people do, people click twice, browsers resend forms, and someone edits a
 * link by hand: none of it may change an assignment, except the one real action, once.
 */
describe('prefetch, replay and tampering', () => {
  let rt: Runtime;
  let id: string;
  const [scanned, bystander, reporter] = recipients('ubnd-pleiku', 'ubnd-an-khe', 'viettel-gia-lai');
  if (!scanned || !bystander || !reporter) throw new Error('recipients missing');
  const links = new Map<string, RecipientLink>();
  const linkFor = (recipientId: string) => {
    const link = links.get(recipientId);
    if (!link) throw new Error(`no link for ${recipientId}`);
    return link;
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    id = (await rt.issue(giaLaiDirective({ now, recipients: [scanned, bystander, reporter] }))).id;
    await rt.settle();
    const mails = await rt.outbox();
    for (const r of [scanned, bystander, reporter]) {
      const [mail] = mailsTo(mails, r.email);
      if (!mail) throw new Error(`no invitation to ${r.email}\n${rt.log()}`);
      links.set(r.id, linkOf(mail));
    }
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('shows the page on GET and HEAD and changes nothing', async () => {
    const before = await rt.assignment(id, scanned.id);
    expect(before.status).toBe('DELIVERED');

    const page = await rt.open(linkFor(scanned.id).path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain(scanned.name);
    expect(page.text).toContain('126/STTTT-BCVT');
    const head = await rt.open(linkFor(scanned.id).path, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    // A scanner that fetches it again and again.
    const again = await Promise.all(Array.from({ length: 5 }, () => rt.open(linkFor(scanned.id).path)));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await rt.settle();

    const after = await rt.assignment(id, scanned.id);
    expect(after.status).toBe('DELIVERED');
    expect(after.acknowledgedAt).toBeNull();
    expect(after.history).toHaveLength(before.history.length);
    expect(after.history).toEqual(before.history);
  });

  it('acknowledges once when the form is posted 20 times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => rt.form(`${linkFor(scanned.id).path}/acknowledge`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s >= 400),
      JSON.stringify(statuses),
    ).toEqual([]);
    const notices = answers.map((a) => noticeOf(a.text));
    expect(
      notices.filter((n) => n === CONFIRMED),
      JSON.stringify(notices),
    ).toHaveLength(1);
    expect(
      notices.filter((n) => n === ALREADY_DONE),
      JSON.stringify(notices),
    ).toHaveLength(19);
    expect(answers.filter((a) => a.text.includes(ALREADY_DONE))).toHaveLength(19);
    await rt.settle();

    const a = await rt.assignment(id, scanned.id);
    expect(a.status).toBe('ACKNOWLEDGED');
    expect(a.history.filter((e) => e.type === 'ACKNOWLEDGED')).toHaveLength(1);
    expect(a.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED']);
  });

  it('answers a second acknowledgement later with "already done"', async () => {
    const again = await rt.form(`${linkFor(scanned.id).path}/acknowledge`);
    expect(again.status).toBe(200);
    expect(noticeOf(again.text)).toBe(ALREADY_DONE);
    expect((await rt.assignment(id, scanned.id)).history).toHaveLength(3);
  });

  it('records one report when the report form is posted 10 times at once', async () => {
    const path = `${linkFor(reporter.id).path}/report`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => rt.form(path, reportFields(reporter))));
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s >= 400),
      JSON.stringify(statuses),
    ).toEqual([]);
    const notices = answers.map((a) => noticeOf(a.text));
    expect(notices.filter((n) => n === `Đã gửi báo cáo nhiệm vụ ${reportFields(reporter).taskCode}`)).toHaveLength(1);
    expect(
      notices.filter((n) => n === ALREADY_DONE),
      JSON.stringify(notices),
    ).toHaveLength(9);
    await rt.settle();

    const a = await rt.assignment(id, reporter.id);
    expect(a.status).toBe('COMPLETED');
    expect(a.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
  });

  it('refuses a link whose signature was changed, and changes nothing', async () => {
    const before = await rt.assignment(id, bystander.id);
    const forged = `/r/${tamper(linkFor(bystander.id).token)}`;
    expect(forged).not.toBe(linkFor(bystander.id).path);

    const page = await rt.open(forged);
    expect([403, 404]).toContain(page.status);
    expect(page.text).not.toContain(bystander.name);
    const head = await rt.open(forged, 'HEAD');
    expect([403, 404]).toContain(head.status);
    const ack = await rt.form(`${forged}/acknowledge`);
    expect([403, 404]).toContain(ack.status);
    const report = await rt.form(`${forged}/report`, reportFields(bystander));
    expect([403, 404]).toContain(report.status);
    await rt.settle();

    const after = await rt.assignment(id, bystander.id);
    expect(after.status).toBe('DELIVERED');
    expect(after.history).toHaveLength(before.history.length);
  });

  it('refuses a signature moved onto a payload that names another recipient', async () => {
    const forged = `/r/${retarget(linkFor(scanned.id).token, bystander.id)}`;
    const ack = await rt.form(`${forged}/acknowledge`);
    expect([403, 404]).toContain(ack.status);
    const garbage = await rt.form('/r/not-a-token/acknowledge');
    expect([403, 404]).toContain(garbage.status);
    await rt.settle();
    const after = await rt.assignment(id, bystander.id);
    expect(after.status).toBe('DELIVERED');
    expect(after.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED']);
  });

  it('still accepts the untampered link afterwards', async () => {
    const ack = await rt.form(`${linkFor(bystander.id).path}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(noticeOf(ack.text)).toBe(CONFIRMED);
    expect((await rt.assignment(id, bystander.id)).status).toBe('ACKNOWLEDGED');
  });
});
