import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Bucket } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDate, formatDateTime } from '#core/calendar/time.ts';
import type { StoredDirective } from '#core/directive.ts';
import type { SheetCounts, SheetLine } from '#core/status-sheet.ts';
import { subjectLine } from '#core/subject.ts';
import { Letterhead } from '../directive-document.tsx';
import { type Lang, messages, type PrintMessages, printMessages } from '../i18n/index.ts';
import { Layout } from '../render.tsx';

/**
 * "Bản in tình hình thực hiện": what an official takes to a meeting, on A4 portrait. The letterhead, the
 * directive, the time it is true at, the counts and one numbered line per agency, overdue first. No navigation
 * even on screen: only a print button (shown once the script runs, since printing needs it) and a way back,
 * neither printed. The lines are plain cells, so that 5,000 agencies stay a page the browser lays out quickly.
 */

const hhmm = (iso: string) => formatDateTime(iso).slice(0, 5);

const statusOf = (bucket: Bucket, p: PrintMessages, lang: Lang) =>
  bucket === 'cancelled'
    ? p.cancelled
    : bucket === 'deliveryFailed'
      ? p.deliveryFailed
      : messages(lang).buckets[bucket];

const reportCell = (line: SheetLine, p: PrintMessages) => {
  if (line.owed === 0) return '—';
  if (!line.lastReportAt) return p.notYet;
  const date = formatDate(line.lastReportAt);
  return line.owed > 1 ? `${date} (${p.reportedOf(line.reported, line.owed)})` : date;
};

const noteOf = (line: SheetLine, p: PrintMessages) =>
  [
    ...(line.overdueDays ? [p.overdueDays(line.overdueDays)] : []),
    ...line.extensionsAsked.map((until) => p.extensionAsked(formatDate(until))),
  ].join('; ');

export const PrintPage = ({
  lang,
  directive,
  lines,
  counts,
  now,
}: {
  lang: Lang;
  directive: StoredDirective;
  lines: SheetLine[];
  counts: SheetCounts;
  now: string;
}) => {
  const p = printMessages(lang);
  const b = messages(lang).buckets;
  const shown: [string, number][] = [
    [b.inProgressOnTime, counts.inProgressOnTime],
    [b.inProgressOverdue, counts.inProgressOverdue],
    [b.completedOnTime, counts.completedOnTime],
    [b.completedLate, counts.completedLate],
    [p.notAcknowledged, counts.notAcknowledged],
    [p.cancelled, counts.cancelled],
    [p.deliveryFailed, counts.deliveryFailed],
  ];
  const c = p.columns;
  return (
    <Layout
      title={`${p.pageTitle} — ${directive.number}`}
      lang={lang}
      script={pathTo(OFFICIAL_PAGES.asset, { name: 'officials.js' })}
    >
      <p class="sheet-tools no-print">
        <button type="button" data-print hidden>
          {p.print}
        </button>
        <a href={pathTo(OFFICIAL_PAGES.dashboard, { id: directive.id })}>{p.back}</a>
      </p>
      <article class="sheet" aria-labelledby="sheet-title">
        <Letterhead directive={directive} />
        <h1 id="sheet-title">{p.heading}</h1>
        <p class="sheet-directive">
          <strong>{p.directive(directive.number, formatCalendarDate(directive.issuedOn))}</strong>
        </p>
        <p class="sheet-directive">{subjectLine(directive.subject)}</p>
        <p class="sheet-asof">{p.asOf(hhmm(now), formatDate(now))}</p>
        <h2>{p.counts}</h2>
        <p>{p.total(lines.length)}</p>
        <ul class="sheet-counts">
          {shown.map(([label, n]) => (
            <li key={label}>
              <strong>{n.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN')}</strong>
              {label}
            </li>
          ))}
        </ul>
        <h2 id="sheet-agencies">{p.agencies}</h2>
        {lines.length === 0 ? (
          <p>{p.empty}</p>
        ) : (
          <table class="sheet-table" aria-labelledby="sheet-agencies">
            <thead>
              <tr>
                <th scope="col">{c.index}</th>
                <th scope="col">{c.agency}</th>
                <th scope="col">{c.acknowledged}</th>
                <th scope="col">{c.reported}</th>
                <th scope="col">{c.status}</th>
                <th scope="col">{c.note}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, i) => (
                <tr key={line.recipientId} class={line.bucket === 'inProgressOverdue' ? 'overdue' : undefined}>
                  <td class="n">{i + 1}</td>
                  <td>{line.name}</td>
                  <td>{line.acknowledgedAt ? formatDate(line.acknowledgedAt) : p.notYet}</td>
                  <td>{reportCell(line, p)}</td>
                  <td>{statusOf(line.bucket, p, lang)}</td>
                  <td>{noteOf(line, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </Layout>
  );
};

/** The dashboard's way to the status sheet; not printed itself. */
export const PrintLink = ({ lang, directiveId }: { lang: Lang; directiveId: string }) => (
  <p class="no-print">
    <a href={pathTo(OFFICIAL_PAGES.print, { id: directiveId })}>{printMessages(lang).link}</a>
  </p>
);
