import { type ParsedMail, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeRawEmail } from '#adapters/mail/mime.ts';
import type { Assignment } from '#core/assignment/model.ts';
import {
  deadlineVi,
  type EmailContent,
  escalationEmail,
  invitationEmail,
  reminderEmail,
} from '#documents/email/index.ts';
import { ENGLISH_FILENAME } from '#documents/email/render.tsx';
import {
  assignment,
  DEADLINE,
  directive,
  escalateAck,
  escalateReport,
  FROM,
  LINK,
  remindAck,
  remindReport,
  unfold,
} from './fixtures.ts';

const send = async (email: EmailContent, to: string[]) => {
  const raw = await composeRawEmail({ from: FROM, to, ...email });
  return { raw, headers: raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '', mail: await simpleParser(raw) };
};

const html = (mail: ParsedMail) => (typeof mail.html === 'string' ? mail.html : '');
const lines = (mail: ParsedMail) => (mail.text ?? '').split(/\r?\n/).map((l) => l.trim());
const TASK_13 = directive.tasks.find((t) => t.code === '1.3')?.text ?? '';

describe('deadlineVi', () => {
  it('shows an instant in Asia/Ho_Chi_Minh as "HH:mm ngày dd/mm/yyyy"', () => {
    expect(deadlineVi('2021-02-03T10:00:00Z')).toBe('17:00 ngày 03/02/2021');
    expect(deadlineVi('2021-02-03T17:30:00Z')).toBe('00:30 ngày 04/02/2021');
    expect(deadlineVi('2021-02-03T17:00:00+07:00')).toBe('17:00 ngày 03/02/2021');
  });
});

describe('invitationEmail', () => {
  const invite = async (a: Assignment = assignment()) =>
    send(await invitationEmail({ directive, assignment: a, link: LINK }), [a.recipientEmail]);

  it('has the directive number and Vietnamese subject, RFC 2047-encoded on the wire', async () => {
    const { mail, headers } = await invite();
    expect(mail.subject).toBe(`[126/STTTT-BCVT] ${directive.subject}`);
    expect(mail.subject).toContain('V/v đảm bảo thông tin liên lạc');
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
  });

  it('carries the link in both parts: on its own line in the text, as a button in the HTML', async () => {
    const { mail } = await invite();
    expect(lines(mail)).toContain(LINK);
    expect(lines(mail)).toContain('Mở công văn, xác nhận đã nhận và gửi báo cáo:');
    expect(html(mail)).toContain(`href="${LINK}"`);
    expect(html(mail)).toContain('Mở công văn, xác nhận đã nhận và gửi báo cáo</a>');
    expect(html(mail)).toMatch(/^<!DOCTYPE html><html lang="vi">/);
    expect(html(mail)).toContain('name="viewport"');
  });

  it('addresses the agency and lists its own tasks, deadlines and the acknowledgement rule', async () => {
    const { mail } = await invite();
    const text = mail.text ?? '';
    for (const part of [html(mail), text]) {
      expect(part).toContain('Kính gửi: ');
      expect(part).toContain('Công an tỉnh');
      expect(part).toContain(directive.issuer);
      expect(part).toContain('ngày 30/01/2021');
      expect(part).toContain('Nghị định số 30/2020/NĐ-CP');
      expect(part).toContain('17:00 ngày 30/01/2021'); // acknowledgement deadline
      expect(part).toContain('17:00 ngày 03/02/2021'); // report deadline of 1.3
      expect(part).toContain('KT. GIÁM ĐỐC');
      expect(part).toContain('PHÓ GIÁM ĐỐC');
      expect(part).toContain('Lê Thị Thu Hương');
      expect(part).toContain('không chuyển tiếp');
      expect(part).not.toContain('English: ');
    }
    expect(text).toContain(`1.3. ${TASK_13}`);
    expect(text).toContain('Yêu cầu báo cáo, hạn 17:00 ngày 03/02/2021.');
    expect(text).toContain('1.2. Triển khai việc hướng dẫn');
    expect(text).not.toContain('2.2.'); // the power company's task, not the police's
    expect(text).toContain('Mở trang không làm thay đổi gì');
  });

  it('attaches the deadlines as a calendar in UTC', async () => {
    const { mail } = await invite();
    expect(mail.attachments.map((a) => a.filename)).toEqual(['han-xu-ly-126-stttt-bcvt.ics', ENGLISH_FILENAME]);
    const [ics] = mail.attachments;
    expect(ics?.filename).toBe('han-xu-ly-126-stttt-bcvt.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const body = unfold(ics?.content.toString('utf8') ?? '');
    expect(body).toContain('METHOD:PUBLISH');
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(body).toContain(`UID:${directive.id}-cong-an-ack@chidao`);
    expect(body).toContain(`UID:${directive.id}-cong-an-1.3@chidao`);
    expect(body).toContain('DTSTART:20210203T093000Z');
    expect(body).toContain('DTEND:20210203T100000Z');
    expect(body).toContain('DTEND:20210130T100000Z');
    expect(body).toContain('SUMMARY:Hạn báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT');
  });

  it('leaves the calendar out when nothing has a deadline', async () => {
    const email = await invitationEmail({
      directive,
      assignment: assignment({ ackDeadline: undefined, reports: { '1.3': { taskCode: '1.3' } } }),
      link: LINK,
    });
    expect(email.attachments?.map((a) => a.filename)).toEqual([ENGLISH_FILENAME]);
  });

  it('escapes what people typed', async () => {
    const { mail } = await invite(assignment({ recipientName: 'Công an tỉnh <script>alert("x")</script>' }));
    expect(html(mail)).not.toContain('<script>');
    expect(html(mail)).toContain('&lt;script>');
    expect(mail.text).toContain('Kính gửi: Công an tỉnh <script>alert("x")</script>');
    // An ampersand in the task text ("Sở TT&TT") is escaped too.
    expect(html(mail)).toContain('Sở TT&amp;TT');
  });
});

describe('reminderEmail', () => {
  it('reminds of a report: task, deadline and link', async () => {
    const { mail } = await send(
      reminderEmail({ directive, assignment: assignment(), link: LINK, checkpoint: remindReport }),
      ['cong-an@gialai.example'],
    );
    expect(mail.subject).toBe('Nhắc hạn: báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT (hạn 17:00 ngày 03/02/2021)');
    expect(mail.text).toContain(TASK_13);
    expect(mail.text).toContain('còn khoảng 1 ngày');
    expect(lines(mail)).toContain(LINK);
    expect(html(mail)).toContain(`href="${LINK}"`);
    expect(mail.text).not.toContain('English: ');
  });

  it('reminds of the acknowledgement', async () => {
    const { mail } = await send(
      reminderEmail({ directive, assignment: assignment(), link: LINK, checkpoint: remindAck }),
      ['cong-an@gialai.example'],
    );
    expect(mail.subject).toBe('Nhắc hạn: xác nhận đã nhận công văn 126/STTTT-BCVT (hạn 17:00 ngày 30/01/2021)');
    expect(mail.text).toContain('còn khoảng 2 giờ');
    expect(lines(mail)).toContain(LINK);
    expect(mail.text).not.toContain(TASK_13);
  });
});

describe('escalationEmail', () => {
  const leaders = directive.leadership;
  const escalate = (checkpoint = escalateReport, a = assignment()) =>
    send(
      escalationEmail({ directive, assignment: a, checkpoint, leaders }),
      leaders.map((l) => l.email),
    );

  it('names who is late, on what, since when, and how to reach them — with no recipient link', async () => {
    const { mail, raw } = await escalate();
    expect(mail.subject).toBe('Quá hạn: Công an tỉnh chưa báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT');
    for (const part of [mail.text ?? '', html(mail)]) {
      expect(part).toContain('Công an tỉnh');
      expect(part).toContain('1.3');
      expect(part).toContain('Cung cấp đầu mối liên hệ');
      expect(part).toContain(`Quá hạn từ ${deadlineVi(DEADLINE)}`);
      expect(part).toContain('17:00 ngày 03/02/2021');
      expect(part).toContain('cong-an@gialai.example');
      expect(part).toContain('Cảnh báo cấp 1');
      expect(part).toContain('126/STTTT-BCVT');
      expect(part).toContain('ngày 30/01/2021');
      expect(part).toContain('về việc đảm bảo thông tin liên lạc');
      expect(part).toContain('Nguyễn Ngọc Hùng');
    }
    expect(html(mail)).toContain('<h1');
    expect(html(mail)).toContain('Cảnh báo cấp 1</h1>');
    expect(html(mail)).toContain('href="mailto:cong-an@gialai.example"');
    expect(raw.toString('utf8')).not.toContain('/r/');
    expect(mail.text).not.toContain('/r/');
    expect(html(mail)).not.toContain('/r/');
    expect(mail.attachments.map((a) => a.filename)).toEqual([ENGLISH_FILENAME]);
  });

  it('escalates a missed acknowledgement', async () => {
    const { mail } = await escalate(escalateAck);
    expect(mail.subject).toBe('Quá hạn: Công an tỉnh chưa xác nhận đã nhận công văn 126/STTTT-BCVT');
    expect(mail.text).toContain('Quá hạn từ 17:00 ngày 30/01/2021');
    expect(mail.text).toContain('Xác nhận đã nhận công văn');
    expect(mail.text).not.toContain(TASK_13);
  });

  it('escapes the agency name', async () => {
    const { mail } = await escalate(escalateReport, assignment({ recipientName: '<script>x</script> Công an' }));
    expect(mail.subject).toBe('Quá hạn: <script>x</script> Công an chưa báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT');
    expect(html(mail)).not.toContain('<script>');
    expect(html(mail)).toContain('&lt;script>x&lt;/script> Công an');
  });
});
