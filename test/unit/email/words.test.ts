import { type ParsedMail, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeRawEmail } from '#adapters/mail/mime.ts';
import type { Directive } from '#core/directive.ts';
import {
  digestEmail,
  type EmailContent,
  escalationEmail,
  extensionDecisionEmail,
  inboxLinkEmail,
  invitationEmail,
  reminderEmail,
  weeklyInboxEmail,
} from '#documents/email/index.ts';
import { ENGLISH_FILENAME, inEnglish } from '#documents/email/render.tsx';
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
} from './fixtures.ts';

/**
 * Issue 16, "Words": every email reads as a Vietnamese letter. No English paragraph in the Vietnamese text or HTML
 * part (the English version is a part of its own, and a link to the page in English where there is a page), the
 * letterhead names the parent body with its province, and the subject reads "V/v …" on its line and "về việc …"
 * in a sentence whether or not the official typed "V/v".
 */

const INBOX_LINK = 'https://chidao.example.gov.vn/inbox/eyJlIjoiYSJ9.c2ln';
const leader = directive.leadership[0] ?? { name: 'Nguyễn Ngọc Hùng', title: 'Giám đốc Sở', email: 'gd@example' };

/** Every kind of email the application sends (the reassignment's and a forwarded directive's are invitations). */
const everyKind = async (d: Directive = directive): Promise<[string, EmailContent][]> => [
  ['invitation', await invitationEmail({ directive: d, assignment: assignment(), link: LINK })],
  [
    'reminder (acknowledgement)',
    reminderEmail({ directive: d, assignment: assignment(), link: LINK, checkpoint: remindAck }),
  ],
  [
    'reminder (report)',
    reminderEmail({ directive: d, assignment: assignment(), link: LINK, checkpoint: remindReport }),
  ],
  [
    'escalation (acknowledgement)',
    escalationEmail({ directive: d, assignment: assignment(), checkpoint: escalateAck, leaders: d.leadership }),
  ],
  [
    'escalation (report)',
    escalationEmail({ directive: d, assignment: assignment(), checkpoint: escalateReport, leaders: d.leadership }),
  ],
  [
    'extension granted',
    extensionDecisionEmail({
      directive: d,
      assignment: assignment(),
      link: LINK,
      taskCode: '1.3',
      granted: true,
      deadline: DEADLINE,
    }),
  ],
  [
    'extension refused',
    extensionDecisionEmail({
      directive: d,
      assignment: assignment(),
      link: LINK,
      taskCode: '1.3',
      granted: false,
      deadline: DEADLINE,
      reason: 'Thời hạn đã đủ.',
    }),
  ],
  [
    'digest',
    digestEmail({
      issuer: d.issuer,
      issuerParent: d.issuerParent,
      date: '2021-02-04',
      leader,
      counts: { inProgressOverdue: 1 },
      overdue: [
        {
          number: d.number,
          recipientName: 'Công an tỉnh',
          recipientEmail: 'cong-an@gialai.example',
          what: 'Báo cáo nhiệm vụ 1.3',
          deadline: DEADLINE,
          daysLate: 1,
        },
      ],
    }),
  ],
  ['inbox link', inboxLinkEmail({ email: 'cong-an@gialai.example', link: INBOX_LINK })],
  [
    'weekly inbox',
    weeklyInboxEmail({
      email: 'cong-an@gialai.example',
      date: '2021-02-01',
      link: INBOX_LINK,
      lines: [
        {
          number: d.number,
          subject: d.subject,
          issuer: d.issuer,
          deadline: DEADLINE,
          owed: { taskCode: '1.3' },
          overdue: false,
        },
      ],
    }),
  ],
];

const send = async (email: EmailContent) =>
  simpleParser(await composeRawEmail({ from: FROM, to: ['a@x.example'], ...email }));
const html = (mail: ParsedMail) => (typeof mail.html === 'string' ? mail.html : '');
/** The HTML's visible text, paragraph by paragraph. */
const htmlText = (markup: string) =>
  markup
    .replace(/<head>[\s\S]*?<\/head>/u, '')
    .replace(/<(?:br|\/p|\/li|\/tr|\/h1|\/a)[^>]*>/gu, '\n')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&amp;/gu, '&');

/** Words that English sentences are made of and Vietnamese ones never are. */
const ENGLISH_WORDS = new Set(
  'the of your you is are please has have been by on for to and at directive link page reminder report task agency deadline overdue'.split(
    ' ',
  ),
);

/** Lines of a part that read as English: three or more of those words once links are taken out. */
const englishLines = (text: string) =>
  text
    .replace(/(?:https?|mailto):\S+/gu, ' ')
    .split(/\n/u)
    .filter((line) => (line.toLowerCase().match(/[a-z]+/gu) ?? []).filter((w) => ENGLISH_WORDS.has(w)).length >= 3);

describe('the English detector', () => {
  it('finds the English paragraph that every email used to end with', () => {
    expect(
      englishLines(
        'Kính gửi: Công an tỉnh\n\n--\n\nEnglish: reminder — please acknowledge receipt of directive 126 by 17:00, using the link above.',
      ),
    ).toHaveLength(1);
    expect(
      englishLines('Sở Thông tin và Truyền thông nhắc đơn vị xác nhận đã nhận Công văn số 126/STTTT-BCVT.'),
    ).toEqual([]);
  });
});

describe('the page in English', () => {
  it('is the same address with lang=en, whatever query it has', () => {
    expect(inEnglish(LINK)).toBe(`${LINK}?lang=en`);
    expect(inEnglish('https://chidao.example.gov.vn/inbox/x?lang=vi&a=1')).toBe(
      'https://chidao.example.gov.vn/inbox/x?lang=en&a=1',
    );
    expect(inEnglish('/r/x.y')).toBe('/r/x.y?lang=en');
  });
});

describe('every email kind', async () => {
  const kinds = await everyKind();

  it.each(kinds)('%s: no English paragraph in the Vietnamese text and HTML parts', async (_kind, email) => {
    const mail = await send(email);
    expect(englishLines(mail.text ?? '')).toEqual([]);
    expect(englishLines(htmlText(html(mail)))).toEqual([]);
    expect(html(mail)).not.toContain('lang="en"');
    expect(html(mail)).toMatch(/^<!DOCTYPE html><html lang="vi">/u);
  });

  it.each(kinds)('%s: the English version is a second part of its own', async (_kind, email) => {
    const mail = await send(email);
    const english = mail.attachments.find((a) => a.filename === ENGLISH_FILENAME);
    expect(english?.contentType).toBe('text/plain');
    const body = english?.content.toString('utf8') ?? '';
    expect(englishLines(body).length).toBeGreaterThan(0);
    // Not inside the Vietnamese parts, not even as its first words.
    expect(mail.text).not.toContain(body.slice(0, 40));
    expect(html(mail)).not.toContain(body.slice(0, 40));
  });

  it.each(kinds.filter(([kind]) => !/escalation|digest/u.test(kind)))(
    '%s: links to its page in English, in the Vietnamese parts and the English one',
    async (_kind, email) => {
      const mail = await send(email);
      const page = /inbox/u.test(_kind) ? INBOX_LINK : LINK;
      expect(mail.text).toContain(`Trang cũng có bản tiếng Anh: English version (${page}?lang=en).`);
      expect(html(mail)).toContain(`href="${page}?lang=en"`);
      // Above the closing note, which stays the letter's last line.
      expect(mail.text?.trim().endsWith('vui lòng không trả lời thư này.')).toBe(true);
      const english = mail.attachments.find((a) => a.filename === ENGLISH_FILENAME)?.content.toString('utf8');
      expect(english).toContain(`The page in English: ${page}?lang=en`);
    },
  );

  it.each(kinds.filter(([kind]) => !/inbox/u.test(kind)))(
    '%s: the letterhead names the parent body with its province above the issuer',
    async (_kind, email) => {
      const mail = await send(email);
      expect(mail.text).toMatch(/^UBND TỈNH GIA LAI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n/u);
      expect(html(mail)).toContain('UBND TỈNH GIA LAI<br/><strong>SỞ THÔNG TIN VÀ TRUYỀN THÔNG</strong>');
    },
  );
});

describe('a subject typed without "V/v"', async () => {
  const typed: Directive = { ...directive, subject: 'Báo cáo tình hình triển khai Tết Nguyên đán' };
  const kinds = Object.fromEntries(await everyKind(typed));

  it('reads "V/v …" on the invitation\'s subject line and "về việc …" in its sentences', async () => {
    const mail = await send(kinds.invitation as EmailContent);
    expect(mail.subject).toBe('[126/STTTT-BCVT] V/v báo cáo tình hình triển khai Tết Nguyên đán');
    for (const part of [mail.text ?? '', htmlText(html(mail))]) {
      expect(part).toContain('ngày 30/01/2021 về việc báo cáo tình hình triển khai Tết Nguyên đán.');
      expect(part).not.toContain('Báo cáo tình hình');
    }
    const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'))?.content.toString('utf8') ?? '';
    expect(ics.replace(/\r\n /gu, '')).toContain('V/v báo cáo tình hình triển khai Tết Nguyên đán');
  });

  it('reads "về việc …" in the reminders, escalations and extension decisions, and "V/v …" in the weekly list', async () => {
    for (const kind of ['reminder (report)', 'escalation (report)', 'extension granted']) {
      const mail = await send(kinds[kind] as EmailContent);
      expect(mail.text, kind).toContain('về việc báo cáo tình hình triển khai Tết Nguyên đán');
      expect(mail.text, kind).not.toContain('Báo cáo tình hình');
    }
    const weekly = await send(kinds['weekly inbox'] as EmailContent);
    expect(weekly.text).toContain('— V/v báo cáo tình hình triển khai Tết Nguyên đán: ');
  });

  it("has the parent body from the issuer's own name when none was given", async () => {
    const { issuerParent: _, ...rest } = typed;
    const mail = await send(
      await invitationEmail({
        directive: { ...rest, issuer: 'Sở Y tế tỉnh Gia Lai' },
        assignment: assignment(),
        link: LINK,
      }),
    );
    expect(mail.text).toMatch(/^UBND TỈNH GIA LAI\nSỞ Y TẾ\n/u);
  });
});
