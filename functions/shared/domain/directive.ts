import { z } from 'zod';
import { isIsoDuration } from '../time.ts';

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

const duration = (label: string) =>
  z.string().refine(isIsoDuration, { error: `${label}: cần khoảng thời gian ISO 8601, ví dụ PT8H hoặc P1D` });

export const RECIPIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const recipientSchema = z.object({
  id: z
    .string({ error: 'Mã đơn vị: bắt buộc nhập' })
    .regex(RECIPIENT_ID, { error: 'Mã đơn vị: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (tối đa 64 ký tự)' }),
  name: text('Tên đơn vị', 300),
  email: email('Email đơn vị'),
});

export const signerSchema = z.object({
  name: text('Người ký', 200),
  title: text('Chức vụ người ký', 200),
  onBehalfOf: optionalText('Thẩm quyền ký (KT., TL., TM.)', 200),
});

export const leaderSchema = z.object({
  name: text('Tên lãnh đạo', 200),
  title: text('Chức vụ lãnh đạo', 200),
  email: email('Email lãnh đạo'),
  phone: optionalText('Số điện thoại', 40),
});

export const COPY_PURPOSES = ['REPORT', 'COORDINATE', 'ARCHIVE', 'INFORM'] as const;
export const copySchema = z.object({
  name: text('Nơi nhận', 300),
  purpose: z.enum(COPY_PURPOSES).default('INFORM'),
});

export const taskSchema = z.object({
  code: text('Mã nhiệm vụ', 20),
  text: text('Nội dung nhiệm vụ', 5000),
  assignees: z.array(z.string(), { error: 'Đơn vị thực hiện: bắt buộc chọn' }).min(1, {
    error: 'Đơn vị thực hiện: chọn ít nhất một đơn vị',
  }),
  deadline: instant('Hạn báo cáo').optional(),
  reportRequired: z.boolean().default(true),
});

export const MAX_RECIPIENTS = 5000;

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
    acknowledgeWithin: duration('Thời hạn xác nhận').default('PT8H'),
    remindBefore: z.array(duration('Nhắc trước hạn')).max(10).default(['P2D', 'P1D']),
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    d.recipients.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['recipients', i, 'id'], message: `Mã đơn vị trùng: ${r.id}` });
      ids.add(r.id);
    });
    const codes = new Set<string>();
    d.tasks.forEach((t, i) => {
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
  });

export type DirectiveInput = z.infer<typeof directiveInputSchema>;
export type Recipient = z.infer<typeof recipientSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Signer = z.infer<typeof signerSchema>;
export type Leader = z.infer<typeof leaderSchema>;
export type Copy = z.infer<typeof copySchema>;

/** A stored directive: the input plus what issuing it decided. Recipients live on their assignments. */
export type Directive = Omit<DirectiveInput, 'recipients'> & {
  id: string;
  createdAt: string;
  recipientCount: number;
  cancelledAt?: string;
};

/** The tasks one recipient must carry out. */
export const tasksOf = (tasks: readonly Task[], recipientId: string) =>
  tasks.filter((t) => t.assignees.includes(recipientId));
