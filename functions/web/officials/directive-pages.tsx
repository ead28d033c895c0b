import { DIRECTIVE_FORM, OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment, HistoryEvent } from '#core/assignment/model.ts';
import { bucketOf, isOpen, pendingExtensions } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDate, formatDateTime, localDateOf } from '#core/calendar/time.ts';
import type { StoredDirective } from '#core/directive.ts';
import type { RollUp } from '#core/forward.ts';
import type { Official } from '#core/official.ts';
import type { Submission } from '#core/submission.ts';
import { directiveState } from '#core/tally.ts';
import { DateInput } from '../date-input.tsx';
import { DirectiveDocument } from '../directive-document.tsx';
import { DirectiveFiles, type ShownFiles } from '../directive-files.tsx';
import { type Lang, messages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';
import { Counts } from './counts.tsx';
import { Matrix } from './matrix.tsx';
import { PrintLink } from './print-page.tsx';
import { ReassignForm } from './reassign-form.tsx';

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
          <DateInput id={id('until')} name="until" lang={lang} required value={first && localDateOf(first.until)} />
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
  forwarded = new Map(),
  files = { annexes: [] },
}: {
  lang: Lang;
  official: Official;
  directive: StoredDirective;
  assignments: Assignment[];
  /** What the agencies of this page wrote (one-off reports, reasons of pending requests), by id. */
  submissions?: ReadonlyMap<string, Submission>;
  /** The units' counts on each agency that forwarded its tasks. */
  forwarded?: ReadonlyMap<string, RollUp>;
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
      <PrintLink lang={lang} directiveId={directive.id} />
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
        <Matrix
          lang={lang}
          directiveId={directive.id}
          codes={codes}
          assignments={assignments}
          now={now}
          submissions={submissions}
          forwarded={forwarded}
          fileHref={(a, code) =>
            pathTo(OFFICIAL_PAGES.file, { id: directive.id, recipientId: a.recipientId, taskCode: code })
          }
          actions={(a) => <Actions a={a} directiveId={directive.id} lang={lang} submissions={submissions} />}
          channels
        />
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
