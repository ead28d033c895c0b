import { DIRECTIVE_FORM, OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment, HistoryEvent } from '#core/assignment/model.ts';
import { bucketOf, isOpen, pendingExtensions, slotOf } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDate, formatDateTime } from '#core/calendar/time.ts';
import type { StoredDirective } from '#core/directive.ts';
import type { Official } from '#core/official.ts';
import type { Submission } from '#core/submission.ts';
import { directiveState } from '#core/tally.ts';
import { DirectiveDocument } from '../directive-document.tsx';
import { DirectiveFiles, type ShownFiles } from '../directive-files.tsx';
import { type Lang, messages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';
import { Counts } from './counts.tsx';
import { ReassignForm } from './reassign-form.tsx';

const past = (at: string | undefined, now: string) => at !== undefined && Date.parse(at) <= Date.parse(now);

export const DirectivesListPage = ({
  lang,
  official,
  directives,
}: {
  lang: Lang;
  official: Official;
  directives: StoredDirective[];
}) => {
  const m = messages(lang);
  return (
    <OfficialLayout title={m.list.title} lang={lang} official={official} path={pathTo(OFFICIAL_PAGES.list)}>
      <h1>{m.list.title}</h1>
      <p>
        <a class="button" href={pathTo(DIRECTIVE_FORM.newForm)}>
          {m.nav.newDirective}
        </a>
      </p>
      {directives.length === 0 ? (
        <p>{m.list.empty}</p>
      ) : (
        <table class="grid">
          <caption class="hint">{m.list.title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.list.number}</th>
              <th scope="col">{m.list.issuedOn}</th>
              <th scope="col">{m.list.subject}</th>
              <th scope="col">{m.list.recipients}</th>
              <th scope="col">{m.list.state}</th>
            </tr>
          </thead>
          <tbody>
            {directives.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={pathTo(OFFICIAL_PAGES.dashboard, { id: d.id })}>{d.number}</a>
                </td>
                <td>{formatCalendarDate(d.issuedOn)}</td>
                <td>{d.subject}</td>
                <td>{d.recipientCount}</td>
                <td>
                  <strong>{m.states[directiveState(d)]}</strong>
                  <Counts lang={lang} tally={d.tally} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficialLayout>
  );
};

/** A periodic report in one cell: how many periods are in, and how many are late or overdue. */
const PeriodsCell = ({ a, code, now, lang }: { a: Assignment; code: string; now: string; lang: Lang }) => {
  const m = messages(lang).directive;
  const slots = Object.values(a.reports).filter((s) => s.taskCode === code);
  const submitted = slots.filter((s) => s.submittedAt);
  const late = submitted.filter((s) => s.late).length;
  const overdue = isOpen(a.status) ? slots.filter((s) => !s.submittedAt && past(s.deadline, now)).length : 0;
  return (
    <td class={overdue > 0 ? 'overdue' : late > 0 ? 'late' : submitted.length === slots.length ? 'ok' : 'small'}>
      {submitted.length}/{slots.length}
      {late > 0 ? ` (${late} ${m.late})` : ''}
      {overdue > 0 ? ` — ${m.overdue}: ${overdue}` : ''}
    </td>
  );
};

const ReportCell = ({
  a,
  code,
  now,
  lang,
  directiveId,
  submissions,
}: {
  a: Assignment;
  code: string;
  now: string;
  lang: Lang;
  directiveId: string;
  submissions: ReadonlyMap<string, Submission>;
}) => {
  const m = messages(lang).directive;
  const slot = slotOf(a, code);
  const submitted = slot?.reportId ? submissions.get(slot.reportId) : undefined;
  if (!slot) {
    if (Object.values(a.reports).some((s) => s.taskCode === code))
      return <PeriodsCell a={a} code={code} now={now} lang={lang} />;
    return <td class="small">—</td>;
  }
  if (slot.submittedAt)
    return (
      <td class={slot.late ? 'late' : 'ok'}>
        ✓ {formatDateTime(slot.submittedAt)}
        {slot.late ? ` (${m.late})` : ''}
        {submitted && <div class="small">{submitted.text}</div>}
        {submitted?.attachment && (
          <div class="small">
            <a href={pathTo(OFFICIAL_PAGES.file, { id: directiveId, recipientId: a.recipientId, taskCode: code })}>
              {m.attachment}: {submitted.attachment.name}
            </a>
          </div>
        )}
      </td>
    );
  if (isOpen(a.status) && past(slot.deadline, now))
    return (
      <td class="overdue">
        {m.overdue} ({slot.deadline ? formatDateTime(slot.deadline) : ''})
      </td>
    );
  return (
    <td class="small">
      {m.pending}
      {slot.deadline ? ` (${formatDateTime(slot.deadline)})` : ''}
    </td>
  );
};

const Actions = ({
  a,
  directiveId,
  lang,
  submissions,
}: {
  a: Assignment;
  directiveId: string;
  lang: Lang;
  submissions: ReadonlyMap<string, Submission>;
}) => {
  const m = messages(lang).directive;
  if (!isOpen(a.status)) return <td />;
  const pending = Object.entries(a.reports).filter(([, s]) => !s.submittedAt);
  const requests = pendingExtensions(a);
  const first = requests[0];
  const action = pathTo(OFFICIAL_PAGES.action, { id: directiveId });
  const id = (s: string) => `${s}-${a.recipientId}`;
  return (
    <td class="actions small">
      {requests.map((r) => (
        <p key={r.taskCode}>
          {m.requested(
            r.taskCode,
            formatDate(r.until),
            (r.reasonId ? submissions.get(r.reasonId)?.text : undefined) ?? r.reason,
          )}
        </p>
      ))}
      <PostForm action={action}>
        <input type="hidden" name="recipientId" value={a.recipientId} />
        <button type="submit" name="action" value="resend" class="secondary">
          {m.resend}
        </button>
      </PostForm>
      <ReassignForm lang={lang} directiveId={directiveId} assignment={a} />
      {pending.length > 0 && (
        <PostForm action={action}>
          <input type="hidden" name="recipientId" value={a.recipientId} />
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
          <input
            id={id('until')}
            type="date"
            name="until"
            required
            value={first ? new Date(first.until).toISOString().slice(0, 10) : ''}
          />
          <button type="submit" name="action" value="grant" class="secondary">
            {m.grant}
          </button>
        </PostForm>
      )}
      {requests.map((r) => (
        <PostForm action={action} key={r.taskCode}>
          <input type="hidden" name="recipientId" value={a.recipientId} />
          <input type="hidden" name="taskCode" value={r.taskCode} />
          <button type="submit" name="action" value="refuse" class="secondary">
            {requests.length > 1 ? `${m.refuse} (${r.taskCode})` : m.refuse}
          </button>
        </PostForm>
      ))}
      <PostForm action={action} data-confirm={m.cancelAssignmentConfirm}>
        <input type="hidden" name="recipientId" value={a.recipientId} />
        <button type="submit" name="action" value="cancel-assignment" class="secondary">
          {m.cancelAssignment}
        </button>
      </PostForm>
    </td>
  );
};

type TimelineEntry = HistoryEvent & { recipientName: string };
const TIMELINE_CAP = 300;

export const DirectivePage = ({
  lang,
  official,
  directive,
  assignments,
  page = {},
  now,
  notice,
  submissions = new Map(),
  files = { annexes: [] },
}: {
  lang: Lang;
  official: Official;
  directive: StoredDirective;
  assignments: Assignment[];
  /** What the agencies of this page wrote (one-off reports, reasons of pending requests), by id. */
  submissions?: ReadonlyMap<string, Submission>;
  files?: ShownFiles;
  /** Which page of a large directive's agencies this is; absent when one page holds them all. */
  page?: { cursor?: string; next?: string };
  now: string;
  notice?: string;
}) => {
  const m = messages(lang);
  const d = m.directive;
  const codes = directive.tasks.filter((t) => t.reportRequired).map((t) => t.code);
  const paged = page.cursor !== undefined || page.next !== undefined;
  // A page's rows are not the directive: its counts are then the tally every transition keeps.
  const tally: Record<string, number> = paged ? directive.tally : {};
  if (!paged)
    for (const a of assignments) {
      const b = bucketOf(a, now);
      tally[b] = (tally[b] ?? 0) + 1;
    }
  const events: TimelineEntry[] = assignments
    .flatMap((a) => a.history.map((e) => ({ ...e, recipientName: a.recipientName })))
    .filter((e, i, all) => e.type !== 'ISSUED' || all.findIndex((x) => x.type === 'ISSUED') === i)
    .sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
  const path = pathTo(OFFICIAL_PAGES.dashboard, { id: directive.id });
  return (
    <OfficialLayout title={`${directive.number}`} lang={lang} official={official} path={path}>
      <h1>
        {directive.number} — {m.states[directiveState({ ...directive, tally })]}
      </h1>
      <p>{directive.subject}</p>
      {notice && (
        <p class="message ok" role="status">
          {notice}
        </p>
      )}
      <div data-live={path}>
        <p class="hint" aria-live="polite">
          {d.autoRefresh} {formatDateTime(now)}
        </p>
        <Counts lang={lang} tally={tally} />
        <h2 id="matrix-title">{d.matrix}</h2>
        <div style="overflow-x:auto">
          <table class="grid" aria-labelledby="matrix-title">
            <thead>
              <tr>
                <th scope="col">{d.recipient}</th>
                <th scope="col">{d.delivered}</th>
                <th scope="col">{d.acknowledged}</th>
                {codes.map((c) => (
                  <th scope="col" key={c}>
                    {d.report} {c}
                  </th>
                ))}
                <th scope="col">{d.outcome}</th>
                <th scope="col">{d.escalation}</th>
                <th scope="col">{d.actions}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.recipientId} data-recipient={a.recipientId}>
                  <th scope="row">
                    {a.recipientName}
                    <div class="small">{m.status[a.status]}</div>
                    {a.handler?.name && <div class="small">{`${d.handler}: ${a.handler.name}`}</div>}
                  </th>
                  <td class="small">{a.deliveredAt ? formatDateTime(a.deliveredAt) : m.status[a.status]}</td>
                  {a.acknowledgedAt ? (
                    <td class="ok">✓ {formatDateTime(a.acknowledgedAt)}</td>
                  ) : isOpen(a.status) && past(a.ackDeadline, now) ? (
                    <td class="overdue">
                      {d.overdue} ({a.ackDeadline ? formatDateTime(a.ackDeadline) : ''})
                    </td>
                  ) : (
                    <td class="small">{d.pending}</td>
                  )}
                  {codes.map((c) => (
                    <ReportCell
                      key={c}
                      a={a}
                      code={c}
                      now={now}
                      lang={lang}
                      directiveId={directive.id}
                      submissions={submissions}
                    />
                  ))}
                  <td>{a.outcome ? m.outcome[a.outcome] : ''}</td>
                  <td>{a.escalationLevel > 0 ? d.level(a.escalationLevel) : ''}</td>
                  <Actions a={a} directiveId={directive.id} lang={lang} submissions={submissions} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {paged && (
          <nav class="actions" aria-label={d.pages}>
            {page.cursor && <a href={path}>{d.firstPage}</a>}{' '}
            {page.next && <a href={`${path}?cursor=${encodeURIComponent(page.next)}`}>{d.nextPage}</a>}
          </nav>
        )}
        <h2>{d.timeline}</h2>
        {events.length > TIMELINE_CAP && <p class="hint">{d.timelineCapped(TIMELINE_CAP)}</p>}
        <ol class="timeline">
          {events.slice(0, TIMELINE_CAP).map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> —{' '}
              {e.type === 'ISSUED' ? (
                d.issued(directive.issuer, assignments.length)
              ) : (
                <>
                  <strong>{e.recipientName}</strong>:{' '}
                </>
              )}
              {e.type !== 'ISSUED' && m.events[e.type]}
              {e.taskCode ? ` ${d.task.toLowerCase()} ${e.taskCode.replace('#', ', kỳ ')}` : ''}
              {e.level ? ` (${d.level(e.level)})` : ''}
              {e.deadline && (e.type === 'EXTENSION_GRANTED' || e.type === 'EXTENSION_REQUESTED')
                ? ` → ${formatDateTime(e.deadline)}`
                : ''}
              {e.from && e.to ? `: ${e.from} → ${e.to}` : e.type === 'HANDLER_NAMED' && e.detail ? `: ${e.detail}` : ''}
              {e.type !== 'ISSUED' && e.by && e.by !== 'workflow' && e.by !== e.recipientName ? ` (${e.by})` : ''}
            </li>
          ))}
        </ol>
      </div>
      {(tally.inProgressOverdue ?? 0) > 0 && (
        <p>
          <a href={`${path}/urging-letter`}>{m.statistics.urge}</a>
        </p>
      )}
      {!directive.cancelledAt && assignments.some((a) => isOpen(a.status)) && (
        <PostForm action={`${path}/actions`} data-confirm={d.cancelConfirm}>
          <button type="submit" name="action" value="cancel-directive" class="secondary">
            {d.cancelDirective}
          </button>
        </PostForm>
      )}
      <DirectiveFiles
        files={files}
        hrefOf={(fileId) => pathTo(OFFICIAL_PAGES.directiveFile, { id: directive.id, fileId })}
        lang={lang}
      />
      <h2>{d.document}</h2>
      <DirectiveDocument
        directive={directive}
        addressedTo={directive.addressees.length > 0 ? directive.addressees : assignments.map((a) => a.recipientName)}
      />
    </OfficialLayout>
  );
};
