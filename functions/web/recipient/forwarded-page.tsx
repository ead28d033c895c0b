import { pathTo, RECIPIENT } from '#contracts/routes.ts';
import { type Assignment, bucketOf } from '#core/assignment/model.ts';
import { formatCalendarDate, formatDateTime } from '#core/calendar/time.ts';
import type { StoredDirective } from '#core/directive.ts';
import type { RollUp } from '#core/forward.ts';
import { subjectLine } from '#core/subject.ts';
import type { Submission } from '#core/submission.ts';
import { directiveState } from '#core/tally.ts';
import { type Lang, messages } from '../i18n/index.ts';
import { Counts } from '../officials/counts.tsx';
import { Matrix } from '../officials/matrix.tsx';
import { Layout } from '../render.tsx';

/** `?down=a/b`: the units followed from the link's own child down to the directive shown. */
export const downQuery = (down: readonly string[]) =>
  down.length ? `down=${down.map(encodeURIComponent).join('/')}` : '';

/**
 * An agency's dashboard of its own units (`GET /r/{token}/forwarded`), without an account: the officials' matrix
 * and counts, without their actions; a unit that forwarded again links further down, and the trail leads back up.
 */
export const ForwardedPage = ({
  token,
  directive,
  assignments,
  submissions,
  forwarded,
  trail,
  down,
  now,
  lang = 'vi',
}: {
  token: string;
  directive: StoredDirective;
  assignments: Assignment[];
  submissions: ReadonlyMap<string, Submission>;
  forwarded: ReadonlyMap<string, RollUp>;
  trail: readonly { name: string; down: readonly string[] }[];
  down: readonly string[];
  now: string;
  lang?: Lang;
}) => {
  const all = messages(lang);
  const f = all.forward;
  const tally: Record<string, number> = {};
  for (const a of assignments) {
    const b = bucketOf(a, now);
    tally[b] = (tally[b] ?? 0) + 1;
  }
  const codes = directive.tasks.filter((t) => t.reportRequired).map((t) => t.code);
  const here = trail.at(-1)?.name ?? '';
  const deadlines = [...new Set(directive.tasks.map((t) => t.deadline).filter((d): d is string => !!d))];
  return (
    <Layout title={f.dashboardTitle(here)} lang={lang}>
      <p class="hint">
        {f.dashboardIntro}{' '}
        <a
          href={pathTo(
            RECIPIENT.forwarded,
            { token },
            [downQuery(down), `lang=${all.switchLang}`].filter(Boolean).join('&'),
          )}
          lang={all.switchLang}
          hreflang={all.switchLang}
        >
          {all.switchTo}
        </a>
      </p>
      <nav aria-label={f.chain}>
        <a href={pathTo(RECIPIENT.view, { token })}>{f.backToPage}</a>
        {trail.length > 1 &&
          trail.map((t, i) => (
            <span key={t.down.join('/')}>
              {' › '}
              {i === trail.length - 1 ? (
                <strong>{t.name}</strong>
              ) : (
                <a href={pathTo(RECIPIENT.forwarded, { token }, downQuery(t.down) || undefined)}>{t.name}</a>
              )}
            </span>
          ))}
      </nav>
      <h1>{f.dashboardTitle(here)}</h1>
      <p>
        {directive.forwardedFrom ? f.forwardedFrom(directive.forwardedFrom.number, directive.forwardedFrom.issuer) : ''}
        {' — '}
        {subjectLine(directive.subject)} ({formatCalendarDate(directive.issuedOn)})
      </p>
      {deadlines.length > 0 && (
        <p class="hint">{`${all.recipient.due}: ${deadlines.map((d) => formatDateTime(d)).join(', ')}`}</p>
      )}
      <p>
        <strong>{all.states[directiveState({ ...directive, tally })]}</strong>
      </p>
      <Counts lang={lang} tally={tally} />
      <h2 id="matrix-title">{all.directive.matrix}</h2>
      <Matrix
        lang={lang}
        directiveId={directive.id}
        codes={codes}
        assignments={assignments}
        now={now}
        submissions={submissions}
        forwarded={forwarded}
        forwardedHref={(a) => pathTo(RECIPIENT.forwarded, { token }, downQuery([...down, a.recipientId]))}
      />
    </Layout>
  );
};
