/** The create body of a benchmark directive: N recipients `r00001…`, one task with a report, due in a few days. */

export const DAY_MS = 86_400_000;

export type BenchRecipient = { id: string; name: string; email: string };

export const recipientsOf = (count: number, prefix = 'r'): BenchRecipient[] =>
  Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${String(i + 1).padStart(5, '0')}`;
    return { id, name: `Đơn vị ${id}`, email: `${id}@bench.example` };
  });

export const TASK_CODE = '1';

export const benchDirective = (options: {
  number: string;
  now: string;
  recipients: BenchRecipient[];
  deadlineDays?: number;
}) => ({
  number: options.number,
  issuer: 'Sở Thông tin và Truyền thông (bench)',
  issuedOn: options.now.slice(0, 10),
  subject: `V/v đo hiệu năng: công văn gửi ${options.recipients.length} đơn vị`,
  legalBases: ['Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;'],
  body: 'Đề nghị các đơn vị xác nhận đã nhận công văn và báo cáo kết quả triển khai về Sở trước thời hạn.',
  signer: { name: 'Nguyễn Văn Bench', title: 'Phó Giám đốc', onBehalfOf: 'KT. GIÁM ĐỐC' },
  leadership: [
    { name: 'Trần Thị Lãnh Đạo', title: 'Giám đốc Sở', email: 'giamdoc@bench.example', phone: '0900000000' },
  ],
  recipients: options.recipients,
  tasks: [
    {
      code: TASK_CODE,
      text: 'Rà soát và báo cáo kết quả triển khai.',
      assignees: options.recipients.map((r) => r.id),
      deadline: new Date(Date.parse(options.now) + (options.deadlineDays ?? 3) * DAY_MS).toISOString(),
      reportRequired: true,
    },
  ],
  acknowledgeWithin: 'PT8H',
  remindBefore: ['P2D', 'P1D'],
});

export const reportSummary = (recipient: string) =>
  `${recipient} báo cáo: đã rà soát, triển khai đầy đủ theo công văn; đầu mối liên hệ là Văn phòng đơn vị.`;
