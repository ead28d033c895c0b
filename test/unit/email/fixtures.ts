import type { Checkpoint } from '#core/assignment/checkpoints.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { type Directive, directiveInputSchema } from '#core/directive.ts';

/** Công văn 126/STTTT-BCVT of the Gia Lai Department of Information and Communications (../shared/seeds). */

export const DEADLINE = '2021-02-03T10:00:00Z'; // 17:00 ngày 03/02/2021 in Hà Nội
export const ACK_DEADLINE = '2021-01-30T10:00:00Z'; // 17:00 ngày 30/01/2021
export const LINK = 'https://chidao.example.gov.vn/r/eyJkIjoiMDFIWiJ9.c2lnbmF0dXJl';
export const FROM = 'Sở TT&TT Gia Lai <no-reply@stttt.gialai.example>';

const CONTACT_TASK =
  'Cung cấp đầu mối liên hệ, phối hợp xử lý các vướng mắc, khó khăn có thể xảy ra trong quá trình triển khai về Sở TT&TT trước ngày 03/02/2021.';

// Parsed by the create schema, so the fixture is valid input and gets every default the schema adds.
const { recipients, ...input } = directiveInputSchema.parse({
  number: '126/STTTT-BCVT',
  issuer: 'Sở Thông tin và Truyền thông tỉnh Gia Lai',
  issuedOn: '2021-01-30',
  subject:
    'V/v đảm bảo thông tin liên lạc và chất lượng dịch vụ bưu chính, viễn thông phục vụ phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh Gia Lai',
  legalBases: [
    'Căn cứ Công văn số 137/UBND-KGVX ngày 28/01/2021 của Ủy ban nhân dân tỉnh Gia Lai về việc tăng cường công tác phòng, chống dịch Covid-19;',
  ],
  body: '',
  signer: { name: 'Lê Thị Thu Hương', title: 'Phó Giám đốc', onBehalfOf: 'KT. GIÁM ĐỐC' },
  leadership: [
    { name: 'Nguyễn Ngọc Hùng', title: 'Giám đốc Sở', email: 'giamdoc@stttt.gialai.example', phone: '0913.421.376' },
    { name: 'Lê Thị Thu Hương', title: 'Phó Giám đốc Sở', email: 'pgd@stttt.gialai.example', phone: '0932.532.789' },
  ],
  copies: [{ name: 'Bộ TT&TT', purpose: 'REPORT' }],
  tasks: [
    {
      code: '1.2',
      text: 'Triển khai việc hướng dẫn cho người dân cài đặt, sử dụng các ứng dụng khai báo thông tin y tế như: tokhaiyte.vn, NCOVI, Bluezone tại các chốt chặn phòng, chống dịch bệnh Covid-19 thuộc địa bàn quản lý.',
      assignees: ['cong-an', 'bchqs'],
      reportRequired: false,
    },
    { code: '1.3', text: CONTACT_TASK, assignees: ['cong-an', 'bchqs'], deadline: DEADLINE, reportRequired: true },
    {
      code: '2.1',
      text: 'Ưu tiên cung cấp điện, nước tại các địa điểm quản lý, điều hành, vận hành mạng lưới của các doanh nghiệp bưu chính, viễn thông.',
      assignees: ['dien-luc'],
      reportRequired: false,
    },
    { code: '2.2', text: CONTACT_TASK, assignees: ['dien-luc'], deadline: DEADLINE, reportRequired: true },
  ],
  recipients: [
    { id: 'cong-an', name: 'Công an tỉnh', email: 'cong-an@gialai.example' },
    { id: 'bchqs', name: 'Bộ Chỉ huy Quân sự tỉnh', email: 'bchqs@gialai.example' },
    { id: 'dien-luc', name: 'Công ty Điện lực Gia Lai', email: 'dien-luc@gialai.example' },
  ],
  acknowledgeWithin: 'PT8H',
  remindBefore: ['P2D', 'P1D'],
});

export const directive: Directive = {
  ...input,
  id: '01HZ0000000000000000000126',
  createdAt: '2021-01-30T02:00:00.000Z',
  recipientCount: recipients.length,
};

export const assignment = (overrides: Partial<Assignment> = {}): Assignment => ({
  directiveId: directive.id,
  recipientId: 'cong-an',
  recipientName: 'Công an tỉnh',
  recipientEmail: 'cong-an@gialai.example',
  status: 'DELIVERED',
  version: 2,
  createdAt: '2021-01-30T02:00:00.000Z',
  policy: { acknowledgeWithin: 'PT8H', remindBefore: ['P2D', 'P1D'] },
  deliveredAt: '2021-01-30T02:00:05.000Z',
  ackDeadline: ACK_DEADLINE,
  reports: { '1.3': { taskCode: '1.3', deadline: DEADLINE } },
  escalationLevel: 0,
  linkVersion: 1,
  history: [],
  ...overrides,
});

export const remindReport: Extract<Checkpoint, { kind: 'REMIND' }> = {
  id: `remind:1.3:P1D:${DEADLINE}`,
  kind: 'REMIND',
  at: '2021-02-02T10:00:00Z',
  obligation: { key: '1.3', taskCode: '1.3', deadline: DEADLINE },
  before: 'P1D',
};

export const remindAck: Extract<Checkpoint, { kind: 'REMIND' }> = {
  id: `remind:ack:PT2H:${ACK_DEADLINE}`,
  kind: 'REMIND',
  at: '2021-01-30T08:00:00Z',
  obligation: { key: 'ack', deadline: ACK_DEADLINE },
  before: 'PT2H',
};

export const escalateReport: Extract<Checkpoint, { kind: 'ESCALATE' }> = {
  id: `escalate:1.3:1:${DEADLINE}`,
  kind: 'ESCALATE',
  at: DEADLINE,
  obligation: { key: '1.3', taskCode: '1.3', deadline: DEADLINE },
  level: 1,
};

export const escalateAck: Extract<Checkpoint, { kind: 'ESCALATE' }> = {
  id: `escalate:ack:1:${ACK_DEADLINE}`,
  kind: 'ESCALATE',
  at: ACK_DEADLINE,
  obligation: { key: 'ack', deadline: ACK_DEADLINE },
  level: 1,
};

/** Unfolds iCalendar content lines (RFC 5545 §3.1) so that assertions see whole properties. */
export const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
