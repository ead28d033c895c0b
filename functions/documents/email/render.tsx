import { render } from 'preact-render-to-string';
import { AUTOMATED, type Block, type Email, type Inline } from './blocks.ts';
import type { EmailContent } from './content.ts';

/** Rendering: the text and the HTML part from the same blocks, and the English version as a part of its own. */

/** The English version's part: a plain-text attachment, so that no client shows it inside the Vietnamese letter. */
export const ENGLISH_FILENAME = 'english-version.txt';

/** The same page in English: the pages read `?lang=en` (and remember it). */
export const inEnglish = (page: string) => {
  // Links are absolute (PUBLIC_BASE_URL); a relative one is never worth failing an email over.
  if (!URL.canParse(page)) return `${page}${page.includes('?') ? '&' : '?'}lang=en`;
  const url = new URL(page);
  url.searchParams.set('lang', 'en');
  return url.toString();
};

/** A line in Vietnamese that names the English page; "English" is the language switch's own word, not a paragraph. */
const englishPageNote = (page: string): Block => ({
  kind: 'note',
  content: ['Trang cũng có bản tiếng Anh: ', { href: inEnglish(page), label: 'English version' }, '.'],
});

const englishPart = (email: Email) => ({
  filename: ENGLISH_FILENAME,
  contentType: 'text/plain; charset=utf-8',
  content: `${email.english}\n${email.page ? `\nThe page in English: ${inEnglish(email.page)}\n` : ''}`,
});

export function build(email: Email): EmailContent {
  // The English page's line goes above the closing "sent automatically" note, which stays last.
  const closing = email.blocks.at(-1) === AUTOMATED ? -1 : email.blocks.length;
  const blocks = email.page
    ? [...email.blocks.slice(0, closing), englishPageNote(email.page), ...email.blocks.slice(closing)]
    : email.blocks;
  const vietnamese = { ...email, blocks };
  return {
    subject: email.subject,
    text: toText(vietnamese),
    html: `<!DOCTYPE html>${render(<Layout email={vietnamese} />)}`,
    attachments: [...(email.attachments ?? []), englishPart(email)],
  };
}

const inlineText = (content: Inline[]) =>
  content
    .map((c) => {
      if (typeof c === 'string') return c;
      if ('strong' in c) return c.strong;
      return c.href === c.label || c.href === `mailto:${c.label}` ? c.label : `${c.label} (${c.href})`;
    })
    .join('');

const blockText = (b: Block): string => {
  switch (b.kind) {
    case 'masthead':
      return b.lines.join('\n');
    case 'heading':
      return b.text;
    case 'p':
    case 'note':
      return inlineText(b.content);
    case 'list':
      return b.items.map((item) => `- ${inlineText(item).replace(/\n/g, '\n  ')}`).join('\n');
    case 'facts':
      return b.rows.map((r) => `${r.label}: ${inlineText(r.value)}`).join('\n');
    case 'action':
      // The link on a line of its own, so that every client makes it clickable.
      return [`${b.label}:`, b.href, '', ...b.hints].join('\n');
    case 'signature':
      return b.lines.join('\n');
  }
};

const toText = (email: Email) => `${email.blocks.map(blockText).join('\n\n')}\n`;

const FONT = 'Arial, Helvetica, sans-serif';
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#0b57d0';
const P = { margin: '0 0 16px', whiteSpace: 'pre-line' } as const;
const SMALL = { ...P, fontSize: '14px', color: MUTED } as const;

const Inlines = ({ content }: { content: Inline[] }) => (
  <>
    {content.map((c) => {
      if (typeof c === 'string') return c;
      if ('strong' in c) return <strong>{c.strong}</strong>;
      return (
        <a href={c.href} style={{ color: ACCENT }}>
          {c.label}
        </a>
      );
    })}
  </>
);

const Action = ({ label, href, hints }: Extract<Block, { kind: 'action' }>) => (
  <>
    <p style={{ margin: '24px 0' }}>
      <a
        href={href}
        style={{
          display: 'inline-block',
          backgroundColor: ACCENT,
          color: '#ffffff',
          padding: '14px 22px',
          borderRadius: '6px',
          fontSize: '17px',
          fontWeight: 'bold',
          textDecoration: 'none',
        }}
      >
        {label}
      </a>
    </p>
    {hints.map((h) => (
      <p style={SMALL}>{h}</p>
    ))}
    <p style={{ ...SMALL, wordBreak: 'break-all' }}>Nếu nút trên không bấm được, hãy mở địa chỉ: {href}</p>
  </>
);

const Facts = ({ rows }: Extract<Block, { kind: 'facts' }>) => (
  <table role="presentation" style={{ borderCollapse: 'collapse', width: '100%', margin: '0 0 16px' }}>
    <tbody>
      {rows.map((r) => (
        <tr>
          <th
            scope="row"
            style={{
              textAlign: 'left',
              verticalAlign: 'top',
              padding: '6px 12px 6px 0',
              width: '35%',
              color: MUTED,
              fontWeight: 'normal',
              borderTop: '1px solid #e0e0e0',
            }}
          >
            {r.label}
          </th>
          <td
            style={{ verticalAlign: 'top', padding: '6px 0', whiteSpace: 'pre-line', borderTop: '1px solid #e0e0e0' }}
          >
            <Inlines content={r.value} />
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

const BlockView = ({ block }: { block: Block }) => {
  switch (block.kind) {
    case 'masthead':
      // The parent body in plain capitals, the issuing body in bold ones, as on the letter.
      return (
        <p style={{ margin: '0 0 20px', fontSize: '13px', letterSpacing: '0.03em', color: MUTED }}>
          {block.lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              {i === block.lines.length - 1 ? <strong>{line}</strong> : line}
            </>
          ))}
        </p>
      );
    case 'heading':
      return <h1 style={{ margin: '0 0 16px', fontSize: '22px', color: '#b3261e' }}>{block.text}</h1>;
    case 'p':
      return (
        <p style={P}>
          <Inlines content={block.content} />
        </p>
      );
    case 'note':
      return (
        <p style={SMALL}>
          <Inlines content={block.content} />
        </p>
      );
    case 'list':
      return (
        <ul style={{ margin: '0 0 16px', paddingLeft: '20px' }}>
          {block.items.map((item) => (
            <li style={{ margin: '0 0 8px', whiteSpace: 'pre-line' }}>
              <Inlines content={item} />
            </li>
          ))}
        </ul>
      );
    case 'facts':
      return <Facts {...block} />;
    case 'action':
      return <Action {...block} />;
    case 'signature':
      return (
        <p style={{ ...P, margin: '24px 0' }}>
          {block.lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              <strong>{line}</strong>
            </>
          ))}
        </p>
      );
  }
};

const Layout = ({ email }: { email: Email }) => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{email.subject}</title>
    </head>
    <body style={{ margin: 0, padding: 0, backgroundColor: '#f3f4f6' }}>
      <div
        style={{
          maxWidth: '600px',
          margin: '0 auto',
          padding: '24px 20px',
          backgroundColor: '#ffffff',
          fontFamily: FONT,
          fontSize: '16px',
          lineHeight: 1.5,
          color: TEXT,
        }}
      >
        {email.blocks.map((block) => (
          <BlockView block={block} />
        ))}
      </div>
    </body>
  </html>
);
