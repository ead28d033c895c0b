import type { DirectiveBody } from '#core/directive.ts';

/**
 * Công văn 126/STTTT-BCVT of the Gia Lai Department of Information and Communications (30/01/2021), the directive
 * the demo plays and every test issues: the words of the published letter (test/unit/parsing/fixtures/
 * gia-lai-126.txt; the long points shortened), with made-up addresses for its recipients.
 *
 * This is the one builder of its create body (`POST /api/directives`). It lives with the demo because `local/`
 * must not import test code, while tests may import `local/`; each test suite keeps only what it varies (its
 * agencies, its clock, its deadlines) in a thin wrapper of its own.
 *
 * The letter has three parts, each addressed to a group of its recipients: 1 to the armed forces and the
 * districts, 2 to the utilities, 3 to the postal and telecom businesses. A recipient receives the tasks of its
 * part; 1.3 and 2.2 ask for a report by a deadline ("trước ngày 03/02/2021"), the others do not.
 */

export type Agency = { id: string; name: string; email: string };
export type Leader = { name: string; title: string; email: string; phone?: string };
export type Part = 1 | 2 | 3;

/** The six lines of its "Kính gửi", as agencies (the rows of test/browser/fixtures/gia-lai-directory.csv). */
export const AGENCIES: Agency[] = [
  { id: 'cong-an-tinh', name: 'Công an tỉnh', email: 'vanthu.congan@gialai.example' },
  { id: 'bchqs-tinh', name: 'Bộ Chỉ huy Quân sự tỉnh', email: 'vanthu.bchqs@gialai.example' },
  { id: 'ubnd-huyen-tx-tp', name: 'Ủy ban nhân dân các huyện, thị xã, thành phố', email: 'ubnd.huyen@gialai.example' },
  { id: 'dien-luc', name: 'Công ty Điện lực Gia Lai', email: 'dienluc@gialai.example' },
  { id: 'cap-thoat-nuoc', name: 'Công ty Cổ phần Cấp thoát nước Gia Lai', email: 'capthoatnuoc@gialai.example' },
  { id: 'dn-bcvt', name: 'Các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh', email: 'bcvt@gialai.example' },
];

/** The part of the letter each of its own recipients acts on. */
export const PARTS: Record<string, Part> = {
  'cong-an-tinh': 1,
  'bchqs-tinh': 1,
  'ubnd-huyen-tx-tp': 1,
  'dien-luc': 2,
  'cap-thoat-nuoc': 2,
  'dn-bcvt': 3,
};

export const agency = (id: string) => {
  const found = AGENCIES.find((a) => a.id === id);
  if (!found) throw new Error(`No agency ${id} in công văn 126`);
  return found;
};

export const GIAM_DOC = {
  name: 'Nguyễn Ngọc Hùng',
  title: 'Giám đốc Sở',
  email: 'giamdoc@stttt.gialai.example',
  phone: '0913421376',
} satisfies Leader;
export const PHO_GIAM_DOC = {
  name: 'Lê Thị Thu Hương',
  title: 'Phó Giám đốc Sở',
  email: 'pgd.huong@stttt.gialai.example',
  phone: '0932532789',
} satisfies Leader;

/** Who issues it: the same office issues the other letters some tests need beside it. */
export const OFFICE = {
  issuer: 'Sở Thông tin và Truyền thông',
  issuerParent: 'UBND tỉnh Gia Lai',
  place: 'Gia Lai',
  signer: { name: 'Lê Thị Thu Hương', title: 'Phó Giám đốc', onBehalfOf: 'KT. GIÁM ĐỐC' },
};

/** Its report deadline: 17:00 on 03/02/2021 in Hà Nội. */
export const LETTER_DEADLINE = '2021-02-03T17:00:00+07:00';

export const LETTER = {
  ...OFFICE,
  number: '126/STTTT-BCVT',
  issuedOn: '2021-01-30',
  subject:
    'V/v đảm bảo thông tin liên lạc và chất lượng dịch vụ bưu chính, viễn thông phục vụ phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh Gia Lai',
  legalBases: [
    'Căn cứ Công văn số 1110/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông về việc tạo điều kiện cho các doanh nghiệp viễn thông đảm bảo thông tin liên lạc trong phòng chống dịch COVID-19;',
    'Căn cứ Công văn số 1103/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông về việc đảm bảo thông tin liên lạc và chất lượng dịch vụ viễn thông trong phòng, chống dịch COVID-19;',
    'Căn cứ Công văn số 1115/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông về việc đảm bảo cung ứng dịch vụ bưu chính trong thời kỳ dịch COVID-19;',
    'Căn cứ Công văn số 137/UBND-KGVX ngày 28/01/2021 của Ủy ban nhân dân tỉnh Gia Lai về việc tăng cường công tác phòng, chống dịch Covid-19;',
  ],
  body: 'Để đảm bảo thông tin liên lạc được thông suốt, đặc biệt là đảm bảo chất lượng dịch vụ bưu chính, viễn thông và Internet đóng vai trò hết sức quan trọng trong công tác chỉ đạo, điều hành phòng, chống dịch bệnh Covid-19 của Đảng, chính quyền các cấp, Sở Thông tin và Truyền thông tỉnh Gia Lai (Sở TT&TT) đề nghị các đơn vị, địa phương và các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh phối hợp, triển khai một số nội dung sau:',
  copies: [
    { name: 'Bộ TT&TT', purpose: 'REPORT' },
    { name: 'Ủy ban nhân dân tỉnh', purpose: 'REPORT' },
    { name: 'Sở Y tế', purpose: 'INFORM' },
    { name: 'Sở Giao thông vận tải', purpose: 'COORDINATE' },
    { name: 'Sở Công Thương', purpose: 'COORDINATE' },
    { name: 'Ban Giám đốc Sở TT&TT', purpose: 'REPORT' },
    { name: 'Lưu: VT, P.BCVT', purpose: 'ARCHIVE' },
  ] as { name: string; purpose: 'REPORT' | 'COORDINATE' | 'ARCHIVE' | 'INFORM' }[],
};

/** Points 1.3 and 2.2 read the same: every agency names its contact. The deadline is the task's, not its text's. */
export const CONTACT_TASK =
  'Cung cấp đầu mối liên hệ, phối hợp xử lý các vướng mắc, khó khăn có thể xảy ra trong quá trình triển khai về Sở TT&TT.';

/** Its seven numbered points, in order, each with the part it belongs to. */
export const TASKS: { code: string; part: Part; text: string }[] = [
  {
    code: '1.1',
    part: 1,
    text: 'Chỉ đạo các đơn vị chức năng; UBND các xã, phường, thị trấn hỗ trợ, tạo điều kiện cho người lao động, phương tiện di chuyển của các doanh nghiệp Bưu chính, Viễn thông thực hiện nhiệm vụ duy trì liên tục việc cung ứng các dịch vụ bưu chính, viễn thông phục vụ sự chỉ đạo, điều hành phòng, chống dịch bệnh Covid-19.',
  },
  {
    code: '1.2',
    part: 1,
    text: 'Triển khai việc hướng dẫn cho người dân cài đặt, sử dụng các ứng dụng khai báo thông tin y tế như: tokhaiyte.vn, NCOVI, Bluezone tại các chốt chặn phòng, chống dịch bệnh Covid-19 thuộc địa bàn quản lý.',
  },
  { code: '1.3', part: 1, text: CONTACT_TASK },
  {
    code: '2.1',
    part: 2,
    text: 'Ưu tiên cung cấp điện, nước tại các địa điểm quản lý, điều hành, vận hành mạng lưới của các doanh nghiệp bưu chính, viễn thông để đảm bảo hệ thống thông tin liên lạc hoạt động liên tục 24/24.',
  },
  { code: '2.2', part: 2, text: CONTACT_TASK },
  {
    code: '3.1',
    part: 3,
    text: 'Yêu cầu các doanh nghiệp Viễn thông: chỉ đạo các chi nhánh, đơn vị trực thuộc hỗ trợ, phối hợp với UBND các huyện, thị xã, thành phố thiết lập các điểm cung cấp wifi miễn phí tại các chốt chặn phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh.',
  },
  {
    code: '3.2',
    part: 3,
    text: 'Yêu cầu các doanh nghiệp Bưu chính: duy trì liên tục việc cung ứng các dịch vụ bưu chính phục vụ sự chỉ đạo, điều hành phòng, chống dịch bệnh Covid-19 và nhu cầu thiết yếu của người dân.',
  },
];

/** The points that ask for a report by the deadline. */
export const REPORTED = ['1.3', '2.2'];

export type GiaLaiOptions = {
  /** When it is issued (an instant or a date): `issuedOn` is its UTC date. The letter's 30/01/2021 by default. */
  now?: string;
  number?: string;
  /** Who receives it; the letter's six by default. */
  recipients?: Agency[];
  /** The part each recipient acts on, by id, for recipients that are not the letter's own (see PARTS). */
  parts?: Record<string, Part>;
  /** Which of the seven points it carries, by code (a point none of its recipients acts on is left out). */
  tasks?: string[];
  /** Which of them ask for a report by `deadline`; 1.3 and 2.2 by default. */
  reported?: string[];
  /** The deadline of every reported point: the letter's by default. */
  deadline?: string;
  acknowledgeWithin?: string;
  remindBefore?: string[];
  /** Left to the create schema's default (a reminder at 08:00 on the day) unless given. */
  remindOnTheDay?: boolean;
  /** Both leaders of the office by default. */
  leadership?: Leader[];
  /** Tests issue the same letter many times over: a repeated number is meant there. */
  allowDuplicateNumber?: boolean;
};

/** The create body of công văn 126, as the options shape it. */
export const giaLai126 = (options: GiaLaiOptions = {}) => {
  const recipients = options.recipients ?? AGENCIES;
  const partOf = (id: string) => {
    const part = options.parts?.[id] ?? PARTS[id];
    if (part === undefined) throw new Error(`Which part of công văn 126 does ${id} act on? Say it in \`parts\`.`);
    return part;
  };
  const reported = options.reported ?? REPORTED;
  const deadline = options.deadline ?? LETTER_DEADLINE;
  const tasks = TASKS.filter((t) => !options.tasks || options.tasks.includes(t.code))
    .map((t) => ({
      code: t.code,
      text: t.text,
      assignees: recipients.filter((r) => partOf(r.id) === t.part).map((r) => r.id),
      ...(reported.includes(t.code) ? { deadline } : {}),
      reportRequired: reported.includes(t.code),
    }))
    .filter((t) => t.assignees.length > 0);
  return {
    number: options.number ?? LETTER.number,
    ...(options.allowDuplicateNumber !== undefined ? { allowDuplicateNumber: options.allowDuplicateNumber } : {}),
    issuer: LETTER.issuer,
    issuerParent: LETTER.issuerParent,
    place: LETTER.place,
    issuedOn: options.now ? new Date(options.now).toISOString().slice(0, 10) : LETTER.issuedOn,
    subject: LETTER.subject,
    // Its "Kính gửi" lines name its own six; sent to others, each recipient's page names that recipient.
    ...(options.recipients ? {} : { addressees: AGENCIES.map((r) => r.name) }),
    legalBases: LETTER.legalBases,
    body: LETTER.body,
    signer: LETTER.signer,
    leadership: options.leadership ?? [GIAM_DOC, PHO_GIAM_DOC],
    recipients: recipients.map(({ id, name, email }) => ({ id, name, email })),
    copies: LETTER.copies,
    tasks,
    acknowledgeWithin: options.acknowledgeWithin ?? 'PT8H',
    remindBefore: options.remindBefore ?? ['P2D', 'P1D'],
    ...(options.remindOnTheDay !== undefined ? { remindOnTheDay: options.remindOnTheDay } : {}),
  } satisfies DirectiveBody;
};
