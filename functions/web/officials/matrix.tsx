import type { JSX } from 'preact';
import type { Assignment } from '#core/assignment/model.ts';
import { isOpen, slotOf } from '#core/assignment/model.ts';
import { formatDateTime } from '#core/calendar/time.ts';
import type { RollUp } from '#core/forward.ts';
import type { Submission } from '#core/submission.ts';
import { type Lang, messages, noticesMessages } from '../i18n/index.ts';
import { ChannelsCell } from './channels-cell.tsx';
import { ReportVersion } from './report-version.tsx';

/**
 * The matrix of a directive's agencies (delivered, acknowledged, each task's report, outcome, escalation): the
 * officials' dashboard and an agency's dashboard of its own units (`GET /r/{token}/forwarded`) both show it. What
 * differs is passed in: the officials' actions, where a report's file downloads, where a unit's own units are.
 */

export const past = (at: string | undefined, now: string) => at !== undefined && Date.parse(at) <= Date.parse(now);

/** A periodic report in one cell: how many periods are in, and how many are late or overdue. */
const PeriodsCell = ({
  a,
  code,
  now,
  lang,
  label,
}: {
  a: Assignment;
  code: string;
  now: string;
  lang: Lang;
  label: string;
}) => {
  const m = messages(lang).directive;
  const slots = Object.values(a.reports).filter((s) => s.taskCode === code);
  const submitted = slots.filter((s) => s.submittedAt);
  const late = submitted.filter((s) => s.late).length;
  const overdue = isOpen(a.status) ? slots.filter((s) => !s.submittedAt && past(s.deadline, now)).length : 0;
  return (
    <td
      class={overdue > 0 ? 'overdue' : late > 0 ? 'late' : submitted.length === slots.length ? 'ok' : 'small'}
      data-label={label}
    >
      {submitted.length}/{slots.length}
      {late > 0 ? ` (${late} ${m.late})` : ''}
      {overdue > 0 ? ` — ${m.overdue}: ${overdue}` : ''}
    </td>
  );
};

/** A report's text on a row: its start, so that one long report does not make the row a page high. */
const SHOWN_TEXT = 160;
const shortened = (text: string) => {
  if (text.length <= SHOWN_TEXT) return text;
  const cut = text.slice(0, SHOWN_TEXT);
  const space = cut.lastIndexOf(' ');
  return `${(space > SHOWN_TEXT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

const ReportCell = ({
  a,
  code,
  now,
  lang,
  submissions,
  fileHref,
  label,
}: {
  a: Assignment;
  code: string;
  now: string;
  lang: Lang;
  label: string;
  submissions: ReadonlyMap<string, Submission>;
  fileHref?: ((a: Assignment, code: string) => string) | undefined;
}) => {
  const m = messages(lang).directive;
  const slot = slotOf(a, code);
  const submitted = slot?.reportId ? submissions.get(slot.reportId) : undefined;
  if (!slot) {
    if (Object.values(a.reports).some((s) => s.taskCode === code))
      return <PeriodsCell a={a} code={code} now={now} lang={lang} label={label} />;
    return (
      <td class="small" data-label={label}>
        —
      </td>
    );
  }
  if (slot.submittedAt)
    return (
      <td class={slot.late ? 'late' : 'ok'} data-label={label}>
        ✓ {formatDateTime(slot.submittedAt)}
        {slot.late ? ` (${m.late})` : ''} <ReportVersion submission={submitted} lang={lang} />
        {submitted && (
          <div class="small" title={submitted.text.length > SHOWN_TEXT ? submitted.text : undefined}>
            {shortened(submitted.text)}
          </div>
        )}
        {submitted?.attachment && (
          <div class="small">
            {fileHref ? (
              <a href={fileHref(a, code)}>
                {m.attachment}: {submitted.attachment.name}
              </a>
            ) : (
              `${m.attachment}: ${submitted.attachment.name}`
            )}
          </div>
        )}
      </td>
    );
  if (isOpen(a.status) && past(slot.deadline, now))
    return (
      <td class="overdue" data-label={label}>
        {m.overdue} ({slot.deadline ? formatDateTime(slot.deadline) : ''})
      </td>
    );
  return (
    <td class="small" data-label={label}>
      {m.pending}
      {slot.deadline ? ` (${formatDateTime(slot.deadline)})` : ''}
    </td>
  );
};

/** An agency that forwarded its tasks: its units' counts, and the way down to them where the viewer may go. */
const ForwardedLine = ({ rollUp, href, lang }: { rollUp: RollUp; href?: string | undefined; lang: Lang }) => {
  const f = messages(lang).forward;
  return (
    <div class="small" data-forwarded={rollUp.directiveId}>
      {`${f.rowLabel}: ${f.rollUp(rollUp)}`}
      {href && (
        <>
          {' '}
          <a href={href}>{f.down}</a>
        </>
      )}
    </div>
  );
};

export const Matrix = ({
  lang,
  codes,
  assignments,
  now,
  submissions,
  forwarded = new Map(),
  fileHref,
  forwardedHref,
  actions,
  channels = false,
  rowNotice,
}: {
  lang: Lang;
  directiveId: string;
  codes: string[];
  assignments: Assignment[];
  now: string;
  submissions: ReadonlyMap<string, Submission>;
  forwarded?: ReadonlyMap<string, RollUp>;
  fileHref?: (a: Assignment, code: string) => string;
  /** Where a forwarding unit's own units are shown, if the viewer may follow them. */
  forwardedHref?: (a: Assignment) => string;
  actions?: (a: Assignment) => JSX.Element;
  /** The officials' dashboard shows which channels (email, SMS, Zalo) reached each agency. */
  channels?: boolean;
  /** What an official's action on one agency did, said on that agency's row (the page opens at it). */
  rowNotice?: { recipientId: string; text: string } | undefined;
}) => {
  const m = messages(lang);
  const d = m.directive;
  return (
    <div class="scroll">
      <table class="grid cards" aria-labelledby="matrix-title">
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
            {channels && <th scope="col">{noticesMessages(lang).column}</th>}
            {actions && <th scope="col">{d.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => {
            const rollUp = forwarded.get(a.recipientId);
            return (
              <tr key={a.recipientId} id={`row-${a.recipientId}`} data-recipient={a.recipientId}>
                <th scope="row">
                  {rowNotice?.recipientId === a.recipientId && (
                    <p class="message ok row-notice" role="status">
                      {rowNotice.text}
                    </p>
                  )}
                  {a.recipientName}
                  <div class="small">{m.status[a.status]}</div>
                  {a.handler?.name && <div class="small">{`${d.handler}: ${a.handler.name}`}</div>}
                  {rollUp && <ForwardedLine rollUp={rollUp} href={forwardedHref?.(a)} lang={lang} />}
                </th>
                <td class="small" data-label={d.delivered}>
                  {a.deliveredAt ? formatDateTime(a.deliveredAt) : m.status[a.status]}
                </td>
                {a.acknowledgedAt ? (
                  <td class="ok" data-label={d.acknowledged}>
                    ✓ {formatDateTime(a.acknowledgedAt)}
                  </td>
                ) : isOpen(a.status) && past(a.ackDeadline, now) ? (
                  <td class="overdue" data-label={d.acknowledged}>
                    {d.overdue} ({a.ackDeadline ? formatDateTime(a.ackDeadline) : ''})
                  </td>
                ) : (
                  <td class="small" data-label={d.acknowledged}>
                    {d.pending}
                  </td>
                )}
                {codes.map((c) => (
                  <ReportCell
                    key={c}
                    a={a}
                    code={c}
                    now={now}
                    lang={lang}
                    submissions={submissions}
                    fileHref={fileHref}
                    label={`${d.report} ${c}`}
                  />
                ))}
                <td data-label={d.outcome}>{a.outcome ? m.outcome[a.outcome] : ''}</td>
                <td data-label={d.escalation}>{a.escalationLevel > 0 ? d.level(a.escalationLevel) : ''}</td>
                {channels && <ChannelsCell a={a} lang={lang} />}
                {actions?.(a)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
