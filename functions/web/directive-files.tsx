import { ddmmyyyy, hhmm, INVALID, parseIso } from '#core/calendar/hanoi-time.ts';
import type { DirectiveFile, FileSignature } from '#core/directive-file.ts';
import { type Lang, messages } from './i18n/index.ts';

/** A directive's files as a page lists them, the original first. */
export type ShownFiles = { original?: DirectiveFile; annexes: DirectiveFile[] };

/** dd/mm/yyyy HH:mm in Hà Nội, as officials write a signing time. */
const hanoi = (iso: string) => {
  const at = parseIso(iso, 'hanoi');
  return at === undefined ? INVALID : `${ddmmyyyy(at)} ${hhmm(at)}`;
};

const kb = (size: number, lang: Lang) =>
  (size / 1024).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });

/** Who signed the original and whether the signed bytes are intact: integrity only, as the words say. */
export const SignatureNote = ({ signature, lang }: { signature: FileSignature; lang: Lang }) => {
  const m = messages(lang).files;
  return (
    <dl
      class={`signature ${signature.intact ? 'ok' : 'overdue'}`}
      data-signature={signature.intact ? 'intact' : 'broken'}
    >
      <dt>{m.signer}</dt>
      <dd>{signature.signer.commonName ?? '—'}</dd>
      <dt>{m.organization}</dt>
      <dd>{signature.signer.organization ?? '—'}</dd>
      <dt>{m.signedAt}</dt>
      <dd>{signature.signedAt ? <time dateTime={signature.signedAt}>{hanoi(signature.signedAt)}</time> : '—'}</dd>
      <dt>{m.check}</dt>
      <dd>{signature.intact ? m.intact : m.broken}</dd>
    </dl>
  );
};

/** The files with a download link each (`hrefOf` knows the page's own route: the agency's link or the dashboard). */
export const DirectiveFiles = ({
  files,
  hrefOf,
  lang,
}: {
  files: ShownFiles;
  hrefOf: (fileId: string) => string;
  lang: Lang;
}) => {
  const m = messages(lang).files;
  const all = [
    ...(files.original ? [{ file: files.original, role: m.original }] : []),
    ...files.annexes.map((file, i) => ({ file, role: `${m.annex} ${i + 1}` })),
  ];
  if (all.length === 0) return null;
  return (
    <section class="files" aria-labelledby="files-title">
      <h2 id="files-title">{m.title}</h2>
      <ul>
        {all.map(({ file, role }) => (
          <li key={file.fileId} data-file={file.fileId}>
            <strong>{role}:</strong>{' '}
            <a href={hrefOf(file.fileId)} download={file.name}>
              {file.name}
            </a>{' '}
            <span class="small">
              ({m.kb(kb(file.size, lang))}, {m.download})
            </span>
            {file.signature && (
              <>
                <h3>{m.signature}</h3>
                <SignatureNote signature={file.signature} lang={lang} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};

/** A text's paragraphs (lines), each its own `<p>`: a body pasted with line breaks keeps them. */
export const Paragraphs = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\n+/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p, i) => (
        <p key={`${i}-${p.slice(0, 20)}`}>{p}</p>
      ))}
  </>
);

/** Every paragraph of the letter's content, in order: the full text when the directive carries it. */
export const FullText = ({ text }: { text: string }) => (
  <div class="cv-body">
    <Paragraphs text={text} />
  </div>
);
