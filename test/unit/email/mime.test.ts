import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeRawEmail } from '#adapters/mail/mime.ts';
import { FROM } from './fixtures.ts';

const SUBJECT = '[126/STTTT-BCVT] V/v đảm bảo thông tin liên lạc và chất lượng dịch vụ bưu chính, viễn thông';

const headerBlock = (raw: Buffer) => raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';

describe('composeRawEmail', () => {
  it('builds multipart text + HTML with attachments, UTF-8 and an RFC 2047 subject', async () => {
    const raw = await composeRawEmail({
      from: FROM,
      to: ['cong-an@gialai.example', 'bchqs@gialai.example'],
      cc: ['van-thu@stttt.gialai.example'],
      subject: SUBJECT,
      text: 'Kính gửi: Công an tỉnh',
      html: '<p>Kính gửi: Công an tỉnh</p>',
      attachments: [
        { filename: 'han.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' },
      ],
    });
    const headers = headerBlock(raw);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(headers).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(raw.toString('utf8')).toMatch(/Content-Type: multipart\/alternative/);
    // Nothing but ASCII goes over the wire.
    expect([...raw].every((byte) => byte < 128)).toBe(true);

    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.from?.value[0]).toEqual({ name: 'Sở TT&TT Gia Lai', address: 'no-reply@stttt.gialai.example' });
    expect(mail.text?.trim()).toBe('Kính gửi: Công an tỉnh');
    expect(mail.html).toBe('<p>Kính gửi: Công an tỉnh</p>');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['han.ics']);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((t) => t?.value.map((v) => v.address))).toEqual([
      'cong-an@gialai.example',
      'bchqs@gialai.example',
    ]);
    expect(mail.headers.get('message-id')).toBeTruthy();
    expect(mail.date).toBeInstanceOf(Date);
  });

  it('marks the message as automated', async () => {
    const raw = await composeRawEmail({ from: FROM, to: ['a@gialai.example'], subject: 'x', text: 'x', html: 'x' });
    const headers = headerBlock(raw);
    expect(headers).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(headers).toMatch(/^X-Auto-Response-Suppress: All$/m);
  });

  it('keeps extra headers, and keeps a line break in a value from starting a header', async () => {
    const raw = await composeRawEmail({
      from: FROM,
      to: ['a@gialai.example'],
      subject: 'Nhắc hạn\r\nBcc: evil@example.com',
      text: 'x',
      html: 'x',
      headers: { 'X-Chidao-Directive': '01HZ0000000000000000000126', 'Auto-Submitted': 'no' },
    });
    const headers = headerBlock(raw);
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).toMatch(/^X-Chidao-Directive: 01HZ0000000000000000000126$/m);
    expect(headers.match(/^Auto-Submitted:/gm)).toHaveLength(1);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Nhắc hạn Bcc: evil@example.com');
    expect(mail.bcc).toBeUndefined();
  });
});
