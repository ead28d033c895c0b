import { setImmediate } from 'node:timers';
import { Busboy } from '@fastify/busboy';
import type { MiddlewareObj } from '@middy/core';
import { type Problem, problem } from '#contracts/problems.ts';
import { ValidationError } from '#core/errors.ts';

/**
 * `multipart/form-data` bodies, parsed by @fastify/busboy with every way a body can be wrong answered as a 400
 * naming the body or the field. This replaces @middy/http-multipart-body-parser, whose event listeners threw
 * outside its promise (a part without `name=`, `a` then `a[]`) and which left a file stream's "unexpected end"
 * error unhandled: one such request ended the whole process, before any route or token was looked at.
 */

export type MultipartLimits = {
  /** Files per request; a further file part is refused rather than silently dropped. */
  files: number;
  /** Bytes per file; past it the file is kept cut with `truncated: true`, which the form then refuses. */
  fileSize: number;
  fields?: number;
  fieldSize?: number;
  parts?: number;
};

/** A file part, in the shape the forms read (`functions/handlers/http/recipient/forms.ts`). */
export type FilePart = {
  /** Undefined for a part busboy takes for a file only by its type (application/octet-stream). */
  filename: string | undefined;
  mimetype: string;
  encoding: string;
  truncated: boolean;
  content: Buffer;
};

/**
 * Letters, digits, `_ . -`, then up to five `[key]` segments as qs writes nested fields (`tasks[0][code]`; the
 * officials' directive form is multipart for its files), optionally ending in `[]` (a list); never a name or a
 * segment that means something to objects.
 */
const NAME = /^[A-Za-z_][\w.-]{0,99}(?:\[[\w.-]{1,40}\]){0,5}(\[\])?$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const invalid = (path: string, p: Problem) => new ValidationError([{ path, ...p }]);

/**
 * Parses a whole body. Settles exactly once: resolves with the fields (a null-prototype object: `file`, `taskCode`,
 * `name[]` gathered into `name`), or rejects with a ValidationError. Listeners never throw.
 */
export const parseMultipart = (contentType: string, body: Buffer, limits: MultipartLimits) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const fields: Record<string, unknown> = Object.create(null);
    let settled = false;
    /** Events seen so far: parsing that makes none in a whole turn of the event loop has stalled. */
    let progress = 0;
    const fail = (path: string, p: Problem) => {
      if (settled) return;
      settled = true;
      reject(invalid(path, p));
    };

    const put = (name: string | undefined, value: unknown) => {
      if (!name) return fail('', problem('form.unnamedPart'));
      const list = name.endsWith('[]');
      const key = list ? name.slice(0, -2) : name;
      if (!NAME.test(name) || key.split(/[[\]]+/).some((segment) => RESERVED.has(segment)))
        return fail('', problem('form.badFieldName', { name: name.slice(0, 100) }));
      const before = fields[key];
      if (list && (before === undefined || Array.isArray(before))) fields[key] = [...(before ?? []), value];
      else if (!list && before === undefined) fields[key] = value;
      else fail(key, problem('form.repeatedField', { name: key }));
    };

    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        limits: { headerPairs: 20, fields: 50, parts: 60, fieldSize: 1024 * 1024, ...limits },
      });
    } catch {
      return fail('', problem('form.noBoundary'));
    }

    /** The file part being read, to name it when the body stops in the middle of it. */
    let open: string | undefined;
    const cut = (name: string | undefined) => fail(name ?? '', problem('form.fileCut'));

    parser.on('file', (name, stream, filename, encoding, mimetype) => {
      progress++;
      open = name ?? '';
      const chunks: Buffer[] = [];
      // Read to the end whatever happens to the part, or busboy never finishes.
      stream.on('data', (chunk: Buffer) => {
        progress++;
        chunks.push(chunk);
      });
      stream.on('error', () => cut(name));
      stream.on('end', () => {
        open = undefined;
        put(name, {
          filename,
          mimetype,
          encoding,
          truncated: stream.truncated,
          content: Buffer.concat(chunks),
        } satisfies FilePart);
      });
    });
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      progress++;
      if (valueTruncated) fail(name ?? '', problem('form.fieldTooLong', { name: name ?? '' }));
      else put(name, value);
    });
    parser.on('filesLimit', () => fail('', problem('form.tooManyFiles', { max: limits.files })));
    parser.on('fieldsLimit', () => fail('', problem('form.tooManyFields')));
    parser.on('partsLimit', () => fail('', problem('form.tooManyParts')));
    parser.on('error', () => (open !== undefined ? cut(open) : fail('', problem('form.incomplete'))));
    parser.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve(fields);
    });
    try {
      parser.end(body);
    } catch {
      fail('', problem('form.unreadable'));
    }

    // The whole body is in memory, and busboy works through it in process.nextTick steps, which all run before
    // the next setImmediate. Some bodies stall it for good (a part header ending in "\n\r\n" gets no event and
    // no 'finish'): a turn without progress is such a body. (node:timers, which fake timers leave alone.)
    const watch = (seen: number) =>
      setImmediate(() => {
        if (settled) return;
        if (progress === seen) fail(open ?? '', problem('form.incomplete'));
        else watch(progress);
      });
    watch(-1);
  });

/**
 * The middleware: parses a multipart body in place; any other body is left to the other parsers. A base64 body
 * (API Gateway's encoding of binary content types) is decoded first.
 */
export const multipartBody = (
  limits: MultipartLimits,
): MiddlewareObj<{ headers?: Record<string, string | undefined>; body?: unknown; isBase64Encoded?: boolean }> => ({
  before: async ({ event }) => {
    const type = event.headers?.['content-type'] ?? '';
    if (!/^multipart\/form-data\b/i.test(type)) return;
    const raw = typeof event.body === 'string' ? event.body : '';
    event.body = await parseMultipart(type, Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8'), limits);
  },
});
