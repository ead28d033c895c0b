import type { Bucket } from '#core/assignment/model.ts';
import { countsOf } from '#core/tally.ts';
import { type Lang, messages } from '../i18n/index.ts';

/** The Government Office's four counts, and the cancelled and undeliverable when there are any. */
export const Counts = ({
  lang,
  tally,
  hrefOf,
}: {
  lang: Lang;
  tally: Record<string, number>;
  /** Where a count leads (the dashboard's filter of that bucket), if anywhere. */
  hrefOf?: ((bucket: Bucket) => string | undefined) | undefined;
}) => {
  const m = messages(lang).buckets;
  const c = countsOf(tally);
  const shown: (Bucket | 'acknowledged')[] = [
    'inProgressOnTime',
    'inProgressOverdue',
    'completedOnTime',
    'completedLate',
  ];
  for (const extra of ['cancelled', 'deliveryFailed'] as const) if (c[extra] > 0) shown.push(extra);
  return (
    <ul class="counts">
      {shown.map((b) => (
        <li key={b} class={b === 'inProgressOverdue' && c[b] > 0 ? 'overdue' : ''}>
          {hrefOf?.(b as Bucket) ? (
            <a href={hrefOf(b as Bucket)}>
              <strong>{c[b]}</strong> {m[b]}
            </a>
          ) : (
            <>
              <strong>{c[b]}</strong> {m[b]}
            </>
          )}
        </li>
      ))}
    </ul>
  );
};
