import { renderToString } from 'preact-render-to-string';
import { formatDateTime } from '#core/calendar/time.ts';
import { STYLES } from '#web/styles.ts';
import type { OutboxMail } from './outbox.ts';

/** Lets a person read what the app sent and click the links in it, as a recipient would. */
export const Page = ({ title, children }: { title: string; children: preact.ComponentChildren }) => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style dangerouslySetInnerHTML={{ __html: STYLES }} />
    </head>
    <body>
      <main id="main">{children}</main>
    </body>
  </html>
);

export const outboxList = (mails: OutboxMail[]) =>
  `<!doctype html>${renderToString(
    <Page title="Hộp thư đi (cục bộ)">
      <h1>Hộp thư đi (cục bộ) — {mails.length} thư</h1>
      <p class="hint">
        Thư chidao đã gửi qua SES cục bộ, mới nhất ở trên. Local outbox: what the app sent, newest first.
      </p>
      <p>
        <a href="/_local/messages/view">Tin nhắn SMS và Zalo (cục bộ) →</a>
      </p>
      <table style="width:100%;border-collapse:collapse">
        <thead>
          <tr>
            <th scope="col" style="text-align:left">
              Gửi lúc
            </th>
            <th scope="col" style="text-align:left">
              Người nhận
            </th>
            <th scope="col" style="text-align:left">
              Tiêu đề
            </th>
          </tr>
        </thead>
        <tbody>
          {[...mails].reverse().map((m) => (
            <tr key={m.id} style="border-top:1px solid #ccc">
              <td>{formatDateTime(m.sentAt)}</td>
              <td>{m.to.join(', ')}</td>
              <td>
                <a href={`/_local/outbox/view/${m.id}`}>{m.subject}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>,
  )}`;

/** The message's own HTML in a sandboxed frame; links open in the whole window, as in a mail client. */
export const outboxMessage = (m: OutboxMail) =>
  `<!doctype html>${renderToString(
    <Page title={m.subject}>
      <p>
        <a href="/_local/outbox/view">← Hộp thư đi</a>
      </p>
      <h1>{m.subject}</h1>
      <p>
        <strong>Từ:</strong> {m.from}
        <br />
        <strong>Đến:</strong> {m.to.join(', ')}
        {m.cc.length > 0 && (
          <>
            <br />
            <strong>Cc:</strong> {m.cc.join(', ')}
          </>
        )}
        <br />
        <strong>Gửi lúc:</strong> {formatDateTime(m.sentAt)}
      </p>
      {m.attachments.length > 0 && (
        <p>
          <strong>Đính kèm:</strong>{' '}
          {m.attachments.map((a, i) => (
            <a key={a.filename} href={`/_local/outbox/view/${m.id}/attachments/${i}`} download={a.filename}>
              {a.filename}
            </a>
          ))}
        </p>
      )}
      <iframe
        title="Nội dung thư"
        sandbox="allow-popups allow-top-navigation-by-user-activation"
        srcdoc={m.html.replace(/<head>/i, '<head><base target="_top">')}
        style="width:100%;min-height:70vh;border:1px solid #ccc;background:#fff"
      />
      <details>
        <summary>Bản văn bản thuần</summary>
        <pre style="white-space:pre-wrap">{m.text}</pre>
      </details>
    </Page>,
  )}`;
