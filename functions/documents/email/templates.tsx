import { DateTime, Duration } from 'luxon';
import { render } from 'preact-render-to-string';
import type { EmailAttachment } from '#adapters/mail/mime.ts';
import type { Checkpoint } from '#core/assignment/checkpoints.ts';
import { ACK, type Assignment } from '#core/assignment/model.ts';
import { formatCalendarDate, ZONE } from '#core/calendar/time.ts';
import { type Directive, type Leader, type Task, tasksOf } from '#core/directive.ts';
import { deadlinesCalendar } from './calendar.ts';

/**
 * The three emails: the invitation and reminders go to a recipient agency and carry its personal link; the
 * escalation goes to leadership and never does. Each is described once as a list of blocks, and the text and
 * HTML parts are both rendered from that list, so they always say the same thing. HTML is rendered by preact,
 * which escapes every value.
 */

export type EmailContent = { subject: string; text: string; html: string; attachments?: EmailAttachment[] };

export type RemindCheckpoint = Extract<Checkpoint, { kind: 'REMIND' }>;
export type EscalateCheckpoint = Extract<Checkpoint, { kind: 'ESCALATE' }>;

type Inline = string | { strong: string } | { href: string; label: string };

type Block =
  | { kind: 'masthead'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'p'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'facts'; rows: { label: string; value: Inline[] }[] }
  | { kind: 'action'; label: string; href: string; hints: string[] }
  | { kind: 'signature'; lines: string[] }
  | { kind: 'note'; content: Inline[] };

type Email = { subject: string; blocks: Block[]; english: string; attachments?: EmailAttachment[] };

// ---------------------------------------------------------------------------------------------------------------
// Wording helpers

const local = (iso: string) => DateTime.fromISO(iso).setZone(ZONE);

/** "17:00 ngày 03/02/2021", in Asia/Ho_Chi_Minh. */
export const deadlineVi = (iso: string) => local(iso).toFormat("HH:mm 'ngày' dd/MM/yyyy");

/** "17:00 on 03/02/2021 (UTC+7)". */
const deadlineEn = (iso: string) => `${local(iso).toFormat("HH:mm 'on' dd/MM/yyyy")} (UTC+7)`;

const UNITS_VI = [
  ['years', 'năm'],
  ['months', 'tháng'],
  ['weeks', 'tuần'],
  ['days', 'ngày'],
  ['hours', 'giờ'],
  ['minutes', 'phút'],
] as const;

/** P1D → "1 ngày", PT8H → "8 giờ"; empty when the duration cannot be read. */
const durationVi = (iso: string) => {
  const d = Duration.fromISO(iso);
  if (!d.isValid) return '';
  const o = d.toObject();
  return UNITS_VI.filter(([unit]) => (o[unit] ?? 0) > 0)
    .map(([unit, word]) => `${o[unit]} ${word}`)
    .join(' ');
};

/** `126/STTTT-BCVT` → `126-stttt-bcvt`: safe in a file name. */
export const slugOf = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'cong-van';

const issuedOn = (d: Directive) => formatCalendarDate(d.issuedOn);

/** "Công văn số 126/STTTT-BCVT ngày 30/01/2021 của … V/v …" as inline content. */
const directiveRef = (d: Directive, withIssuer = true, midSentence = false): Inline[] => [
  midSentence ? 'công văn số ' : 'Công văn số ',
  { strong: d.number },
  ` ngày ${issuedOn(d)}${withIssuer ? ` của ${d.issuer}` : ''} ${d.subject}`,
];

const PERSONAL_LINK = (a: Assignment): Block => ({
  kind: 'note',
  content: [
    `Liên kết trên dành riêng cho ${a.recipientName}: ai có liên kết đều có thể xác nhận và báo cáo thay đơn vị, `,
    'vì vậy vui lòng không chuyển tiếp thư này.',
  ],
});

const AUTOMATED: Block = {
  kind: 'note',
  content: ['Thư được gửi tự động từ hệ thống theo dõi công văn chỉ đạo; vui lòng không trả lời thư này.'],
};

const OPENING_CHANGES_NOTHING = 'Mở trang không làm thay đổi gì: hệ thống chỉ ghi nhận khi đơn vị bấm nút trên trang.';

const when = (condition: boolean, ...blocks: Block[]): Block[] => (condition ? blocks : []);

const signature = (d: Directive): Block => ({
  kind: 'signature',
  lines: [d.signer.onBehalfOf, d.signer.title, d.signer.name].filter((l): l is string => Boolean(l)),
});

/** A task as the recipient owes it: the deadline in force is its report slot's (an extension moves it). */
const taskLine = (t: Task, a: Assignment): Inline[] => {
  const deadline = a.reports[t.code]?.deadline ?? t.deadline;
  const line: Inline[] = [{ strong: `${t.code}.` }, ` ${t.text}`];
  if (t.recurrence && t.deadline) {
    const periods = Object.values(a.reports).filter((s) => s.taskCode === t.code).length;
    const every = t.recurrence.every === 'P1D' ? 'Báo cáo hằng ngày' : 'Báo cáo hằng tuần';
    line.push(
      `\n${every}, kỳ đầu hạn `,
      { strong: deadlineVi(t.deadline) },
      `, đến hết ngày ${formatCalendarDate(t.recurrence.until)} (${periods} kỳ).`,
    );
    return line;
  }
  if (t.reportRequired && deadline) line.push('\nYêu cầu báo cáo, hạn ', { strong: deadlineVi(deadline) }, '.');
  else if (t.reportRequired) line.push('\nYêu cầu báo cáo.');
  else if (deadline) line.push('\nHạn: ', { strong: deadlineVi(deadline) }, '.');
  return line;
};

/** What an obligation is about: the acknowledgement, or the task whose report is owed. */
const obligationOf = (directive: Directive, assignment: Assignment, obligation: Checkpoint['obligation']) => {
  if (obligation.key === ACK) return { ack: true as const, deadline: obligation.deadline ?? assignment.ackDeadline };
  const slot = assignment.reports[obligation.key];
  const code = obligation.taskCode ?? slot?.taskCode ?? obligation.key;
  return {
    ack: false as const,
    code,
    task: directive.tasks.find((t) => t.code === code),
    deadline: obligation.deadline ?? slot?.deadline,
  };
};

// ---------------------------------------------------------------------------------------------------------------
// The emails

export function invitationEmail({
  directive,
  assignment,
  link,
}: {
  directive: Directive;
  assignment: Assignment;
  link: string;
}): EmailContent {
  const tasks = tasksOf(directive.tasks, assignment);
  const deadlines = [
    ...(assignment.ackDeadline
      ? [{ key: ACK, label: 'Hạn xác nhận đã nhận công văn', at: assignment.ackDeadline }]
      : []),
    ...Object.entries(assignment.reports)
      .filter(([, slot]) => slot.deadline !== undefined)
      .map(([key, slot]) => ({ key, label: `Hạn báo cáo nhiệm vụ ${slot.taskCode}`, at: slot.deadline as string }))
      .sort((x, y) => x.at.localeCompare(y.at) || x.key.localeCompare(y.key)),
  ];
  const filename = `han-xu-ly-${slugOf(directive.number)}.ics`;
  const attachments: EmailAttachment[] =
    deadlines.length > 0
      ? [
          {
            filename,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: deadlinesCalendar({
              uid: `${assignment.directiveId}-${assignment.recipientId}`,
              title: directive.number,
              description: [
                `${directive.issuer}: Công văn số ${directive.number} ngày ${issuedOn(directive)} ${directive.subject}`,
                `Mở công văn, xác nhận đã nhận và gửi báo cáo: ${link}`,
              ].join('\n'),
              url: link,
              deadlines,
            }),
          },
        ]
      : [];

  const ackRule =
    'Theo Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư, cơ quan nhận văn bản thông báo cho cơ quan gửi về việc đã nhận văn bản ngay trong ngày.';
  const blocks: Block[] = [
    { kind: 'masthead', text: directive.issuer },
    { kind: 'p', content: ['Kính gửi: ', { strong: assignment.recipientName }] },
    { kind: 'p', content: [`${directive.issuer} gửi đơn vị `, ...directiveRef(directive, false, true), '.'] },
    tasks.length > 0
      ? { kind: 'p', content: ['Nhiệm vụ giao cho đơn vị:'] }
      : { kind: 'p', content: ['Công văn không giao nhiệm vụ cần báo cáo riêng cho đơn vị.'] },
    ...when(tasks.length > 0, { kind: 'list', items: tasks.map((t) => taskLine(t, assignment)) }),
    {
      kind: 'p',
      content: assignment.ackDeadline
        ? [
            'Đề nghị đơn vị xác nhận đã nhận công văn trước ',
            { strong: deadlineVi(assignment.ackDeadline) },
            `. ${ackRule}`,
          ]
        : [`Đề nghị đơn vị xác nhận đã nhận công văn ngay trong ngày. ${ackRule}`],
    },
    {
      kind: 'action',
      label: 'Mở công văn, xác nhận đã nhận và gửi báo cáo',
      href: link,
      hints: [
        'Trang này hiển thị toàn văn công văn và có các nút để xác nhận đã nhận, gửi báo cáo và xin gia hạn.',
        OPENING_CHANGES_NOTHING,
      ],
    },
    ...when(attachments.length > 0, {
      kind: 'note',
      content: [`Tệp lịch đính kèm (${filename}) ghi các hạn trên; mở tệp để thêm vào lịch.`],
    }),
    signature(directive),
    PERSONAL_LINK(assignment),
    AUTOMATED,
  ];
  const ackEn = assignment.ackDeadline ? ` by ${deadlineEn(assignment.ackDeadline)}` : ' today';
  return build({
    subject: `[${directive.number}] ${directive.subject}`,
    blocks,
    english:
      `English: ${directive.issuer} has sent you directive ${directive.number} of ${issuedOn(directive)}. ` +
      `Please acknowledge receipt${ackEn}, as Decree 30/2020/ND-CP expects a same-day receipt notice, and file the ` +
      'reports it asks for, using the link above; opening the page changes nothing. The link is yours alone: do not ' +
      'forward it.',
    attachments,
  });
}

/** The answer to an extension request, granted or refused, to the agency that asked. */
export function extensionDecisionEmail({
  directive,
  assignment,
  link,
  taskCode,
  granted,
  deadline,
  reason,
}: {
  directive: Directive;
  assignment: Assignment;
  link: string;
  /** The report slot: the task code, or `code#YYYY-MM-DD` for a period. */
  taskCode: string;
  granted: boolean;
  /** The deadline in force after the decision. */
  deadline?: string;
  reason?: string;
}): EmailContent {
  const code = assignment.reports[taskCode]?.taskCode ?? taskCode;
  return build({
    subject: granted
      ? `Đồng ý gia hạn nhiệm vụ ${code} — ${directive.number}${deadline ? ` (hạn mới ${deadlineVi(deadline)})` : ''}`
      : `Không đồng ý gia hạn nhiệm vụ ${code} — ${directive.number}`,
    blocks: [
      { kind: 'masthead', text: directive.issuer },
      { kind: 'p', content: ['Kính gửi: ', { strong: assignment.recipientName }] },
      {
        kind: 'p',
        content: granted
          ? [
              `${directive.issuer} đồng ý đề nghị gia hạn báo cáo nhiệm vụ ${code} theo `,
              ...directiveRef(directive, false, true),
              '. Hạn mới: ',
              { strong: deadline ? deadlineVi(deadline) : '' },
              '.',
            ]
          : [
              `${directive.issuer} không đồng ý đề nghị gia hạn báo cáo nhiệm vụ ${code} theo `,
              ...directiveRef(directive, false, true),
              deadline ? '. Hạn báo cáo giữ nguyên: ' : '.',
              ...(deadline ? [{ strong: deadlineVi(deadline) }, '.'] : []),
            ],
      },
      ...when(Boolean(reason), { kind: 'p', content: [`Lý do: ${reason ?? ''}`] }),
      { kind: 'action', label: 'Mở công văn và gửi báo cáo', href: link, hints: [OPENING_CHANGES_NOTHING] },
      PERSONAL_LINK(assignment),
      AUTOMATED,
    ],
    english: granted
      ? `English: your extension of task ${code} of directive ${directive.number} is granted${deadline ? `; new deadline ${deadlineEn(deadline)}` : ''}.`
      : `English: your extension of task ${code} of directive ${directive.number} is refused.`,
  });
}

export function reminderEmail({
  directive,
  assignment,
  link,
  checkpoint,
}: {
  directive: Directive;
  assignment: Assignment;
  link: string;
  checkpoint: RemindCheckpoint;
}): EmailContent {
  const about = obligationOf(directive, assignment, checkpoint.obligation);
  const due = about.deadline ? ` (hạn ${deadlineVi(about.deadline)})` : '';
  const left = durationVi(checkpoint.before);
  const deadlineRow = about.deadline
    ? [{ label: 'Hạn', value: [{ strong: deadlineVi(about.deadline) }, left ? ` (còn khoảng ${left})` : ''] }]
    : [];
  const common = (intro: Inline[]): Block[] => [
    { kind: 'masthead', text: directive.issuer },
    { kind: 'p', content: ['Kính gửi: ', { strong: assignment.recipientName }] },
    { kind: 'p', content: intro },
  ];
  const tail: Block[] = [
    { kind: 'note', content: ['Nếu đơn vị đã thực hiện, xin cảm ơn và vui lòng bỏ qua thư này.'] },
    PERSONAL_LINK(assignment),
    AUTOMATED,
  ];

  if (about.ack) {
    return build({
      subject: `Nhắc hạn: xác nhận đã nhận công văn ${directive.number}${due}`,
      blocks: [
        ...common([`${directive.issuer} nhắc đơn vị xác nhận đã nhận `, ...directiveRef(directive, false), '.']),
        { kind: 'facts', rows: [{ label: 'Việc cần làm', value: ['Xác nhận đã nhận công văn'] }, ...deadlineRow] },
        {
          kind: 'action',
          label: 'Mở công văn và xác nhận đã nhận',
          href: link,
          hints: [OPENING_CHANGES_NOTHING],
        },
        ...tail,
      ],
      english:
        `English: reminder — please acknowledge receipt of directive ${directive.number}` +
        `${about.deadline ? ` by ${deadlineEn(about.deadline)}` : ''}, using the link above.`,
    });
  }

  return build({
    subject: `Nhắc hạn: báo cáo nhiệm vụ ${about.code} — ${directive.number}${due}`,
    blocks: [
      ...common([
        `${directive.issuer} nhắc đơn vị gửi báo cáo nhiệm vụ `,
        { strong: about.code },
        ' theo ',
        ...directiveRef(directive, false),
        '.',
      ]),
      {
        kind: 'facts',
        rows: [
          { label: 'Nhiệm vụ', value: [about.task ? `${about.code}. ${about.task.text}` : about.code] },
          ...deadlineRow,
        ],
      },
      {
        kind: 'action',
        label: 'Mở công văn và gửi báo cáo',
        href: link,
        hints: ['Nếu cần thêm thời gian, đơn vị có thể xin gia hạn ngay trên trang này.', OPENING_CHANGES_NOTHING],
      },
      ...tail,
    ],
    english:
      `English: reminder — the report on task ${about.code} of directive ${directive.number} is due` +
      `${about.deadline ? ` at ${deadlineEn(about.deadline)}` : ''}; file it, or ask for an extension, using the link above.`,
  });
}

export function escalationEmail({
  directive,
  assignment,
  checkpoint,
  leaders,
}: {
  directive: Directive;
  assignment: Assignment;
  checkpoint: EscalateCheckpoint;
  leaders: Leader[];
}): EmailContent {
  const about = obligationOf(directive, assignment, checkpoint.obligation);
  const missed = about.deadline ?? checkpoint.at;
  const agency = assignment.recipientName;
  const what = about.ack
    ? 'Xác nhận đã nhận công văn'
    : `Báo cáo nhiệm vụ ${about.code}${about.task ? `: ${about.task.text}` : ''}`;
  const progress = about.ack
    ? assignment.deliveredAt
      ? `Công văn đã gửi đến đơn vị lúc ${deadlineVi(assignment.deliveredAt)}; đơn vị chưa xác nhận đã nhận.`
      : 'Đơn vị chưa xác nhận đã nhận.'
    : assignment.acknowledgedAt
      ? `Đơn vị đã xác nhận đã nhận công văn lúc ${deadlineVi(assignment.acknowledgedAt)}; chưa gửi báo cáo.`
      : 'Đơn vị chưa xác nhận đã nhận công văn và chưa gửi báo cáo.';
  const addressees =
    leaders.length > 0
      ? leaders.map((l) => `Đồng chí ${l.name} – ${l.title}`).join('; ')
      : `Lãnh đạo ${directive.issuer}`;

  return build({
    subject: about.ack
      ? `Quá hạn: ${agency} chưa xác nhận đã nhận công văn ${directive.number}`
      : `Quá hạn: ${agency} chưa báo cáo nhiệm vụ ${about.code} — ${directive.number}`,
    blocks: [
      { kind: 'masthead', text: directive.issuer },
      { kind: 'heading', text: `Cảnh báo cấp ${checkpoint.level}` },
      { kind: 'p', content: ['Kính gửi: ', addressees] },
      {
        kind: 'p',
        content: [
          { strong: agency },
          about.ack ? ' chưa xác nhận đã nhận ' : ` chưa gửi báo cáo nhiệm vụ ${about.code} theo `,
          ...directiveRef(directive),
          '; quá hạn từ ',
          { strong: deadlineVi(missed) },
          '.',
        ],
      },
      {
        kind: 'facts',
        rows: [
          { label: 'Đơn vị', value: [{ strong: agency }] },
          { label: 'Việc chưa thực hiện', value: [what] },
          { label: 'Hạn', value: [deadlineVi(missed)] },
          { label: 'Tình trạng', value: [`Quá hạn từ ${deadlineVi(missed)}. ${progress}`] },
          {
            label: 'Liên hệ đơn vị',
            value: [
              { href: `mailto:${assignment.recipientEmail}`, label: assignment.recipientEmail },
              ...(assignment.recipientPhone ? [`; điện thoại ${assignment.recipientPhone}`] : []),
              ...(assignment.recipientHead?.name || assignment.recipientHead?.email
                ? [
                    `; thủ trưởng đơn vị: ${[
                      assignment.recipientHead.name,
                      assignment.recipientHead.email,
                      assignment.recipientHead.phone,
                    ]
                      .filter(Boolean)
                      .join(', ')}`,
                  ]
                : []),
            ],
          },
          {
            label: 'Công văn',
            value: [`Số ${directive.number} ngày ${issuedOn(directive)} của ${directive.issuer} ${directive.subject}`],
          },
        ],
      },
      {
        kind: 'p',
        content: [
          'Đề nghị lãnh đạo chỉ đạo đôn đốc đơn vị thực hiện. Cán bộ theo dõi có thể gia hạn hoặc gửi lại liên kết ',
          'cho đơn vị trên trang quản lý công văn.',
        ],
      },
      {
        kind: 'note',
        content: ['Thư này không kèm liên kết xác nhận, báo cáo của đơn vị: liên kết đó chỉ gửi riêng cho đơn vị.'],
      },
      AUTOMATED,
    ],
    english:
      `English: level ${checkpoint.level} alert — ${agency} has not ` +
      (about.ack
        ? `acknowledged receipt of directive ${directive.number}`
        : `filed the report on task ${about.code} of directive ${directive.number}`) +
      `; overdue since ${deadlineEn(missed)}. Contact: ${assignment.recipientEmail}.`,
  });
}

export type DigestLine = {
  number: string;
  recipientName: string;
  recipientEmail: string;
  /** "Xác nhận đã nhận" or "Báo cáo nhiệm vụ 1.3". */
  what: string;
  deadline: string;
  daysLate: number;
};

const COUNT_LABELS = [
  ['inProgressOnTime', 'Đang thực hiện, trong hạn'],
  ['inProgressOverdue', 'Đang thực hiện, quá hạn'],
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
] as const;

/** The morning summary for one leader of one issuing office: the four counts, and who is late on what. */
export function digestEmail({
  issuer,
  date,
  leader,
  counts,
  overdue,
}: {
  issuer: string;
  /** The local date of the digest, YYYY-MM-DD. */
  date: string;
  leader: Leader;
  counts: Record<string, number>;
  overdue: DigestLine[];
}): EmailContent {
  const day = formatCalendarDate(date);
  const agencies = new Set(overdue.map((o) => o.recipientName)).size;
  return build({
    subject: `Tổng hợp ngày ${day}: ${overdue.length} việc quá hạn của ${agencies} đơn vị — ${issuer}`,
    blocks: [
      { kind: 'masthead', text: issuer },
      { kind: 'heading', text: `Tình hình thực hiện công văn chỉ đạo, ngày ${day}` },
      { kind: 'p', content: ['Kính gửi: ', `Đồng chí ${leader.name} – ${leader.title}`] },
      {
        kind: 'facts',
        rows: COUNT_LABELS.map(([key, label]) => ({ label, value: [{ strong: String(counts[key] ?? 0) }] })),
      },
      { kind: 'heading', text: 'Việc quá hạn' },
      {
        kind: 'list',
        items: overdue.map((o) => [
          { strong: o.recipientName },
          ` — ${o.what}, công văn ${o.number}: hạn ${deadlineVi(o.deadline)}, quá ${o.daysLate} ngày. Liên hệ: `,
          { href: `mailto:${o.recipientEmail}`, label: o.recipientEmail },
        ]),
      },
      AUTOMATED,
    ],
    english: `English: daily summary for ${issuer} on ${day}: ${overdue.length} overdue item(s) at ${agencies} agencies.`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: text and HTML from the same blocks

function build(email: Email): EmailContent {
  return {
    subject: email.subject,
    text: toText(email),
    html: `<!DOCTYPE html>${render(<Layout email={email} />)}`,
    ...(email.attachments && email.attachments.length > 0 ? { attachments: email.attachments } : {}),
  };
}

const inlineText = (content: Inline[]) =>
  content
    .map((c) => {
      if (typeof c === 'string') return c;
      if ('strong' in c) return c.strong;
      return c.href === c.label || c.href === `mailto:${c.label}` ? c.label : `${c.label} (${c.href})`;
    })
    .join('');

const blockText = (b: Block): string => {
  switch (b.kind) {
    case 'masthead':
    case 'heading':
      return b.text;
    case 'p':
    case 'note':
      return inlineText(b.content);
    case 'list':
      return b.items.map((item) => `- ${inlineText(item).replace(/\n/g, '\n  ')}`).join('\n');
    case 'facts':
      return b.rows.map((r) => `${r.label}: ${inlineText(r.value)}`).join('\n');
    case 'action':
      // The link on a line of its own, so that every client makes it clickable.
      return [`${b.label}:`, b.href, '', ...b.hints].join('\n');
    case 'signature':
      return b.lines.join('\n');
  }
};

const toText = (email: Email) => `${[...email.blocks.map(blockText), '--', email.english].join('\n\n')}\n`;

const FONT = 'Arial, Helvetica, sans-serif';
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#0b57d0';
const P = { margin: '0 0 16px', whiteSpace: 'pre-line' } as const;
const SMALL = { ...P, fontSize: '14px', color: MUTED } as const;

const Inlines = ({ content }: { content: Inline[] }) => (
  <>
    {content.map((c) => {
      if (typeof c === 'string') return c;
      if ('strong' in c) return <strong>{c.strong}</strong>;
      return (
        <a href={c.href} style={{ color: ACCENT }}>
          {c.label}
        </a>
      );
    })}
  </>
);

const Action = ({ label, href, hints }: Extract<Block, { kind: 'action' }>) => (
  <>
    <p style={{ margin: '24px 0' }}>
      <a
        href={href}
        style={{
          display: 'inline-block',
          backgroundColor: ACCENT,
          color: '#ffffff',
          padding: '14px 22px',
          borderRadius: '6px',
          fontSize: '17px',
          fontWeight: 'bold',
          textDecoration: 'none',
        }}
      >
        {label}
      </a>
    </p>
    {hints.map((h) => (
      <p style={SMALL}>{h}</p>
    ))}
    <p style={{ ...SMALL, wordBreak: 'break-all' }}>Nếu nút trên không bấm được, hãy mở địa chỉ: {href}</p>
  </>
);

const Facts = ({ rows }: Extract<Block, { kind: 'facts' }>) => (
  <table role="presentation" style={{ borderCollapse: 'collapse', width: '100%', margin: '0 0 16px' }}>
    <tbody>
      {rows.map((r) => (
        <tr>
          <th
            scope="row"
            style={{
              textAlign: 'left',
              verticalAlign: 'top',
              padding: '6px 12px 6px 0',
              width: '35%',
              color: MUTED,
              fontWeight: 'normal',
              borderTop: '1px solid #e0e0e0',
            }}
          >
            {r.label}
          </th>
          <td
            style={{ verticalAlign: 'top', padding: '6px 0', whiteSpace: 'pre-line', borderTop: '1px solid #e0e0e0' }}
          >
            <Inlines content={r.value} />
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

const BlockView = ({ block }: { block: Block }) => {
  switch (block.kind) {
    case 'masthead':
      return (
        <p
          style={{
            margin: '0 0 20px',
            fontSize: '13px',
            fontWeight: 'bold',
            letterSpacing: '0.03em',
            color: MUTED,
            textTransform: 'uppercase',
          }}
        >
          {block.text}
        </p>
      );
    case 'heading':
      return <h1 style={{ margin: '0 0 16px', fontSize: '22px', color: '#b3261e' }}>{block.text}</h1>;
    case 'p':
      return (
        <p style={P}>
          <Inlines content={block.content} />
        </p>
      );
    case 'note':
      return (
        <p style={SMALL}>
          <Inlines content={block.content} />
        </p>
      );
    case 'list':
      return (
        <ul style={{ margin: '0 0 16px', paddingLeft: '20px' }}>
          {block.items.map((item) => (
            <li style={{ margin: '0 0 8px', whiteSpace: 'pre-line' }}>
              <Inlines content={item} />
            </li>
          ))}
        </ul>
      );
    case 'facts':
      return <Facts {...block} />;
    case 'action':
      return <Action {...block} />;
    case 'signature':
      return (
        <p style={{ ...P, margin: '24px 0' }}>
          {block.lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              <strong>{line}</strong>
            </>
          ))}
        </p>
      );
  }
};

const Layout = ({ email }: { email: Email }) => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{email.subject}</title>
    </head>
    <body style={{ margin: 0, padding: 0, backgroundColor: '#f3f4f6' }}>
      <div
        style={{
          maxWidth: '600px',
          margin: '0 auto',
          padding: '24px 20px',
          backgroundColor: '#ffffff',
          fontFamily: FONT,
          fontSize: '16px',
          lineHeight: 1.5,
          color: TEXT,
        }}
      >
        {email.blocks.map((block) => (
          <BlockView block={block} />
        ))}
        <hr style={{ border: 0, borderTop: '1px solid #e0e0e0', margin: '24px 0 16px' }} />
        <p lang="en" style={SMALL}>
          {email.english}
        </p>
      </div>
    </body>
  </html>
);
