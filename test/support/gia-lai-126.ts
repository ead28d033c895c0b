import {
  type Agency,
  agency,
  GIAM_DOC,
  giaLai126,
  type Leader,
  type Part,
  PHO_GIAM_DOC,
} from '../../local/demo/gia-lai-126.ts';

/**
 * What the end-to-end and fuzz tests issue: Công văn 126/STTTT-BCVT of the Gia Lai Department of Information and
 * Communications, from its one builder (local/demo/gia-lai-126.ts), to ten agencies of the province, each with one
 * task and a report. test/support/runtime.ts re-exports all of it.
 */

export type Recipient = Agency;
export { GIAM_DOC, PHO_GIAM_DOC };

/** Four of the letter's own agencies, with the districts and businesses its groups stand for. */
export const GIA_LAI_RECIPIENTS: Recipient[] = [
  agency('cong-an-tinh'),
  agency('bchqs-tinh'),
  { id: 'ubnd-pleiku', name: 'Ủy ban nhân dân thành phố Pleiku', email: 'ubnd.pleiku@gialai.example' },
  { id: 'ubnd-an-khe', name: 'Ủy ban nhân dân thị xã An Khê', email: 'ubnd.ankhe@gialai.example' },
  { id: 'ubnd-chu-se', name: 'Ủy ban nhân dân huyện Chư Sê', email: 'ubnd.chuse@gialai.example' },
  agency('dien-luc'),
  agency('cap-thoat-nuoc'),
  { id: 'vnpt-gia-lai', name: 'VNPT Gia Lai', email: 'vanphong.vnpt@gialai.example' },
  { id: 'viettel-gia-lai', name: 'Viettel Gia Lai', email: 'vanphong.viettel@gialai.example' },
  { id: 'buu-dien-tinh', name: 'Bưu điện tỉnh Gia Lai', email: 'buudien@gialai.example' },
];

export const recipients = (...ids: string[]) =>
  ids.map((id) => {
    const r = GIA_LAI_RECIPIENTS.find((x) => x.id === id);
    if (!r) throw new Error(`No Gia Lai recipient ${id}`);
    return r;
  });

/** The part of the letter each acts on: the police, the army and the districts 1, the utilities 2, the rest 3. */
const partOf = (recipientId: string): Part =>
  ['cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku', 'ubnd-an-khe', 'ubnd-chu-se'].includes(recipientId)
    ? 1
    : ['dien-luc', 'cap-thoat-nuoc'].includes(recipientId)
      ? 2
      : 3;
/** The one task these tests give each part, each with a report. */
const TASK_OF_PART = { 1: '1.3', 2: '2.2', 3: '3.1' } as const;

/** The one task a recipient has: 1.3 for the police, the army and the districts, 2.2 for the utilities, 3.1 for the rest. */
export const taskCodeOf = (recipientId: string) => TASK_OF_PART[partOf(recipientId)];

/**
 * The create body of Công văn 126/STTTT-BCVT issued at `now` (the virtual clock's time) to the given recipients,
 * each with its one task (see taskCodeOf) reported by `deadline` (default: three days after `now`).
 */
export const giaLaiDirective = (options: {
  now: string;
  recipients: Recipient[];
  number?: string;
  deadline?: string;
  acknowledgeWithin?: string;
  remindBefore?: string[];
  leadership?: Leader[];
}) =>
  giaLai126({
    now: options.now,
    number: options.number,
    recipients: options.recipients,
    parts: Object.fromEntries(options.recipients.map((r) => [r.id, partOf(r.id)])),
    tasks: Object.values(TASK_OF_PART),
    reported: Object.values(TASK_OF_PART),
    deadline: options.deadline ?? new Date(Date.parse(options.now) + 3 * 86_400_000).toISOString(),
    acknowledgeWithin: options.acknowledgeWithin,
    remindBefore: options.remindBefore,
    leadership: options.leadership ?? [GIAM_DOC],
    allowDuplicateNumber: true,
  });

/** A plausible report for a task, in the seed's words. */
export const reportFields = (recipient: Recipient) => ({
  taskCode: taskCodeOf(recipient.id),
  summary: `${recipient.name} báo cáo: đầu mối liên hệ là Văn phòng đơn vị, điện thoại 0269 3824 000; đã triển khai theo Công văn 126/STTTT-BCVT.`,
});
