import { DIRECTIVE_FORM, OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment, HistoryEvent } from '#core/assignment/model.ts';
import { bucketOf, isOpen } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDateTime } from '#core/calendar/time.ts';
import type { StoredDirective } from '#core/directive.ts';
import type { ListQuery } from '#core/directive-list.ts';
import type { RollUp } from '#core/forward.ts';
import type { Official } from '#core/official.ts';
import { type DashboardQuery, type DashboardShow, dashboardParams, dashboardQueryOf } from '#core/roster.ts';
import { subjectLine } from '#core/subject.ts';
import type { Submission } from '#core/submission.ts';
import { directiveState } from '#core/tally.ts';
import { DirectiveDocument } from '../directive-document.tsx';
import { DirectiveFiles, type ShownFiles } from '../directive-files.tsx';
import { type Lang, messages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';
import { Counts } from './counts.tsx';
import { DashboardFilters, Pager, PendingBanner } from './dashboard-controls.tsx';
import { ListFilters, ListPager } from './directive-list-controls.tsx';
import { Matrix } from './matrix.tsx';
import { PrintLink } from './print-page.tsx';
import { RowActions } from './row-actions.tsx';

export const DirectivesListPage = ({
  lang,
  official,
  directives,
  view,
}: {
  lang: Lang;
  official: Official;
  /** The page of directives shown. */
  directives: StoredDirective[];
  /** What the official asked for, how many it selects, and the issuing bodies to choose from. */
  view?: { query: ListQuery; total: number; issuers: readonly string[] };
}) => {
  const m = messages(lang);
  const path = pathTo(OFFICIAL_PAGES.list);
  return (
    <OfficialLayout title={m.list.title} lang={lang} official={official} path={pathTo(OFFICIAL_PAGES.list)}>
      <h1>{m.list.title}</h1>
      <p>
        <a class="button" href={pathTo(DIRECTIVE_FORM.newForm)}>
          {m.nav.newDirective}
        </a>
      </p>
      {view && <ListFilters lang={lang} path={path} query={view.query} issuers={view.issuers} />}
      {view && <ListPager lang={lang} path={path} query={view.query} shown={directives.length} total={view.total} />}
      {directives.length === 0 ? (
        !view && <p>{m.list.empty}</p>
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
                <td>{subjectLine(d.subject)}</td>
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

type TimelineEntry = HistoryEvent & { recipientName: string };
const TIMELINE_CAP = 300;

/** Which agencies the page shows among those of the directive, and what the view found. */
export type DashboardView = {
  query: DashboardQuery;
  total: number;
  more: boolean;
  next?: string | undefined;
  /** Agencies with an extension request waiting. */
  pending: number;
  /** The groups of the office's directory, for the group filter. */
  groups: readonly string[];
};

const DEFAULT_VIEW: DashboardView = {
  query: dashboardQueryOf({}),
  total: 0,
  more: false,
  pending: 0,
  groups: [],
};

/** The filter each count of the Government Office's four (and the two ends) opens. */
const SHOW_OF_BUCKET: Partial<Record<string, DashboardShow>> = {
  inProgressOnTime: 'onTime',
  inProgressOverdue: 'overdue',
  completedOnTime: 'completed',
  completedLate: 'completed',
  cancelled: 'cancelled',
  deliveryFailed: 'deliveryFailed',
};

export const DirectivePage = ({
  lang,
  official,
  directive,
  assignments,
  view = DEFAULT_VIEW,
  now,
  notice,
  rowNotice,
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
  view?: DashboardView;
  now: string;
  /** What an action on the whole directive did. */
  notice?: string | undefined;
  /** What an action on one agency did, said on its row. */
  rowNotice?: { recipientId: string; text: string } | undefined;
}) => {
  const m = messages(lang);
  const d = m.directive;
  const codes = directive.tasks.filter((t) => t.reportRequired).map((t) => t.code);
  const { query } = view;
  const unfiltered = dashboardParams({ ...query, page: 1, after: undefined }).size === 0;
  const whole = unfiltered && query.page === 1 && !view.more;
  // A page's rows are not the directive: its counts are then the tally every transition keeps.
  const tally: Record<string, number> = whole ? {} : directive.tally;
  if (whole)
    for (const a of assignments) {
      const b = bucketOf(a, now);
      tally[b] = (tally[b] ?? 0) + 1;
    }
  const events: TimelineEntry[] = assignments
    .flatMap((a) => a.history.map((e) => ({ ...e, recipientName: a.recipientName })))
    .filter((e, i, all) => e.type !== 'ISSUED' || all.findIndex((x) => x.type === 'ISSUED') === i)
    .sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
  const path = pathTo(OFFICIAL_PAGES.dashboard, { id: directive.id });
  const params = dashboardParams(query).toString();
  const here = params ? `${path}?${params}` : path;
  const showHref = (bucket: string) => {
    const show = SHOW_OF_BUCKET[bucket];
    return show ? `${path}?${dashboardParams(dashboardQueryOf({}), { show })}` : undefined;
  };
  return (
    <OfficialLayout title={`${directive.number}`} lang={lang} official={official} path={path}>
      <h1>
        {directive.number} — {m.states[directiveState({ ...directive, tally })]}
      </h1>
      <p>{subjectLine(directive.subject)}</p>
      <PrintLink lang={lang} directiveId={directive.id} />
      {notice && (
        <p class="message ok" role="status">
          {notice}
        </p>
      )}
      <div data-live={here}>
        <p class="hint">
          {d.autoRefresh} {formatDateTime(now)}
        </p>
        <Counts lang={lang} tally={tally} hrefOf={showHref} />
        <PendingBanner lang={lang} path={path} pending={view.pending} />
        <h2 id="matrix-title">{d.matrix}</h2>
        <DashboardFilters lang={lang} path={path} query={query} groups={view.groups} />
        <Pager
          lang={lang}
          path={path}
          query={query}
          shown={assignments.length}
          total={view.total}
          more={view.more}
          next={view.next}
        />
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
          actions={(a) => (
            <RowActions a={a} directiveId={directive.id} lang={lang} submissions={submissions} back={params} />
          )}
          channels
          rowNotice={rowNotice}
        />
        <h2>{d.timeline}</h2>
        {events.length > TIMELINE_CAP && <p class="hint">{d.timelineCapped(TIMELINE_CAP)}</p>}
        <ol class="timeline">
          {events.slice(0, TIMELINE_CAP).map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> —{' '}
              {e.type === 'ISSUED' ? (
                d.issued(directive.issuer, directive.recipientCount)
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
        <p class="no-print">
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
