import * as z from 'zod/mini';
import { emailField, phoneField } from '#core/agency.ts';
import { dayField } from '#core/calendar/day.ts';
import { endOfDayOn } from '#core/calendar/time.ts';
import { ValidationError } from '#core/errors.ts';
import { addIssue, says } from '#core/problems.ts';

/** The largest file a report may carry; the multipart parser stops reading (and marks it truncated) past it. */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

/** A file part as the multipart middleware (functions/handlers/middleware/multipart.ts) leaves it in the body. */
const filePart = z.object({
  /** Undefined for a part without a filename parameter that busboy still takes for a file (octet-stream). */
  filename: z.optional(z.string()),
  mimetype: z.string(),
  truncated: z.optional(z.boolean()),
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
const fileField = z.pipe(
  z.optional(z.union([filePart, z.string()], says('field.invalid', { field: 'attachment' }))),
  z.transform((value: z.infer<typeof filePart> | string | undefined, ctx): UploadedFile | undefined => {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string') {
      addIssue(ctx, [], 'attachment.noContent');
      return z.NEVER;
    }
    if (!value.filename && value.content.length === 0) return undefined;
    if (value.truncated || value.content.length > MAX_ATTACHMENT_BYTES) {
      addIssue(ctx, [], 'field.tooLargeMb', { field: 'attachment', mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
      return z.NEVER;
    }
    if (value.content.length === 0) {
      addIssue(ctx, [], 'attachment.empty');
      return z.NEVER;
    }
    const type = value.mimetype.trim().toLowerCase();
    return {
      filename: displayName(value.filename ?? '') || 'tep-dinh-kem',
      contentType: MIME.test(type) ? type : 'application/octet-stream',
      body: value.content,
    };
  }),
);

const taskCode = z
  .string(says('field.choose', { field: 'task' }))
  .check(z.trim(), z.minLength(1, says('field.choose', { field: 'task' })));

export const reportForm = z.object({
  taskCode,
  summary: z
    .string(says('field.required', { field: 'summary' }))
    .check(
      z.trim(),
      z.minLength(1, says('field.required', { field: 'summary' })),
      z.maxLength(10_000, says('field.tooLong', { field: 'summary', max: 10_000 })),
    ),
  file: fileField,
});

/**
 * A corrected report: the slot, the version the page showed (`replaces`), the whole new text (the form starts from
 * the old one) and optionally a new file; without one the file of the version replaced is kept.
 */
export const correctionForm = z.object({
  taskCode,
  replaces: z
    .string(says('field.invalid', { field: 'reportVersion' }))
    .check(z.trim(), z.regex(/^[A-Za-z0-9_-]{1,20}$/, says('field.invalid', { field: 'reportVersion' }))),
  summary: reportForm.shape.summary,
  file: fileField,
});

export const extensionForm = z.object({
  taskCode,
  until: z.pipe(dayField('extensionUntil'), z.transform(endOfDayOn)),
  reason: z
    .string(says('field.required', { field: 'reason' }))
    .check(
      z.trim(),
      z.minLength(1, says('field.required', { field: 'reason' })),
      z.maxLength(2000, says('field.tooLong', { field: 'reason', max: 2000 })),
    ),
});

/** The person the agency names to handle the directive: a name, an address (one spelling), a phone if any. */
export const handlerForm = z.object({
  name: z
    .string(says('field.required', { field: 'handlerName' }))
    .check(
      z.trim(),
      z.minLength(1, says('field.required', { field: 'handlerName' })),
      z.maxLength(200, says('field.tooLong', { field: 'handlerName', max: 200 })),
    ),
  email: emailField('handlerEmail'),
  phone: z.optional(phoneField('handlerPhone')),
});

export const parseForm = <T extends z.ZodMiniType>(schema: T, body: unknown): z.infer<T> => {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  return parsed.data;
};
