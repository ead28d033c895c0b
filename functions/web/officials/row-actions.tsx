import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { isOpen, pendingExtensions } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDate, localDateOf } from '#core/calendar/time.ts';
import type { Submission } from '#core/submission.ts';
import { DateInput } from '../date-input.tsx';
import { dashboardMessages, type Lang, messages } from '../i18n/index.ts';
import { PostForm } from '../post-form.tsx';
import { ReassignForm } from './reassign-form.tsx';

/**
 * One agency's actions on the dashboard, folded behind one menu so that a row stays a line or two high. What
 * waits for the official (an extension request) shows outside the menu. Every form carries `back`, the view the
 * official is on (search, filter, page), so that the answer brings them back to this row of it.
 */
export const RowActions = ({
  a,
  directiveId,
  lang,
  submissions,
  back,
}: {
  a: Assignment;
  directiveId: string;
  lang: Lang;
  submissions: ReadonlyMap<string, Submission>;
  back: string;
}) => {
  const m = messages(lang).directive;
  const dm = dashboardMessages(lang);
  if (!isOpen(a.status)) return <td />;
  const pending = Object.entries(a.reports).filter(([, s]) => !s.submittedAt);
  const requests = pendingExtensions(a);
  const first = requests[0];
  const action = pathTo(OFFICIAL_PAGES.action, { id: directiveId });
  const id = (s: string) => `${s}-${a.recipientId}`;
  const hidden = (
    <>
      <input type="hidden" name="recipientId" value={a.recipientId} />
      <input type="hidden" name="back" value={back} />
    </>
  );
  return (
    <td class="actions small" data-label={m.actions}>
      {requests.map((r) => (
        <p key={r.taskCode} class="request">
          {m.requested(
            r.taskCode,
            formatDate(r.until),
            (r.reasonId ? submissions.get(r.reasonId)?.text : undefined) ?? r.reason,
          )}
        </p>
      ))}
      <details class="row-menu">
        <summary aria-label={dm.rowMenuFor(a.recipientName)}>{dm.rowMenu}</summary>
        <div class="menu-body">
          {pending.length > 0 && (
            <PostForm action={action}>
              {hidden}
              <label for={id('task')}>{m.task}</label>
              <select id={id('task')} name="taskCode">
                {pending.map(([key, s]) => (
                  <option key={key} value={key} selected={first?.taskCode === key}>
                    {s.taskCode}
                    {s.period ? ` (${formatCalendarDate(s.period)})` : ''}
                  </option>
                ))}
              </select>
              <label for={id('until')}>{m.until}</label>
              <DateInput id={id('until')} name="until" lang={lang} required value={first && localDateOf(first.until)} />
              <button type="submit" name="action" value="grant" class="secondary">
                {m.grant}
              </button>
            </PostForm>
          )}
          {requests.map((r) => (
            <PostForm action={action} key={r.taskCode}>
              {hidden}
              <input type="hidden" name="taskCode" value={r.taskCode} />
              <button type="submit" name="action" value="refuse" class="secondary">
                {requests.length > 1 ? `${m.refuse} (${r.taskCode})` : m.refuse}
              </button>
            </PostForm>
          ))}
          <PostForm action={action} data-confirm={dm.resendConfirm(a.recipientName)}>
            {hidden}
            <button type="submit" name="action" value="resend" class="secondary">
              {m.resend}
            </button>
          </PostForm>
          <ReassignForm lang={lang} directiveId={directiveId} assignment={a} back={back} />
          <PostForm action={action} data-confirm={m.cancelAssignmentConfirm}>
            {hidden}
            <button type="submit" name="action" value="cancel-assignment" class="secondary">
              {m.cancelAssignment}
            </button>
          </PostForm>
        </div>
      </details>
    </td>
  );
};
