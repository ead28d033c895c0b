import { renderToString } from 'preact-render-to-string';
import { formatDateTime } from '#core/calendar/time.ts';
import { Page } from '../mail/outbox-page.tsx';
import type { LocalMessage } from './store.ts';

const cell = 'text-align:left;vertical-align:top;padding:0.25rem 0.5rem';

/** Every SMS and Zalo message the stand-ins got, newest first, beside the outbox. */
export const messagesList = (messages: readonly LocalMessage[]) =>
  `<!doctype html>${renderToString(
    <Page title="Tin nhắn SMS và Zalo (cục bộ)">
      <p>
        <a href="/_local/outbox/view">← Hộp thư đi</a>
      </p>
      <h1>Tin nhắn SMS và Zalo (cục bộ) — {messages.length} tin</h1>
      <p class="hint">
        Tin chidao đã gửi tới SMS và Zalo cục bộ, mới nhất ở trên; “Không gửi được” là tin bị từ chối (một lỗi giả lập
        hoặc số sai). Local SMS and Zalo stand-ins: what the app sent, newest first.
      </p>
      <table style="width:100%;border-collapse:collapse">
        <thead>
          <tr>
            <th scope="col" style={cell}>
              Gửi lúc
            </th>
            <th scope="col" style={cell}>
              Kênh
            </th>
            <th scope="col" style={cell}>
              Người nhận
            </th>
            <th scope="col" style={cell}>
              Nội dung
            </th>
            <th scope="col" style={cell}>
              Trạng thái
            </th>
          </tr>
        </thead>
        <tbody>
          {[...messages].reverse().map((m) => (
            <tr key={m.id} style="border-top:1px solid #ccc">
              <td style={cell}>{formatDateTime(m.sentAt)}</td>
              <td style={cell}>{m.channel === 'sms' ? 'SMS' : `Zalo (mẫu ${m.template ?? '?'})`}</td>
              <td style={cell}>{m.to}</td>
              <td style={cell}>
                <pre style="white-space:pre-wrap;margin:0">{m.text}</pre>
              </td>
              <td style={cell}>{m.status === 'SENT' ? 'Đã gửi' : `Không gửi được: ${m.error ?? ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>,
  )}`;
