import { OFFICIAL_PAGES, pathTo, REPORTS_PAGES } from '#contracts/routes.ts';
import { formatCalendarDate } from '#core/calendar/time.ts';
import type { Official } from '#core/official.ts';
import type { CountsWithRate, Period, StatisticsTables } from '#core/statistics.ts';
import { DateInput } from '../date-input.tsx';
import { type Lang, messages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';

const BUCKET_KEYS = ['inProgressOnTime', 'inProgressOverdue', 'completedOnTime', 'completedLate'] as const;

const rate = (r: number | null) =>
  r === null ? '—' : `${(r * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;

const CountCells = ({ row }: { row: CountsWithRate }) => (
  <>
    {BUCKET_KEYS.map((k) => (
      <td key={k} class={k === 'inProgressOverdue' && row[k] > 0 ? 'overdue' : ''}>
        {row[k]}
      </td>
    ))}
    <td>{row.total}</td>
    <td>{rate(row.onTimeRate)}</td>
  </>
);

export const StatisticsPage = ({
  lang,
  official,
  period,
  tables,
}: {
  lang: Lang;
  official: Official;
  period: Period;
  tables: StatisticsTables;
}) => {
  const all = messages(lang);
  const m = all.statistics;
  const query = `from=${period.from}&to=${period.to}`;
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {BUCKET_KEYS.map((k) => (
          <th scope="col" key={k}>
            {all.buckets[k]}
          </th>
        ))}
        <th scope="col">{m.total}</th>
        <th scope="col">{m.rate}</th>
      </tr>
    </thead>
  );
  return (
    <OfficialLayout title={m.title} lang={lang} official={official} path={pathTo(REPORTS_PAGES.statistics, {}, query)}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <form method="get" action={pathTo(REPORTS_PAGES.statistics)} class="panel row">
        <div>
          <label for="from">{m.from}</label>
          <DateInput id="from" name="from" lang={lang} value={period.from} required />
        </div>
        <div>
          <label for="to">{m.to}</label>
          <DateInput id="to" name="to" lang={lang} value={period.to} required />
        </div>
        <p>
          <button type="submit">{m.show}</button>
        </p>
      </form>
      <p>
        <a class="button" href={pathTo(REPORTS_PAGES.statistics, {}, `${query}&format=xlsx`)}>
          {m.xlsx}
        </a>{' '}
        <a href={pathTo(REPORTS_PAGES.statistics, {}, `${query}&format=csv`)}>{m.csv}</a>
      </p>
      {tables.byDirective.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <>
          <h2 id="by-agency">{m.byAgency}</h2>
          <table class="grid" aria-labelledby="by-agency">
            {head(m.agency)}
            <tbody>
              {tables.byAgency.map((row) => (
                <tr key={row.recipientId}>
                  <th scope="row">{row.recipientName}</th>
                  <CountCells row={row} />
                </tr>
              ))}
            </tbody>
          </table>
          <h2 id="by-directive">{m.byDirective}</h2>
          <table class="grid" aria-labelledby="by-directive">
            {head(m.directive)}
            <tbody>
              {tables.byDirective.map((row) => (
                <tr key={row.directiveId}>
                  <th scope="row">
                    <a href={pathTo(OFFICIAL_PAGES.dashboard, { id: row.directiveId })}>{row.number}</a>
                    <div class="small">{formatCalendarDate(row.issuedOn)}</div>
                  </th>
                  <CountCells row={row} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </OfficialLayout>
  );
};
