import type { Assignment, ReportSlot } from '../domain/assignment.ts';
import { type Directive, tasksOf } from '../domain/directive.ts';
import { formatDateTime } from '../time.ts';
import { DirectiveDocument } from './directive-document.tsx';
import { Layout, Message } from './render.tsx';

export type Notice = { tone: 'ok' | 'info' | 'warn' | 'error'; title: string; text: string };

const Deadline = ({ at, now }: { at?: string; now: string }) =>
  at ? (
    <span class={Date.parse(at) <= Date.parse(now) ? 'badge err' : 'badge warn'}>
      {Date.parse(at) <= Date.parse(now) ? 'Quá hạn' : 'Hạn'}: {formatDateTime(at)}
    </span>
  ) : (
    <span class="badge">Không có hạn</span>
  );

const ReportStatus = ({ slot, now }: { slot: ReportSlot; now: string }) =>
  slot.submittedAt ? (
    <span class={slot.late ? 'badge warn' : 'badge ok'}>
      Đã báo cáo lúc {formatDateTime(slot.submittedAt)}
      {slot.late ? ' (sau hạn)' : ''}
    </span>
  ) : (
    <Deadline at={slot.deadline} now={now} />
  );

/** 1.234.567 bytes → "1,2 MB", the Vietnamese way (comma decimals). */
const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

const StatusLine = ({ a, now, token }: { a: Assignment; now: string; token: string }) => {
  if (a.status === 'CANCELLED') return <Message title="Công văn đã được thu hồi" tone="warn" />;
  if (a.status === 'COMPLETED')
    return (
      <Message title="Đơn vị đã hoàn thành" tone="ok">
        <p>Cảm ơn đơn vị. Mọi báo cáo đã được ghi nhận.</p>
      </Message>
    );
  if (a.acknowledgedAt)
    return (
      <Message title="Đã xác nhận nhận công văn" tone="ok">
        <p>Xác nhận lúc {formatDateTime(a.acknowledgedAt)}.</p>
      </Message>
    );
  return (
    <section class="panel" aria-labelledby="ack-title">
      <h2 id="ack-title">Xác nhận đã nhận công văn</h2>
      <p>
        Theo Nghị định 30/2020/NĐ-CP, đơn vị xác nhận đã nhận văn bản trong ngày.{' '}
        {a.ackDeadline && <Deadline at={a.ackDeadline} now={now} />}
      </p>
      <form method="post" action={`/r/${token}/acknowledge`}>
        <button type="submit">Xác nhận đã nhận</button>
      </form>
    </section>
  );
};

/**
 * The page behind a recipient's link. Opening it changes nothing (mail scanners open links first); every
 * button posts under the link itself, so the link is the only thing a recipient ever needs.
 */
export const RecipientPage = ({
  directive,
  assignment: a,
  token,
  now,
  notice,
}: {
  directive: Directive;
  assignment: Assignment;
  token: string;
  now: string;
  notice?: Notice;
}) => {
  const open = a.status !== 'CANCELLED' && a.status !== 'COMPLETED' && a.status !== 'DELIVERY_FAILED';
  const tasks = tasksOf(directive.tasks, a.recipientId);
  const pendingSlots = Object.values(a.reports).filter((s) => !s.submittedAt);
  return (
    <Layout title={`Công văn ${directive.number} — ${a.recipientName}`}>
      <p class="hint">
        Trang riêng của <strong>{a.recipientName}</strong>. Không chuyển tiếp liên kết này.
      </p>
      {notice && (
        <Message title={notice.title} tone={notice.tone}>
          <p>{notice.text}</p>
        </Message>
      )}
      <StatusLine a={a} now={now} token={token} />
      <section class="panel" aria-labelledby="tasks-title">
        <h2 id="tasks-title">Nhiệm vụ của đơn vị</h2>
        <ul class="tasks">
          {tasks.map((t) => {
            const slot = a.reports[t.code];
            return (
              <li key={t.code}>
                <p>
                  <strong>{t.code}.</strong> {t.text}
                </p>
                {slot ? <ReportStatus slot={slot} now={now} /> : <span class="badge">Không yêu cầu báo cáo</span>}
                {slot?.submittedAt && slot.attachment && (
                  <p class="hint">
                    Tệp đính kèm: <strong>{slot.attachment.name}</strong> ({formatSize(slot.attachment.size)})
                  </p>
                )}
                {slot && !slot.submittedAt && open && (
                  <form method="post" action={`/r/${token}/report`} enctype="multipart/form-data" class="panel">
                    <input type="hidden" name="taskCode" value={t.code} />
                    <label for={`summary-${t.code}`}>Báo cáo nhiệm vụ {t.code}</label>
                    <textarea id={`summary-${t.code}`} name="summary" required maxLength={10000} />
                    <label for={`file-${t.code}`}>Tệp đính kèm</label>
                    <input id={`file-${t.code}`} type="file" name="file" aria-describedby={`file-hint-${t.code}`} />
                    <p id={`file-hint-${t.code}`} class="hint">
                      Tệp đính kèm (không bắt buộc, tối đa 4 MB)
                    </p>
                    <p>
                      <button type="submit">Gửi báo cáo</button>
                    </p>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {open && pendingSlots.length > 0 && (
        <section class="panel" aria-labelledby="ext-title">
          <h2 id="ext-title">Đề nghị gia hạn</h2>
          {a.extensionRequest && (
            <p class="hint">
              Đã đề nghị gia hạn nhiệm vụ {a.extensionRequest.taskCode} đến {formatDateTime(a.extensionRequest.until)},
              đang chờ xem xét.
            </p>
          )}
          <form method="post" action={`/r/${token}/extension`}>
            <label for="ext-task">Nhiệm vụ</label>
            <select id="ext-task" name="taskCode">
              {pendingSlots.map((s) => (
                <option key={s.taskCode} value={s.taskCode}>
                  {s.taskCode}
                </option>
              ))}
            </select>
            <label for="ext-until">Đề nghị gia hạn đến ngày</label>
            <input id="ext-until" type="date" name="until" required />
            <label for="ext-reason">Lý do</label>
            <textarea id="ext-reason" name="reason" required maxLength={2000} />
            <p>
              <button type="submit" class="secondary">
                Gửi đề nghị gia hạn
              </button>
            </p>
          </form>
        </section>
      )}
      <h2>Toàn văn công văn</h2>
      <DirectiveDocument
        directive={directive}
        addressedTo={directive.addressees.length > 0 ? directive.addressees : [a.recipientName]}
      />
    </Layout>
  );
};
