import { z } from 'zod';
import { endOfDayOn } from '#core/calendar/time.ts';
import { ValidationError } from '#core/errors.ts';

/** The largest file a report may carry; the multipart parser stops reading (and marks it truncated) past it. */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;
const TOO_LARGE = 'Tệp đính kèm: tối đa 4 MB';

/** A file part as the multipart middleware (functions/handlers/middleware/multipart.ts) leaves it in the body. */
const filePart = z.object({
  /** Undefined for a part without a filename parameter that busboy still takes for a file (octet-stream). */
  filename: z.string().optional(),
  mimetype: z.string(),
  truncated: z.boolean().optional(),
  content: z.instanceof(Buffer),
});

export type UploadedFile = { filename: string; contentType: string; body: Buffer };

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The name as the user sees it: NFC (macOS sends decomposed letters), no control characters, not too long. */
const displayName = (name: string) =>
  name
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);

/**
 * The optional `file` field. Nothing chosen arrives as an empty part named "" (browsers send it anyway; Node's
 * FormData leaves the name out), or not at all; a form posted without multipart (a page from before
 * attachments) carries only the file's name.
 */
const fileField = z
  .union([filePart, z.string()], { error: 'Tệp đính kèm: không hợp lệ' })
  .optional()
  .transform((value, ctx): UploadedFile | undefined => {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string') {
      ctx.addIssue({
        code: 'custom',
        message: 'Tệp đính kèm: không nhận được nội dung tệp, vui lòng tải lại trang rồi gửi lại',
      });
      return z.NEVER;
    }
    if (!value.filename && value.content.length === 0) return undefined;
    if (value.truncated || value.content.length > MAX_ATTACHMENT_BYTES) {
      ctx.addIssue({ code: 'custom', message: TOO_LARGE });
      return z.NEVER;
    }
    if (value.content.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'Tệp đính kèm: tệp rỗng (0 byte)' });
      return z.NEVER;
    }
    const type = value.mimetype.trim().toLowerCase();
    return {
      filename: displayName(value.filename ?? '') || 'tep-dinh-kem',
      contentType: MIME.test(type) ? type : 'application/octet-stream',
      body: value.content,
    };
  });

export const reportForm = z.object({
  taskCode: z.string({ error: 'Nhiệm vụ: bắt buộc chọn' }).trim().min(1, { error: 'Nhiệm vụ: bắt buộc chọn' }),
  summary: z
    .string({ error: 'Nội dung báo cáo: bắt buộc nhập' })
    .trim()
    .min(1, { error: 'Nội dung báo cáo: bắt buộc nhập' })
    .max(10_000, { error: 'Nội dung báo cáo: tối đa 10.000 ký tự' }),
  file: fileField,
});

export const extensionForm = z.object({
  taskCode: z.string({ error: 'Nhiệm vụ: bắt buộc chọn' }).trim().min(1, { error: 'Nhiệm vụ: bắt buộc chọn' }),
  until: z.iso.date({ error: 'Gia hạn đến ngày: cần ngày hợp lệ' }).transform(endOfDayOn),
  reason: z
    .string({ error: 'Lý do: bắt buộc nhập' })
    .trim()
    .min(1, { error: 'Lý do: bắt buộc nhập' })
    .max(2000, { error: 'Lý do: tối đa 2.000 ký tự' }),
});

export const parseForm = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  return parsed.data;
};
