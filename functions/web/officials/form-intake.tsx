import { MESSAGES as PARSER } from '#parsing/messages.ts';
import { type Lang, messages } from '../i18n/index.ts';
import type { AttachedFile } from './directive-form-input.ts';
import type { FormCheck } from './draft-to-form.ts';
import { FieldError } from './form-fields.tsx';

/**
 * The directive form's first steps (upload a DOCX or PDF, or paste the text: either fills the form, with a check
 * list), and its files (the signed original and the annexes, stored as soon as they are sent).
 */

/** What reading an uploaded file or a pasted text left for the official to check. */
export type PasteState = {
  text: string;
  unparsed?: string[];
  checks?: FormCheck[];
  /** The uploaded file that filled the form. */
  readFile?: string;
  /** The upload was a scan: the paste step is offered instead. */
  scan?: boolean;
};

type Form = ReturnType<typeof messages>['form'];

/** The parser's fixed remarks by their Vietnamese text, to say them in the page's language. */
const REMARK_KEYS = new Map<string, string>(
  Object.entries(PARSER).flatMap(([key, text]) => (typeof text === 'string' ? [[text, key] as const] : [])),
);
const remark = (message: string, m: Form) => m.parserRemarks[REMARK_KEYS.get(message) ?? ''] ?? message;

/** A check as one line in the page's language. */
export const checkLine = (c: FormCheck, m: Form) => {
  switch (c.kind) {
    case 'recipient':
      switch (c.match.how) {
        case 'none':
          return m.checkNotInDirectory(c.name);
        case 'group':
          return m.checkGroup(c.name, c.match.group ?? '', c.match.ids.length);
        case 'tier':
          return m.checkTier(c.name, c.match.ids.length);
        case 'enumeration':
          return m.checkEnumeration(c.name, c.agencies, c.match.unmatched ?? []);
        default:
          return m.checkAbbreviation(c.name, c.agencies.join(', '));
      }
    case 'taskNoAssignees':
      return m.checkTaskNoAssignees(c.code);
    case 'taskNotRecipient':
      return m.checkTaskNotRecipient(c.code, c.names);
    case 'leaderEmail':
      return m.checkLeaderEmail(c.name);
    case 'task':
      return m.checkTask(c.code, remark(c.message, m));
    case 'leader':
      return m.checkLeader(c.name, remark(c.message, m));
    default:
      return remark(c.message, m);
  }
};

export const IntakeSteps = ({
  lang,
  paste,
  errors,
}: {
  lang: Lang;
  paste: PasteState;
  errors: Record<string, string>;
}) => {
  const m = messages(lang).form;
  // Each line once: two tasks of one section may raise the same remark, and a name may be written twice.
  const lines = [...new Set((paste.checks ?? []).map((c) => checkLine(c, m)))];
  return (
    <>
      <section class="panel" aria-labelledby="upload-title">
        <h2 id="upload-title">{m.uploadTitle}</h2>
        <p class="hint" id="sourceFile-hint">
          {m.uploadHint}
        </p>
        <FieldError id="sourceFile" error={errors.sourceFile} />
        {paste.readFile && (
          <p class="message" role="status">
            {m.uploadRead(paste.readFile)}
          </p>
        )}
        <label for="sourceFile">{m.uploadLabel}</label>
        <input
          type="file"
          id="sourceFile"
          name="sourceFile"
          accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby={errors.sourceFile ? 'sourceFile-hint sourceFile-error' : 'sourceFile-hint'}
        />
        <p>
          <button type="submit" class="secondary" name="op" value="upload" formnovalidate>
            {m.uploadButton}
          </button>
        </p>
      </section>
      <details class="panel" open={paste.text !== '' || paste.scan || undefined}>
        <summary>
          <strong>{m.pasteTitle}</strong>
        </summary>
        <p class="hint" id="pasteText-hint">
          {m.pasteHint}
        </p>
        <FieldError id="pasteText" error={errors.pasteText} />
        <label for="pasteText">{m.pasteLabel}</label>
        <textarea id="pasteText" name="pasteText" rows={8} aria-describedby="pasteText-hint">
          {paste.text}
        </textarea>
        <p>
          <button type="submit" class="secondary" name="op" value="parse" formnovalidate>
            {m.pasteButton}
          </button>
        </p>
      </details>
      {(lines.length > 0 || (paste.unparsed?.length ?? 0) > 0) && (
        <section class="message warn" aria-labelledby="paste-check" id="paste-check-list">
          <h2 id="paste-check">{m.pasteCheck}</h2>
          <ul>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {(paste.unparsed?.length ?? 0) > 0 && (
            <details>
              <summary>{m.pasteUnparsed}</summary>
              {(paste.unparsed ?? []).map((u, i) => (
                <p key={`u-${i}`} class="small">
                  {u}
                </p>
              ))}
            </details>
          )}
        </section>
      )}
    </>
  );
};

const kb = (size: number) => Math.max(1, Math.round(size / 1024));

/** One stored file: its hidden fields (so a re-rendered form keeps it) and a button that drops it. */
const Attached = ({ file, field, op, lang }: { file: AttachedFile; field: string; op: string; lang: Lang }) => {
  const m = messages(lang).form;
  return (
    <li data-file={file.fileId}>
      <input type="hidden" name={`${field}[fileId]`} value={file.fileId} />
      <input type="hidden" name={`${field}[name]`} value={file.name} />
      <input type="hidden" name={`${field}[size]`} value={String(file.size)} />
      {m.attached(file.name, kb(file.size))}{' '}
      <button type="submit" class="secondary small" name="op" value={op} formnovalidate>
        {m.removeFile(file.name)}
      </button>
    </li>
  );
};

export const AttachedFiles = ({
  lang,
  original,
  annexes,
  errors,
}: {
  lang: Lang;
  original?: AttachedFile | undefined;
  annexes: AttachedFile[];
  errors: Record<string, string>;
}) => {
  const m = messages(lang).form;
  return (
    <fieldset id="files" aria-describedby="files-hint" tabIndex={-1}>
      <legend>{m.files}</legend>
      <p class="hint" id="files-hint">
        {m.filesHint}
      </p>
      <div class="field">
        <label for="originalUpload">{m.originalFile}</label>
        <FieldError id="originalFile" error={errors.originalFile} />
        {original && (
          <ul class="files">
            <Attached file={original} field="originalFile" op="remove-original" lang={lang} />
          </ul>
        )}
        <input
          type="file"
          id="originalUpload"
          name="originalUpload"
          accept=".pdf,application/pdf,.docx,image/png,image/jpeg"
          {...(errors.originalFile ? { 'aria-invalid': 'true', 'aria-describedby': 'originalFile-error' } : {})}
        />
      </div>
      <div class="field">
        <label for="annexUploads">{m.annexes}</label>
        <FieldError id="annexes" error={errors.annexes} />
        {annexes.length > 0 && (
          <ul class="files">
            {annexes.map((f, i) => (
              <Attached key={f.fileId} file={f} field={`annexes[${i}]`} op={`remove-annex-${i}`} lang={lang} />
            ))}
          </ul>
        )}
        <input
          type="file"
          id="annexUploads"
          name="annexUploads[]"
          multiple
          accept=".pdf,application/pdf,.docx,image/png,image/jpeg"
          {...(errors.annexes ? { 'aria-invalid': 'true', 'aria-describedby': 'annexes-error' } : {})}
        />
      </div>
    </fieldset>
  );
};
