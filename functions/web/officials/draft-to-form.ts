import type { Agency } from '#core/agency.ts';
import { type AgencyMatch, matchAgency } from '#core/agency-matching.ts';
import { hhmm, INVALID, isoDate, parseIso } from '#core/calendar/hanoi-time.ts';
import type { DraftDirective, ParseWarning } from '#parsing/index.ts';
import { blankForm, type FormValues } from './directive-form-input.ts';

/**
 * One line of the check list under the paste and upload steps, about one agency, task or leader, so that the
 * official knows which to look at. Rendered in the page's language (web/i18n); the parser's own remarks keep its
 * Vietnamese wording, under the name of what they are about.
 */
export type FormCheck =
  | { kind: 'recipient'; name: string; match: AgencyMatch; agencies: string[] }
  | { kind: 'taskNoAssignees'; code: string }
  | { kind: 'taskNotRecipient'; code: string; names: string[] }
  | { kind: 'leaderEmail'; name: string }
  | { kind: 'task'; code: string; message: string }
  | { kind: 'leader'; name: string; message: string }
  | { kind: 'text'; message: string };

const local = (iso: string | undefined) => (iso ? parseIso(iso) : undefined);

/** The index in a warning's path ("tasks.2.deadline" → 2 under "tasks"). */
const indexIn = (field: string, head: string) => {
  const [h, i] = field.split('.');
  return h === head && i !== undefined && /^\d+$/.test(i) ? Number(i) : undefined;
};

/**
 * The parser's remarks, each under what it is about. Those on recipients' emails and tasks' assignees are left
 * out: matching with the directory answers them below, naming the agency.
 */
const remarks = (draft: DraftDirective, warnings: readonly ParseWarning[]): FormCheck[] =>
  warnings.flatMap((w): FormCheck[] => {
    const task = indexIn(w.field, 'tasks');
    const leader = indexIn(w.field, 'leadership');
    if (indexIn(w.field, 'recipients') !== undefined) return [];
    if (task !== undefined) {
      if (w.field.endsWith('.assignees')) return [];
      return [{ kind: 'task', code: draft.tasks[task]?.code ?? String(task + 1), message: w.message }];
    }
    if (leader !== undefined) {
      const name = draft.leadership[leader]?.name || w.passage || String(leader + 1);
      return [
        w.field.endsWith('.email') ? { kind: 'leaderEmail', name } : { kind: 'leader', name, message: w.message },
      ];
    }
    return [{ kind: 'text', message: w.message }];
  });

/**
 * Fills the form from a parsed text. Recipients and the agencies each task names are matched with the directory
 * (core/agency-matching.ts: by name, abbreviation, group, tier or enumeration); what the directory lacks, what was
 * matched other than by its very name, and every task left without an assignee make the check list, since an
 * agency needs an email before anything can be sent to it.
 */
export const draftToForm = (
  draft: DraftDirective,
  directory: Agency[],
  idempotencyKey: string,
  today: string,
  warnings: readonly ParseWarning[] = [],
) => {
  const nameOf = new Map(directory.map((a) => [a.id, a.name]));
  const checks: FormCheck[] = [];
  const byDraftId = new Map<string, string[]>();
  const recipients: string[] = [];
  for (const r of draft.recipients) {
    const match = matchAgency(r.name, directory);
    byDraftId.set(r.id, match.ids);
    recipients.push(...match.ids);
    if (match.how !== 'name')
      checks.push({
        kind: 'recipient',
        name: r.name,
        match,
        agencies: match.ids.map((id) => nameOf.get(id) ?? id),
      });
  }
  const chosen = new Set(recipients);
  const base = blankForm(idempotencyKey, today);
  const tasks = draft.tasks.map((t) => {
    const named = (t.assigneeNames ?? []).map((name) => ({ name, ids: matchAgency(name, directory).ids }));
    const wanted = new Set([...t.assignees.flatMap((id) => byDraftId.get(id) ?? []), ...named.flatMap((n) => n.ids)]);
    const assignees = recipients.filter((id, i) => wanted.has(id) && recipients.indexOf(id) === i);
    const outside = named.filter((n) => n.ids.length > 0 && n.ids.some((id) => !chosen.has(id))).map((n) => n.name);
    if (outside.length) checks.push({ kind: 'taskNotRecipient', code: t.code, names: outside });
    if (assignees.length === 0) checks.push({ kind: 'taskNoAssignees', code: t.code });
    const at = local(t.deadline);
    const every = t.recurrence?.every;
    return {
      code: t.code,
      text: t.text,
      assignees,
      deadlineDate: at === undefined ? '' : isoDate(at),
      deadlineTime: at === undefined ? (t.deadline ? INVALID : '17:00') : hhmm(at),
      deadlineWorkingDays: t.deadlineWorkingDays ? String(t.deadlineWorkingDays) : '',
      recurrence: every === 'P1D' || every === 'P1W' ? every : '',
      recurrenceUntil: t.recurrence?.until ?? '',
      reportRequired: t.reportRequired,
    };
  });
  const values: FormValues = {
    ...base,
    number: draft.number ?? '',
    issuer: draft.issuer ?? '',
    issuerParent: draft.issuerParent ?? '',
    place: draft.place ?? '',
    issuedOn: draft.issuedOn ?? today,
    subject: draft.subject ?? '',
    legalBases: draft.legalBases.join('\n'),
    body: draft.body,
    fullText: draft.fullText ?? '',
    addressees: draft.addressees.join('\n'),
    signer: {
      name: draft.signer?.name ?? '',
      title: draft.signer?.title ?? '',
      onBehalfOf: draft.signer?.onBehalfOf ?? '',
    },
    leadership:
      draft.leadership.length > 0
        ? draft.leadership.map((l) => ({
            name: l.name,
            title: l.title,
            email: l.email,
            phone: l.phone ?? '',
            role: l.role ?? '',
          }))
        : base.leadership,
    recipients: [...chosen],
    copies: draft.copies
      .map((c) =>
        c.purpose === 'REPORT' ? `${c.name} (báo cáo)` : c.purpose === 'COORDINATE' ? `${c.name} (phối hợp)` : c.name,
      )
      .join('\n'),
    tasks: tasks.length > 0 ? tasks : base.tasks,
  };
  return { values, checks: [...checks, ...remarks(draft, warnings)] };
};
