import { pathTo, RECIPIENT } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { type Directive, tasksOf } from '#core/directive.ts';
import { canForward, ownDeadline, type RollUp } from '#core/forward.ts';
import { DateInput } from '../date-input.tsx';
import type { Lang, Messages } from '../i18n/index.ts';

/** What the agency typed into a refused forward, shown again. */
export type ForwardValues = { taskCodes: string[]; deadline: string; recipients: string };

/** A unit's report as the agency's summary starts from it (app/forwarded.ts). */
export type UnitReport = { name: string; summary: string | null };

/** "Tổng hợp từ báo cáo của đơn vị": each unit's name and what it reported, one paragraph each, to edit. */
export const summaryFrom = (reports: readonly UnitReport[], f: Messages['forward']) =>
  reports.map((r) => `- ${r.name}: ${r.summary ?? f.notReported}`).join('\n');

/**
 * Forwarding to sub-units on the recipient's page: the form while the agency may still forward, then its units'
 * counts and the way to follow them.
 */
export const ForwardPanel = ({
  token,
  directive,
  assignment: a,
  rollUp,
  values,
  f,
  lang = 'vi',
}: {
  token: string;
  directive: Directive;
  assignment: Assignment;
  rollUp: RollUp | undefined;
  values?: ForwardValues | undefined;
  f: Messages['forward'];
  lang?: Lang;
}) => {
  if (a.forwardedTo)
    return (
      <section class="panel" aria-labelledby="forward-title" data-forwarded={a.forwardedTo}>
        <h2 id="forward-title">{f.forwardedTitle}</h2>
        {rollUp && <p>{f.rollUp(rollUp)}</p>}
        <p>
          <a class="button" href={pathTo(RECIPIENT.forwarded, { token })}>
            {f.follow}
          </a>
        </p>
      </section>
    );
  if (!canForward(a)) return null;
  const tasks = tasksOf(directive.tasks, a).filter((t) => ownDeadline(a, t.code) !== undefined);
  if (tasks.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="forward-title">
      <h2 id="forward-title">{f.title}</h2>
      <p class="hint">{f.intro}</p>
      <form method="post" action={pathTo(RECIPIENT.forward, { token })}>
        <fieldset>
          <legend>{f.tasks}</legend>
          {tasks.map((t) => (
            <label key={t.code} class="check">
              <input
                type="checkbox"
                name="taskCodes"
                value={t.code}
                checked={values ? values.taskCodes.includes(t.code) : tasks.length === 1}
              />{' '}
              {t.code}. {t.text.length > 120 ? `${t.text.slice(0, 119)}…` : t.text}
            </label>
          ))}
        </fieldset>
        <label for="forward-deadline">{f.deadline}</label>
        <DateInput id="forward-deadline" name="deadline" lang={lang} required value={values?.deadline} />
        <label for="forward-units">{f.units}</label>
        <textarea id="forward-units" name="recipients" required rows={5} aria-describedby="forward-units-hint">
          {values?.recipients ?? ''}
        </textarea>
        <p id="forward-units-hint" class="hint">
          {f.unitsHint}
        </p>
        <p class="hint">{f.once}</p>
        <p>
          <button type="submit">{f.submit}</button>
        </p>
      </form>
    </section>
  );
};
