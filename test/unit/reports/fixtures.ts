import type { Assignment } from '#core/assignment/model.ts';
import { type Directive, directiveInputSchema } from '#core/directive.ts';
import type { StatisticsItem } from '#core/statistics.ts';
import { agency, GIAM_DOC, giaLai126, OFFICE, PHO_GIAM_DOC } from '../../../local/demo/gia-lai-126.ts';

/**
 * Công văn 126/STTTT-BCVT of the Gia Lai Department of Information and Communications, 30/01/2021, from its one
 * builder (local/demo/gia-lai-126.ts): tasks 1.3 (Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh) and 2.2
 * (Công ty Điện lực Gia Lai), due 17:00 on 03/02/2021. Next to it, Công văn 125/STTTT-BCVT of the same day,
 * which 126 cites (its task and deadline here are made up), and a made-up 201/STTTT-BCVT of 01/03/2021 that
 * falls outside January.
 */

export const DEADLINE_126 = '2021-02-03T10:00:00.000Z'; // 17:00 ngày 03/02/2021, Hà Nội
export const DEADLINE_125 = '2021-02-08T10:00:00.000Z'; // 17:00 ngày 08/02/2021
export const NOW = '2021-02-05T03:00:00.000Z'; // 10:00 ngày 05/02/2021
export const JANUARY = { from: '2021-01-01', to: '2021-01-31' };

export const AGENCIES = {
  congAn: agency('cong-an-tinh'),
  bchqs: agency('bchqs-tinh'),
  dienLuc: agency('dien-luc'),
};
const recipients = Object.values(AGENCIES);

/** What the office's other letters share with 126: the office, its leaders, the same three agencies. */
const common = { ...OFFICE, leadership: [GIAM_DOC, PHO_GIAM_DOC], recipients };

const stored = (input: unknown, id: string, createdAt: string): Directive => {
  const { recipients: list, ...rest } = directiveInputSchema.parse(input);
  return { ...rest, id, createdAt, recipientCount: list.length };
};

export const directive126 = stored(
  giaLai126({ recipients, tasks: ['1.3', '2.2'] }),
  '01EXF000000000000000000126',
  '2021-01-30T03:00:00.000Z',
);

export const directive125 = stored(
  {
    ...common,
    number: '125/STTTT-BCVT',
    issuedOn: '2021-01-30',
    subject:
      'V/v tăng cường đảm bảo an toàn, an ninh thông tin trong công tác phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh Gia Lai',
    tasks: [
      {
        code: '1',
        text: 'Rà soát, báo cáo tình hình đảm bảo an toàn, an ninh thông tin của hệ thống thông tin do đơn vị quản lý.',
        assignees: recipients.map((r) => r.id),
        deadline: '2021-02-08T17:00:00+07:00',
      },
    ],
  },
  '01EXF000000000000000000125',
  '2021-01-30T02:00:00.000Z',
);

/** Outside January: its assignments must not be counted there. */
export const directiveMarch = stored(
  {
    ...common,
    number: '201/STTTT-BCVT',
    issuedOn: '2021-03-01',
    subject: 'V/v báo cáo kết quả triển khai điểm cung cấp wifi miễn phí tại các chốt kiểm soát dịch',
    tasks: [
      {
        code: '1',
        text: 'Báo cáo kết quả triển khai.',
        assignees: recipients.map((r) => r.id),
        deadline: '2021-03-10T17:00:00+07:00',
      },
    ],
  },
  '01EXF000000000000000000201',
  '2021-03-01T03:00:00.000Z',
);

type Agency = (typeof AGENCIES)[keyof typeof AGENCIES];

/** An assignment of `directive` to `agency`, delivered and acknowledged, with its report slots open. */
export const assignment = (directive: Directive, agency: Agency, overrides: Partial<Assignment> = {}): Assignment => {
  const reports: Assignment['reports'] = {};
  for (const t of directive.tasks)
    if (t.assignees.includes(agency.id) && t.reportRequired)
      reports[t.code] = { taskCode: t.code, ...(t.deadline ? { deadline: t.deadline } : {}) };
  return {
    directiveId: directive.id,
    recipientId: agency.id,
    recipientName: agency.name,
    recipientEmail: agency.email,
    status: 'ACKNOWLEDGED',
    version: 4,
    createdAt: directive.createdAt,
    policy: { acknowledgeWithin: 'PT8H', remindBefore: ['P2D', 'P1D'] },
    deliveredAt: directive.createdAt,
    ackDeadline: '2021-01-30T10:00:00.000Z',
    acknowledgedAt: '2021-01-30T04:00:00.000Z',
    reports,
    escalationLevel: 0,
    linkVersion: 1,
    history: [],
    ...overrides,
  };
};

/** Reports every slot of `a` at `at` and completes it with `outcome`. */
export const completed = (a: Assignment, at: string, outcome: 'ON_TIME' | 'LATE'): Assignment => ({
  ...a,
  status: 'COMPLETED',
  completedAt: at,
  outcome,
  reports: Object.fromEntries(
    Object.entries(a.reports).map(([k, s]) => [
      k,
      { ...s, submittedAt: at, late: outcome === 'LATE', summary: 'Đã cung cấp đầu mối liên hệ.' },
    ]),
  ),
});

/**
 * In January, at NOW (10:00 on 05/02/2021), each bucket once or more:
 * - 126: Bộ CHQS completed on time (02/02 15:00), Công an in progress and overdue (1.3 unreported),
 *   Điện lực completed late (04/02 09:30);
 * - 125: Bộ CHQS in progress on time (due 08/02), Công an cancelled, Điện lực completed on time (01/02 10:00).
 * Outside January, 201: three assignments completed late, which must not show.
 */
export const items = (): StatisticsItem[] => [
  {
    directive: directive126,
    assignments: [
      completed(assignment(directive126, AGENCIES.bchqs), '2021-02-02T08:00:00.000Z', 'ON_TIME'),
      assignment(directive126, AGENCIES.congAn, { escalationLevel: 1 }),
      completed(assignment(directive126, AGENCIES.dienLuc), '2021-02-04T02:30:00.000Z', 'LATE'),
    ],
  },
  {
    directive: directive125,
    assignments: [
      assignment(directive125, AGENCIES.bchqs),
      assignment(directive125, AGENCIES.congAn, { status: 'CANCELLED', cancelledAt: '2021-02-01T01:00:00.000Z' }),
      completed(assignment(directive125, AGENCIES.dienLuc), '2021-02-01T03:00:00.000Z', 'ON_TIME'),
    ],
  },
  {
    directive: directiveMarch,
    assignments: recipients.map((r) => completed(assignment(directiveMarch, r), '2021-03-12T03:00:00.000Z', 'LATE')),
  },
];
