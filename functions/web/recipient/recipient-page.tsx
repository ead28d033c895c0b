import type { JSX } from 'preact';
import { pathTo, RECIPIENT } from '#contracts/routes.ts';
import { type Assignment, pendingExtensions, type ReportSlot } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDateTime } from '#core/calendar/time.ts';
import { type Directive, tasksOf } from '#core/directive.ts';
import type { RollUp } from '#core/forward.ts';
import type { Submission } from '#core/submission.ts';
import { DateInput } from '../date-input.tsx';
import { DirectiveDocument } from '../directive-document.tsx';
import { DirectiveFiles, type ShownFiles } from '../directive-files.tsx';
import { type Lang, type Messages, messages } from '../i18n/index.ts';
import { PrintHeader } from '../print-header.tsx';
import { Layout, Message } from '../render.tsx';
import { ForwardPanel, type ForwardValues, summaryFrom, type UnitReport } from './forward-form.tsx';
import { HandlerForm } from './handler-form.tsx';
import { SentReport } from './sent-reports.tsx';

export type Notice = { tone: 'ok' | 'info' | 'warn' | 'error'; title: string; text: string };

type M = Messages['recipient'];

const Deadline = ({ at, now, m }: { at?: string | undefined; now: string; m: M }) =>
  at ? (
    <span class={Date.parse(at) <= Date.parse(now) ? 'badge err' : 'badge warn'}>
      {Date.parse(at) <= Date.parse(now) ? m.overdue : m.due}: {formatDateTime(at)}
    </span>
  ) : (
    <span class="badge">{m.noDeadline}</span>
  );

const ReportStatus = ({ slot, now, m }: { slot: ReportSlot; now: string; m: M }) =>
  slot.submittedAt ? (
    <span class={slot.late ? 'badge warn' : 'badge ok'}>
      {m.reportedAt(formatDateTime(slot.submittedAt))}
      {slot.late ? m.late : ''}
    </span>
  ) : (
    <Deadline at={slot.deadline} now={now} m={m} />
  );

const StatusLine = ({ a, now, token, m }: { a: Assignment; now: string; token: string; m: M }) => {
  if (a.status === 'CANCELLED') return <Message title={m.cancelled} tone="warn" />;
  if (a.status === 'COMPLETED')
    return (
      <Message title={m.completed} tone="ok">
        <p>{m.completedText}</p>
      </Message>
    );
  if (a.acknowledgedAt)
    return (
      <Message title={m.acknowledged} tone="ok">
        <p>{m.acknowledgedAt(formatDateTime(a.acknowledgedAt))}</p>
      </Message>
    );
  return (
    <section class="panel" aria-labelledby="ack-title">
      <h2 id="ack-title">{m.ackTitle}</h2>
      <p>
        {m.ackText} {a.ackDeadline && <Deadline at={a.ackDeadline} now={now} m={m} />}
      </p>
      <form method="post" action={pathTo(RECIPIENT.acknowledge, { token })}>
        <button type="submit">{m.ackButton}</button>
      </form>
    </section>
  );
};

/** The report slots of one task: one for a one-off report, one per period for a periodic one. */
const slotsOf = (a: Assignment, code: string) =>
  Object.entries(a.reports)
    .filter(([, s]) => s.taskCode === code)
    .sort(([, x], [, y]) => Date.parse(x.deadline ?? '') - Date.parse(y.deadline ?? ''));

/** How many of a periodic report's reported periods are listed; earlier ones are counted. */
const SHOWN_REPORTED = 3;

/**
 * What the page lists of a task's slots: of a periodic report, the last periods reported, those due, and the
 * next one; the earlier reported ones and the later ones are counted, so a year of daily reports is one line.
 */
export const shownSlots = (a: Assignment, code: string, now: string) => {
  const slots = slotsOf(a, code);
  const firstFuture = slots.findIndex(([, s]) => !s.submittedAt && Date.parse(s.deadline ?? '') > Date.parse(now));
  const upTo = firstFuture < 0 ? slots.length : firstFuture + 1;
  const head = slots.slice(0, upTo);
  const reported = head.filter(([, s]) => s.submittedAt).map(([k]) => k);
  const keep = new Set(reported.slice(-SHOWN_REPORTED));
  const shown = head.filter(([k, s]) => !s.submittedAt || keep.has(k));
  return { all: slots.length, shown, earlier: head.length - shown.length, later: slots.length - upTo };
};

/** The submissions the page shows (the versions in force of the reports it lists), to be read by id. */
export const submissionsShownOn = (directive: Directive, a: Assignment, now: string) =>
  tasksOf(directive.tasks, a).flatMap((t) =>
    shownSlots(a, t.code, now).shown.flatMap(([, s]) => (s.reportId ? [s.reportId] : [])),
  );

/** What a report form may start from when the agency forwarded the task: its units' reports. */
type Summarize = { href: string; reports?: readonly UnitReport[] | undefined; f: Messages['forward'] };

const ReportForm = ({
  token,
  slotKey,
  label,
  summarize,
  m,
}: {
  token: string;
  slotKey: string;
  label: string;
  summarize?: Summarize | undefined;
  m: M;
}) => {
  const id = slotKey.replace(/[^A-Za-z0-9_.-]/g, '-');
  const prefill = summarize?.reports ? summaryFrom(summarize.reports, summarize.f).slice(0, 10_000) : undefined;
  return (
    <form method="post" action={pathTo(RECIPIENT.report, { token })} enctype="multipart/form-data" class="panel">
      <input type="hidden" name="taskCode" value={slotKey} />
      <label for={`summary-${id}`}>{label}</label>
      {summarize && !prefill && (
        <p>
          <a href={`${summarize.href}#summary-${id}`} data-summarize={slotKey}>
            {summarize.f.summarize}
          </a>
        </p>
      )}
      {prefill !== undefined && <p class="hint">{summarize?.f.summarizeHint}</p>}
      <textarea id={`summary-${id}`} name="summary" required maxLength={10000} rows={prefill ? 8 : undefined}>
        {prefill ?? ''}
      </textarea>
      <label for={`file-${id}`}>{m.attachment}</label>
      <input id={`file-${id}`} type="file" name="file" aria-describedby={`file-hint-${id}`} />
      <p id={`file-hint-${id}`} class="hint">
        {m.attachmentHint}
      </p>
      <p>
        <button type="submit">{m.send}</button>
      </p>
    </form>
  );
};

const Slot = ({
  slotKey,
  slot,
  sent,
  token,
  now,
  open,
  summarize,
  m,
}: {
  slotKey: string;
  slot: ReportSlot;
  /** What the agency sent for this slot, every version (sent-reports.tsx). */
  sent: JSX.Element | null;
  token: string;
  now: string;
  open: boolean;
  summarize?: Summarize | undefined;
  m: M;
}) => (
  <>
    {slot.period && <strong>{m.period(formatCalendarDate(slot.period))} </strong>}
    <ReportStatus slot={slot} now={now} m={m} />
    {sent}
    {!slot.submittedAt && open && (
      <ReportForm
        token={token}
        slotKey={slotKey}
        label={`${m.reportFor(slot.taskCode)}${slot.period ? ` — ${m.period(formatCalendarDate(slot.period))}` : ''}`}
        summarize={summarize}
        m={m}
      />
    )}
  </>
);

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
  submissions,
  files = { annexes: [] },
  lang = 'vi',
  rollUp,
  unitReports,
  forwardValues,
}: {
  directive: Directive;
  assignment: Assignment;
  token: string;
  now: string;
  notice?: Notice | undefined;
  /** What the agency wrote, by id: its reports, every version of those the page lists. */
  submissions: ReadonlyMap<string, Submission>;
  /** The directive's original and annexes, each downloadable under the link. */
  files?: ShownFiles;
  lang?: Lang;
  /** The agency forwarded its tasks: its units' counts. */
  rollUp?: RollUp | undefined;
  /** Asked for (`?summarize=1`): its units' reports by task, for its own report to start from. */
  unitReports?: ReadonlyMap<string, readonly UnitReport[]> | undefined;
  /** A refused forward, as the agency typed it. */
  forwardValues?: ForwardValues | undefined;
}) => {
  const all = messages(lang);
  const m = all.recipient;
  const f = all.forward;
  const open = a.status !== 'CANCELLED' && a.status !== 'COMPLETED' && a.status !== 'DELIVERY_FAILED';
  const tasks = tasksOf(directive.tasks, a);
  const pending = Object.entries(a.reports).filter(([, s]) => !s.submittedAt);
  return (
    <Layout title={`${directive.number} — ${a.recipientName}`} lang={lang}>
      <p class="hint">
        {m.personal(a.recipientName)}{' '}
        <a
          href={pathTo(RECIPIENT.view, { token }, `lang=${all.switchLang}`)}
          lang={all.switchLang}
          hreflang={all.switchLang}
        >
          {all.switchTo}
        </a>
      </p>
      <PrintHeader lang={lang} directive={directive} />
      <h1 class="page-title">
        {directive.number}: {a.recipientName}
      </h1>
      {notice && (
        <Message title={notice.title} tone={notice.tone}>
          <p>{notice.text}</p>
        </Message>
      )}
      {/* After an action its notice says it; the standing status would only repeat it. */}
      {(!notice || (open && !a.acknowledgedAt)) && <StatusLine a={a} now={now} token={token} m={m} />}
      <section class="panel" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{m.tasks}</h2>
        <ul class="tasks">
          {tasks.map((t) => {
            const { all, shown, earlier, later } = shownSlots(a, t.code, now);
            return (
              <li key={t.code}>
                <p>
                  <strong>{t.code}.</strong> {t.text}
                </p>
                {all === 0 && <span class="badge">{m.noReport}</span>}
                {earlier > 0 && <p class="hint">{m.earlierReported(earlier)}</p>}
                {shown.map(([key, slot]) => (
                  <div key={key}>
                    <Slot
                      slotKey={key}
                      slot={slot}
                      sent={
                        <SentReport
                          assignment={a}
                          slotKey={key}
                          slot={slot}
                          submissions={submissions}
                          token={token}
                          now={now}
                          lang={lang}
                        />
                      }
                      token={token}
                      now={now}
                      open={open}
                      summarize={
                        a.forwardedTo
                          ? {
                              href: pathTo(RECIPIENT.view, { token }, 'summarize=1'),
                              reports: unitReports?.get(t.code),
                              f,
                            }
                          : undefined
                      }
                      m={m}
                    />
                  </div>
                ))}
                {later > 0 && <p class="hint">{`${m.notYet}: ${later}`}</p>}
              </li>
            );
          })}
        </ul>
      </section>
      {open && pending.length > 0 && (
        <section class="panel" aria-labelledby="ext-title">
          <h2 id="ext-title">{m.extension}</h2>
          {pendingExtensions(a).map((r) => (
            <p class="hint" key={r.taskCode}>
              {m.extensionPending(r.taskCode, formatDateTime(r.until))}
            </p>
          ))}
          <form method="post" action={pathTo(RECIPIENT.extension, { token })}>
            <label for="ext-task">{m.task}</label>
            <select id="ext-task" name="taskCode">
              {pending.map(([key, s]) => (
                <option key={key} value={key}>
                  {s.taskCode}
                  {s.period ? ` — ${m.period(formatCalendarDate(s.period))}` : ''}
                </option>
              ))}
            </select>
            <label for="ext-until">{m.until}</label>
            <DateInput id="ext-until" name="until" lang={lang} required />
            <label for="ext-reason">{m.reason}</label>
            <textarea id="ext-reason" name="reason" required maxLength={2000} />
            <p>
              <button type="submit" class="secondary">
                {m.sendExtension}
              </button>
            </p>
          </form>
        </section>
      )}
      <ForwardPanel
        token={token}
        directive={directive}
        assignment={a}
        rollUp={rollUp}
        values={forwardValues}
        f={f}
        lang={lang}
      />
      {open && <HandlerForm token={token} handler={a.handler} m={m} />}
      <DirectiveFiles files={files} hrefOf={(fileId) => pathTo(RECIPIENT.file, { token, fileId })} lang={lang} />
      <h2>{m.fullText}</h2>
      {files.original && <p class="hint">{all.files.authoritative(files.original.name)}</p>}
      <DirectiveDocument
        directive={directive}
        addressedTo={directive.addressees.length > 0 ? directive.addressees : [a.recipientName]}
      />
    </Layout>
  );
};
