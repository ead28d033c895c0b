import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { addWorkingDays } from './calendar/index.ts';
import { isIsoDuration, ZONE } from './calendar/time.ts';
import type { FieldIssue } from './errors.ts';

/**
 * The create body of DESIGN.md ("extend it, don't rename it"). Messages are Vietnamese first: they are shown
 * next to the form field the path names.
 */

const text = (label: string, max = 2000) =>
  z
    .string({ error: `${label}: bắt buộc nhập` })
    .trim()
    .min(1, { error: `${label}: bắt buộc nhập` })
    .max(max, { error: `${label}: tối đa ${max} ký tự` });

const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}: tối đa ${max} ký tự` })
    .optional();

const email = (label: string) =>
  z
    .string({ error: `${label}: bắt buộc nhập` })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: `${label}: địa chỉ email không hợp lệ` }));

/** Instants are stored in one form (UTC, milliseconds), so that they also sort and compare as strings. */
const instant = (label: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${label}: cần ngày giờ ISO 8601 có múi giờ, ví dụ 2021-02-03T17:00:00+07:00`,
    })
    .transform((v) => new Date(v).toISOString());

const HOUR_MS = 3_600_000;

/** An ISO 8601 duration within sane bounds: `P1000Y` would never fire, `PT0S` would fire at once. */
const duration = (label: string, min: { ms: number; text: string }, max: { ms: number; text: string }) =>
  z
    .string()
    .refine(isIsoDuration, { error: `${label}: cần khoảng thời gian ISO 8601, ví dụ PT8H hoặc P1D` })
    .refine((v) => Duration.fromISO(v).toMillis() >= min.ms, { error: `${label}: ít nhất ${min.text}` })
    .refine((v) => Duration.fromISO(v).toMillis() <= max.ms, { error: `${label}: tối đa ${max.text}` });

/**
 * Codes and ids are chosen by users and become keys of stored maps: the names Object.prototype carries
 * (`__proto__`, `constructor`, `toString`…) are refused, and lookups use own properties only.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
export const isReservedKey = (key: string) => RESERVED_KEYS.has(key);

export const RECIPIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const recipientIdSchema = z
  .string({ error: 'Mã đơn vị: bắt buộc nhập' })
  .regex(RECIPIENT_ID, { error: 'Mã đơn vị: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (tối đa 64 ký tự)' })
  .refine((v) => !isReservedKey(v), { error: 'Mã đơn vị: tên này được dành riêng, vui lòng chọn mã khác' });

/** "1", "1.3", "II.2.a": letters, digits, dots, dashes and slashes; `#` separates a period in slot keys. */
const TASK_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,19}$/u;

/** The head of a recipient agency: copied on its first-level escalations. */
export const headSchema = z.object({
  name: optionalText('Thủ trưởng đơn vị', 200),
  email: email('Email thủ trưởng đơn vị').optional(),
  phone: optionalText('Điện thoại thủ trưởng', 40),
});

export const recipientSchema = z.object({
  id: recipientIdSchema,
  name: text('Tên đơn vị', 300),
  email: email('Email đơn vị'),
  phone: optionalText('Điện thoại đơn vị', 40),
  head: headSchema.optional(),
});

export const signerSchema = z.object({
  name: text('Người ký', 200),
  title: text('Chức vụ người ký', 200),
  onBehalfOf: optionalText('Thẩm quyền ký (KT., TL., TM.)', 200),
  /** Where the first level of escalation reaches the signer, when the signer is not among the leaders. */
  email: email('Email người ký').optional(),
});

/** SIGNER gets the first level of escalation, DIRECTOR the second (see domain/escalation.ts). */
export const LEADER_ROLES = ['SIGNER', 'DIRECTOR'] as const;

export const leaderSchema = z.object({
  name: text('Tên lãnh đạo', 200),
  title: text('Chức vụ lãnh đạo', 200),
  email: email('Email lãnh đạo'),
  phone: optionalText('Số điện thoại', 40),
  role: z.enum(LEADER_ROLES).optional(),
});

export const COPY_PURPOSES = ['REPORT', 'COORDINATE', 'ARCHIVE', 'INFORM'] as const;
export const copySchema = z.object({
  name: text('Nơi nhận', 300),
  purpose: z.enum(COPY_PURPOSES).default('INFORM'),
});

export const taskSchema = z.object({
  code: text('Mã nhiệm vụ', 20)
    .regex(TASK_CODE, { error: 'Mã nhiệm vụ: chỉ gồm chữ, số, dấu chấm, gạch ngang hoặc gạch chéo, ví dụ 1.3' })
    .refine((v) => !isReservedKey(v), { error: 'Mã nhiệm vụ: tên này được dành riêng, vui lòng chọn mã khác' }),
  text: text('Nội dung nhiệm vụ', 5000),
  assignees: z.array(z.string(), { error: 'Đơn vị thực hiện: bắt buộc chọn' }).min(1, {
    error: 'Đơn vị thực hiện: chọn ít nhất một đơn vị',
  }),
  deadline: instant('Hạn báo cáo').optional(),
  /** "trong thời hạn 05 ngày làm việc": the deadline is computed from the issue time, skipping days off. */
  deadlineWorkingDays: z
    .number({ error: 'Số ngày làm việc: cần một số' })
    .int()
    .min(1, { error: 'Số ngày làm việc: ít nhất 1' })
    .max(60, { error: 'Số ngày làm việc: tối đa 60' })
    .optional(),
  /** A periodic report ("hằng ngày", "định kỳ hằng tuần"): one deadline per period from `deadline` to `until`. */
  recurrence: z
    .object({
      every: z.enum(['P1D', 'P1W'], { error: 'Định kỳ: hằng ngày (P1D) hoặc hằng tuần (P1W)' }),
      until: z.iso.date({ error: 'Định kỳ đến ngày: cần ngày dạng YYYY-MM-DD' }),
    })
    .optional(),
  reportRequired: z.boolean().default(true),
});

export const MAX_RECIPIENTS = 5000;

export const END_OF_WORKING_DAY = 'END_OF_WORKING_DAY';

/** What a directive item may take, leaving room under DynamoDB's 400 KB for counts and keys. */
export const MAX_DIRECTIVE_BYTES = 300 * 1024;

/**
 * A year of daily reports. Each period adds a bounded number of events to the execution's history (a few
 * waits), so this bound keeps it far below Step Functions' 25,000.
 */
export const MAX_PERIODS = 366;

/** The reports one agency may owe under one directive: a year of daily reports (the item's size is bound by it). */
export const MAX_REPORT_SLOTS = 366;

/** How far ahead a deadline may lie: beyond a year the workflow goes on in a new execution (see checkpoints.ts). */
export const MAX_HORIZON_DAYS = 730;

/** The deadlines of a periodic report: the first one, then every period while its date is not after `until`. */
export const periodsOf = (first: string, recurrence: { every: 'P1D' | 'P1W'; until: string }) => {
  const deadlines: string[] = [];
  const start = DateTime.fromISO(first).setZone(ZONE);
  const step = recurrence.every === 'P1D' ? { days: 1 } : { weeks: 1 };
  for (
    let at = start;
    (at.toISODate() ?? '') <= recurrence.until && deadlines.length <= MAX_PERIODS;
    at = at.plus(step)
  )
    deadlines.push(at.toUTC().toISO() ?? '');
  return deadlines;
};

export const directiveInputSchema = z
  .object({
    number: text('Số, ký hiệu', 100),
    issuer: text('Cơ quan ban hành', 300),
    /** The body above the issuer in the header block, e.g. "UBND TỈNH GIA LAI". */
    issuerParent: optionalText('Cơ quan chủ quản', 300),
    /** The place in "Gia Lai, ngày 30 tháng 01 năm 2021". */
    place: optionalText('Địa danh', 100),
    issuedOn: z.iso.date({ error: 'Ngày ban hành: cần ngày dạng YYYY-MM-DD' }),
    subject: text('Trích yếu (V/v)', 1000),
    /** The same number from the same issuer in the same year is refused unless the official means it. */
    allowDuplicateNumber: z.boolean().default(false),
    /** The "Kính gửi" lines as written, groups included; the recipients are who actually receive it. */
    addressees: z.array(text('Kính gửi', 300)).max(100).default([]),
    legalBases: z.array(text('Căn cứ', 2000)).max(50).default([]),
    body: z.string().trim().max(100_000, { error: 'Nội dung: tối đa 100.000 ký tự' }).default(''),
    signer: signerSchema,
    leadership: z
      .array(leaderSchema, { error: 'Lãnh đạo nhận cảnh báo: bắt buộc nhập' })
      .min(1, { error: 'Lãnh đạo nhận cảnh báo: cần ít nhất một người' })
      .max(20),
    recipients: z
      .array(recipientSchema, { error: 'Kính gửi: bắt buộc chọn đơn vị nhận' })
      .min(1, { error: 'Kính gửi: chọn ít nhất một đơn vị' })
      .max(MAX_RECIPIENTS, { error: `Kính gửi: tối đa ${MAX_RECIPIENTS} đơn vị` }),
    copies: z.array(copySchema).max(100).default([]),
    tasks: z
      .array(taskSchema, { error: 'Nhiệm vụ: bắt buộc nhập' })
      .min(1, { error: 'Nhiệm vụ: cần ít nhất một nhiệm vụ' })
      .max(200),
    /** A duration from delivery, or the end of the working day of receipt (Decree 30/2020). */
    acknowledgeWithin: z
      .union([
        z.literal(END_OF_WORKING_DAY),
        duration('Thời hạn xác nhận', { ms: HOUR_MS, text: '1 giờ' }, { ms: 30 * 24 * HOUR_MS, text: '30 ngày' }),
      ])
      .default(END_OF_WORKING_DAY),
    remindBefore: z
      .array(duration('Nhắc trước hạn', { ms: HOUR_MS, text: '1 giờ' }, { ms: 60 * 24 * HOUR_MS, text: '60 ngày' }))
      .max(10)
      .default(['P2D', 'P1D']),
    /** A reminder at 08:00 on the day a deadline falls. */
    remindOnTheDay: z.boolean().default(true),
    /** The second level of escalation (the director) this many working days after a missed deadline. */
    escalateAfterWorkingDays: z.number().int().min(1).max(30).default(2),
  })
  .superRefine((d, ctx) => {
    // The directive item holds everything but the recipients and the assignee lists; it must stay well
    // under DynamoDB's 400 KB item limit.
    const stored = Buffer.byteLength(
      JSON.stringify({ ...d, recipients: [], tasks: d.tasks.map((t) => ({ ...t, assignees: [] })) }),
    );
    if (stored > MAX_DIRECTIVE_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `Công văn quá dài để lưu (${Math.round(stored / 1024)} KB, tối đa ${MAX_DIRECTIVE_BYTES / 1024} KB): rút gọn nội dung hoặc nhiệm vụ`,
      });
    const ids = new Set<string>();
    d.recipients.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['recipients', i, 'id'], message: `Mã đơn vị trùng: ${r.id}` });
      ids.add(r.id);
    });
    const codes = new Set<string>();
    d.tasks.forEach((t, i) => {
      if (t.deadline && t.deadlineWorkingDays)
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'deadlineWorkingDays'],
          message: 'Chỉ chọn một trong hai: hạn theo ngày, hoặc số ngày làm việc',
        });
      if (t.recurrence && !t.deadline)
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'deadline'],
          message: 'Báo cáo định kỳ: cần hạn của kỳ đầu tiên',
        });
      if (t.recurrence && t.deadline && periodsOf(t.deadline, t.recurrence).length > MAX_PERIODS)
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'recurrence', 'until'],
          message: `Báo cáo định kỳ: tối đa ${MAX_PERIODS} kỳ`,
        });
      if (codes.has(t.code))
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'code'], message: `Mã nhiệm vụ trùng: ${t.code}` });
      codes.add(t.code);
      t.assignees.forEach((a, j) => {
        if (!ids.has(a))
          ctx.addIssue({
            code: 'custom',
            path: ['tasks', i, 'assignees', j],
            message: `Đơn vị thực hiện "${a}" không có trong danh sách Kính gửi`,
          });
      });
    });
    // Each agency's report slots are bounded, so that its assignment stays a small item (see storage).
    const slots = new Map<string, number>();
    d.tasks.forEach((t, i) => {
      if (!t.reportRequired) return;
      const n = t.recurrence && t.deadline ? Math.min(periodsOf(t.deadline, t.recurrence).length, MAX_PERIODS + 1) : 1;
      for (const a of new Set(t.assignees)) {
        const total = (slots.get(a) ?? 0) + n;
        slots.set(a, total);
        if (total > MAX_REPORT_SLOTS && total - n <= MAX_REPORT_SLOTS)
          ctx.addIssue({
            code: 'custom',
            path: ['tasks', i, t.recurrence ? 'recurrence' : 'code'],
            message: `Một đơn vị phải gửi tối đa ${MAX_REPORT_SLOTS} báo cáo theo một công văn (đơn vị ${a}: ${total})`,
          });
      }
    });
  });

const startOfDay = (ymd: string) => DateTime.fromISO(ymd, { zone: ZONE }).startOf('day').toMillis();

/**
 * What makes sense only at the moment of issuing: no deadline (or first period) already past or before the
 * issue date, none beyond MAX_HORIZON_DAYS. The schema cannot say it, since it does not know the time.
 */
export const issueProblems = (d: DirectiveInput, now: string): FieldIssue[] => {
  const problems: FieldIssue[] = [];
  const earliest = Math.max(Date.parse(now), startOfDay(d.issuedOn));
  const latest = Date.parse(now) + MAX_HORIZON_DAYS * 24 * HOUR_MS;
  const horizon = `${Math.round(MAX_HORIZON_DAYS / 365)} năm`;
  d.tasks.forEach((t, i) => {
    if (t.deadline !== undefined) {
      const at = Date.parse(t.deadline);
      const what = t.recurrence ? 'Hạn của kỳ báo cáo đầu tiên' : 'Hạn báo cáo';
      if (at <= earliest)
        problems.push({
          path: `tasks.${i}.deadline`,
          message:
            at < startOfDay(d.issuedOn)
              ? `${what}: trước ngày ban hành công văn`
              : `${what}: đã qua, cần một thời điểm sau bây giờ`,
        });
      else if (at > latest)
        problems.push({ path: `tasks.${i}.deadline`, message: `${what}: không quá ${horizon} kể từ hôm nay` });
    }
    if (t.recurrence && startOfDay(t.recurrence.until) > latest)
      problems.push({
        path: `tasks.${i}.recurrence.until`,
        message: `Định kỳ đến ngày: không quá ${horizon} kể từ hôm nay`,
      });
  });
  return problems;
};

export type DirectiveInput = z.infer<typeof directiveInputSchema>;
/** What a caller sends: defaults not yet applied. */
export type DirectiveBody = z.input<typeof directiveInputSchema>;
export type Recipient = z.infer<typeof recipientSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Signer = z.infer<typeof signerSchema>;
export type Leader = z.infer<typeof leaderSchema>;
export type Copy = z.infer<typeof copySchema>;

/** A stored directive: the input plus what issuing it decided. Recipients live on their assignments. */
export type Directive = Omit<DirectiveInput, 'recipients' | 'allowDuplicateNumber'> & {
  id: string;
  createdAt: string;
  recipientCount: number;
  cancelledAt?: string;
};

/** A directive as stored: with the counts per bucket that every transition keeps (see core/tally.ts). */
export type StoredDirective = Directive & { tally: Record<string, number> };

/**
 * The tasks one recipient must carry out. A stored assignment lists their codes; the stored directive does not
 * keep the assignee lists (5,000 recipients on three tasks would pass DynamoDB's 400 KB item limit).
 */
export const tasksOf = (tasks: readonly Task[], assignee: { recipientId: string; taskCodes?: readonly string[] }) =>
  tasks.filter((t) =>
    assignee.taskCodes ? assignee.taskCodes.includes(t.code) : t.assignees.includes(assignee.recipientId),
  );

/** "Within n working days" becomes a date once, when the directive is issued. */
export const tasksAsIssued = (tasks: readonly Task[], issuedAt: string): Task[] =>
  tasks.map((t) =>
    t.deadlineWorkingDays && !t.deadline ? { ...t, deadline: addWorkingDays(issuedAt, t.deadlineWorkingDays) } : t,
  );
