import * as z from 'zod/mini';
import type { Field } from '#contracts/problems.ts';
import { MAX_FILE_BYTES } from '#core/directive-file.ts';
import { addIssue, says } from '#core/problems.ts';

/** A file part as the multipart middleware leaves it in the body (functions/handlers/middleware/multipart.ts). */
const part = z.object({
  filename: z.optional(z.string()),
  mimetype: z.string(),
  truncated: z.optional(z.boolean()),
  content: z.instanceof(Buffer),
});

/** A file an official brings: the bytes, the name their computer gave it, the browser's type (a hint only). */
export type BroughtFile = { bytes: Buffer; name: string; contentType: string };

/**
 * A required file field of at most 4 MB (the multipart parser stops reading past it and marks the part
 * truncated). An empty choice (a part with no name and no bytes) is "required", a 0-byte file "empty".
 */
export const broughtFile = (field: Field) =>
  z.pipe(
    z.union([part, z.string()], says('field.required', { field })),
    z.transform((value: z.infer<typeof part> | string, ctx): BroughtFile => {
      if (value === '' || (typeof value !== 'string' && !value.filename && value.content.length === 0)) {
        addIssue(ctx, [], 'field.required', { field });
        return z.NEVER;
      }
      // A form posted without multipart carries only the file's name.
      if (typeof value === 'string') {
        addIssue(ctx, [], 'attachment.noContent');
        return z.NEVER;
      }
      if (value.truncated || value.content.length > MAX_FILE_BYTES) {
        addIssue(ctx, [], 'field.tooLargeMb', { field, mb: MAX_FILE_BYTES / 1024 / 1024 });
        return z.NEVER;
      }
      if (value.content.length === 0) {
        addIssue(ctx, [], 'attachment.empty');
        return z.NEVER;
      }
      return { bytes: value.content, name: value.filename ?? '', contentType: value.mimetype };
    }),
  );
