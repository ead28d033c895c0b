import { findAssignment } from '#app/find-assignment.ts';
import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { formatCalendarDate } from '#core/calendar/time.ts';
import { dashboardParams, dashboardQueryOf } from '#core/roster.ts';
import { dashboardMessages } from '#web/i18n/index.ts';
import type { PageContext } from './official-page-chain.ts';

/**
 * After an official acts on the dashboard: back to the view they acted from (its search, filter and page, read
 * again through the dashboard's own query, so `back` can only ever name a view of this dashboard), at the row of
 * the agency they acted on, which then says what was done.
 */

const ACTIONS = ['resend', 'reassign', 'grant', 'refuse', 'cancel-assignment', 'cancel-directive'] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (s: string | undefined): s is Action => ACTIONS.includes(s as Action);

const TASK = /^[\p{L}\p{N}._#-]{1,40}$/u;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const backTo = (
  id: string,
  form: { action: Action; back?: string | undefined; recipientId?: string | undefined; taskCode?: string | undefined },
  until?: string,
) => {
  const view = dashboardQueryOf(Object.fromEntries(new URLSearchParams(form.back ?? '')));
  const params = dashboardParams(view);
  params.set('done', form.action);
  const who = form.action === 'cancel-directive' ? undefined : form.recipientId;
  if (who) params.set('who', who);
  if (form.taskCode && TASK.test(form.taskCode)) params.set('task', form.taskCode);
  if (until && DAY.test(until)) params.set('until', until);
  return `${pathTo(OFFICIAL_PAGES.dashboard, { id })}?${params}${who ? `#row-${encodeURIComponent(who)}` : ''}`;
};

/** What the page says of the action just done: on the agency's row, or at the top for the whole directive. */
export const saidOf = async (
  c: PageContext,
  id: string,
  params: Record<string, string | undefined>,
  shown: readonly Assignment[],
): Promise<{ notice?: string; rowNotice?: { recipientId: string; text: string } }> => {
  const done = params.done;
  if (!isAction(done)) return {};
  const words = dashboardMessages(c.lang).done;
  if (done === 'cancel-directive') return { notice: words['cancel-directive']() };
  const who = params.who ?? '';
  const agency = shown.find((a) => a.recipientId === who) ?? (who ? await findAssignment(id, who) : undefined);
  if (!agency) return {};
  const task = params.task && TASK.test(params.task) ? params.task.replace('#', ', kỳ ') : '';
  const until = params.until && DAY.test(params.until) ? formatCalendarDate(params.until) : '';
  const text =
    done === 'grant'
      ? words.grant(agency.recipientName, task, until)
      : done === 'refuse'
        ? words.refuse(agency.recipientName, task)
        : words[done](agency.recipientName);
  // Shown on the row when the view still lists it; otherwise (a grant takes it off "pending") at the top.
  return shown.some((a) => a.recipientId === who) ? { rowNotice: { recipientId: who, text } } : { notice: text };
};
