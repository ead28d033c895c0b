import { randomUUID } from 'node:crypto';
import { directoryOf } from '#app/directory.ts';
import { issueDirective } from '#app/issue-directive.ts';
import { type FileInput, parseFile } from '#app/parse-file.ts';
import { storeFile } from '#app/store-file.ts';
import { type FieldProblem, type Problem, problem } from '#contracts/problems.ts';
import { DIRECTIVE_FORM, OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import { isoDate } from '#core/calendar/hanoi-time.ts';
import { directiveInputSchema } from '#core/directive.ts';
import { MAX_ANNEXES, MAX_FILE_BYTES } from '#core/directive-file.ts';
import { ConflictError, UnprocessableError, ValidationError } from '#core/errors.ts';
import { fieldProblemsOf } from '#core/problems.ts';
import { type DraftDirective, type ParseWarning, tryParseDirective } from '#parsing/index.ts';
import { type Lang, langCookie, messages, render } from '#web/i18n/index.ts';
import { DirectiveFormPage, type FieldErrors, type PasteState } from '#web/officials/directive-form.tsx';
import {
  type AttachedFile,
  blankForm,
  type FormValues,
  fieldOf,
  readForm,
  toDirectiveInput,
} from '#web/officials/directive-form-input.ts';
import { draftToForm } from '#web/officials/draft-to-form.ts';
import { applyRowOp } from '#web/officials/form-ops.ts';
import { officialPageHandler, type PageContext } from './official-page-chain.ts';
import { officialPage } from './pages.tsx';
import { type HttpResult, redirect } from './responses.ts';

/**
 * The directive form: a blank form, and every submit of it (issue; add, remove or move a row; fill it from a
 * pasted text or an uploaded DOCX/PDF; attach the signed original and annexes). It is multipart because of its
 * files; whatever is sent, files are stored first and carried by id in hidden fields, so that a form answered
 * again (a row added, a rejected issue) keeps them without sending their bytes again.
 */

type FormContext = PageContext;

const today = () => isoDate(Date.now());

const renderForm = async (
  c: FormContext,
  status: number,
  values: FormValues,
  errors: FieldErrors = {},
  paste: PasteState = { text: '' },
) =>
  officialPage(
    c.event,
    status,
    <DirectiveFormPage
      lang={c.lang}
      official={c.official}
      values={values}
      errors={errors}
      directory={await directoryOf(c.official)}
      paste={paste}
    />,
    langCookie(c.event),
  );

const newDirectiveForm = (c: FormContext) => renderForm(c, 200, blankForm(randomUUID(), today()));

type Part = { filename?: unknown; mimetype?: unknown; truncated?: unknown; content?: unknown };

/** The files a file input sent; an input left empty sends a part without name or bytes, which is no file. */
const filesIn = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).flatMap((v): (FileInput & { truncated: boolean })[] => {
    const part = (v ?? {}) as Part;
    if (!Buffer.isBuffer(part.content)) return [];
    const name = typeof part.filename === 'string' ? part.filename : '';
    if (name === '' && part.content.length === 0) return [];
    return [
      {
        bytes: part.content,
        name,
        contentType: typeof part.mimetype === 'string' ? part.mimetype : undefined,
        truncated: part.truncated === true,
      },
    ];
  });

const firstProblem = (error: unknown): Problem | undefined =>
  error instanceof ValidationError ? (error.issues[0] ?? error.problem) : undefined;

/** Stores one chosen file; a refusal (too large, not a DOCX, PDF or image) is the message for its field. */
const store = async (file: FileInput & { truncated: boolean }): Promise<AttachedFile | Problem> => {
  if (file.truncated) return problem('field.tooLargeMb', { field: 'file', mb: MAX_FILE_BYTES / 1024 / 1024 });
  try {
    const { fileId, name, size } = await storeFile(file);
    return { fileId, name, size };
  } catch (error) {
    const p = firstProblem(error);
    if (p) return p;
    throw error;
  }
};

/** The original and annexes chosen in this submit, stored and added to those the form already carries. */
const attach = async (c: FormContext, values: FormValues) => {
  const errors: FieldErrors = {};
  const [original] = filesIn(c.form.originalUpload);
  if (original) {
    const stored = await store(original);
    if ('code' in stored) errors.originalFile = `${original.name}: ${render(stored, c.lang)}`;
    else values.originalFile = stored;
  }
  for (const annex of filesIn(c.form.annexUploads)) {
    if (values.annexes.length >= MAX_ANNEXES) {
      errors.annexes = render(problem('field.max', { field: 'annexes', max: MAX_ANNEXES }), c.lang);
      break;
    }
    const stored = await store(annex);
    if ('code' in stored) errors.annexes ??= `${annex.name}: ${render(stored, c.lang)}`;
    else values.annexes.push(stored);
  }
  return errors;
};

/** The first problem of each form field, in the page's language. */
const fieldErrors = (problems: readonly FieldProblem[], lang: Lang) => {
  const errors: FieldErrors = {};
  for (const p of problems) errors[fieldOf(p.path)] ??= render(p, lang);
  return errors;
};

/** A parsed letter fills the form, with its check list; the files attached so far stay. */
const filled = async (
  c: FormContext,
  values: FormValues,
  outcome: { draft: DraftDirective; warnings: ParseWarning[] },
) => {
  const { values: next, checks } = draftToForm(
    outcome.draft,
    await directoryOf(c.official),
    values.idempotencyKey,
    today(),
    outcome.warnings,
  );
  return { values: { ...next, originalFile: values.originalFile, annexes: values.annexes }, checks };
};

/** "Dán văn bản": the pasted công văn fills the form, with what to check; nothing is issued from it. */
const fillFromText = async (c: FormContext, values: FormValues, errors: FieldErrors) => {
  const text = typeof c.form.pasteText === 'string' ? c.form.pasteText : '';
  const outcome = tryParseDirective(text);
  if (!outcome.ok)
    return renderForm(c, 400, values, { ...errors, pasteText: render(problem('parse.emptyText'), c.lang) }, { text });
  const { values: next, checks } = await filled(c, values, outcome.result);
  return renderForm(c, 200, next, errors, { text, unparsed: outcome.result.unparsed, checks });
};

/**
 * "Tải lên công văn": the DOCX or PDF is read as its pasted text would be, and its text shown in the paste step.
 * A scan has no text to read: 422, and the paste step is opened instead.
 */
const fillFromFile = async (c: FormContext, values: FormValues, errors: FieldErrors) => {
  const text = typeof c.form.pasteText === 'string' ? c.form.pasteText : '';
  const [source] = filesIn(c.form.sourceFile);
  if (!source)
    return renderForm(c, 400, values, { ...errors, sourceFile: messages(c.lang).form.uploadChoose }, { text });
  if (source.truncated)
    return renderForm(c, 400, values, {
      ...errors,
      sourceFile: render(problem('field.tooLargeMb', { field: 'file', mb: MAX_FILE_BYTES / 1024 / 1024 }), c.lang),
    });
  try {
    const parsed = await parseFile(source);
    const { values: next, checks } = await filled(c, values, parsed);
    return renderForm(c, 200, next, errors, {
      text: parsed.text,
      unparsed: parsed.unparsed,
      checks,
      readFile: source.name,
    });
  } catch (error) {
    if (error instanceof UnprocessableError)
      return renderForm(c, 422, values, { ...errors, sourceFile: render(error.problem, c.lang) }, { text, scan: true });
    const p = firstProblem(error);
    if (p) return renderForm(c, 400, values, { ...errors, sourceFile: render(p, c.lang) }, { text });
    throw error;
  }
};

const submitDirectiveForm = async (c: FormContext): Promise<HttpResult> => {
  const values = readForm(c.form);
  const op = typeof c.form.op === 'string' ? c.form.op : 'issue';
  const fileErrors = await attach(c, values);
  if (op === 'parse') return fillFromText(c, values, fileErrors);
  if (op === 'upload') return fillFromFile(c, values, fileErrors);
  const changed = applyRowOp(values, op);
  if (changed) return renderForm(c, 200, changed, fileErrors);
  const directory = await directoryOf(c.official);
  const parsed = directiveInputSchema.safeParse(toDirectiveInput(values, directory));
  const problems = parsed.success ? {} : fieldErrors(fieldProblemsOf(parsed.error), c.lang);
  if (!parsed.success || Object.keys(fileErrors).length > 0)
    return renderForm(c, 400, values, { ...problems, ...fileErrors });
  try {
    const { directive } = await issueDirective(parsed.data, values.idempotencyKey, c.official);
    return redirect(pathTo(OFFICIAL_PAGES.dashboard, { id: directive.id }));
  } catch (error) {
    if (error instanceof ConflictError) return renderForm(c, 409, values, { number: render(error.problem, c.lang) });
    // Deadlines judged against the time of issuing (already past, too far ahead) and unknown file ids come back on their fields.
    if (error instanceof ValidationError) return renderForm(c, 400, values, fieldErrors(error.issues, c.lang));
    throw error;
  }
};

/**
 * A function of its own: it reads DOCX and PDF (pdfjs, mammoth), which would triple the other pages' bundle.
 * Multipart for its files: the letter to read, the signed original, annexes, each at most 4 MB, and every field of
 * a long directive.
 */
export const handler = officialPageHandler(
  { [DIRECTIVE_FORM.newForm]: newDirectiveForm, [DIRECTIVE_FORM.submitForm]: submitDirectiveForm },
  { multipart: { files: 2 + MAX_ANNEXES, fileSize: MAX_FILE_BYTES, fields: 50_000, parts: 50_000 + 2 + MAX_ANNEXES } },
);
