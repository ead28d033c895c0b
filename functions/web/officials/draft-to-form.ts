import { DateTime } from 'luxon';
import type { Agency } from '#core/agency.ts';
import { ZONE } from '#core/calendar/time.ts';
import type { DraftDirective } from '#parsing/index.ts';
import { blankForm, type FormValues } from './directive-form-input.ts';

/** Names compared the way a clerk would: case, diacritics forms and "UBND" aside. */
const key = (name: string) =>
  name
    .normalize('NFC')
    .toLowerCase()
    .replace(/\bubnd\b/g, 'ủy ban nhân dân')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Fills the form from a parsed text. Recipients are matched with the directory by name; those the directory
 * lacks are reported, since an agency needs an email before anything can be sent to it.
 */
export const draftToForm = (draft: DraftDirective, directory: Agency[], idempotencyKey: string, today: string) => {
  const byName = new Map(directory.map((a) => [key(a.name), a]));
  const matched = new Map<string, Agency>();
  const missing: string[] = [];
  for (const r of draft.recipients) {
    const agency = byName.get(key(r.name));
    if (agency) matched.set(r.id, agency);
    else missing.push(r.name);
  }
  const local = (iso: string | undefined) => (iso ? DateTime.fromISO(iso).setZone(ZONE) : undefined);
  const base = blankForm(idempotencyKey, today);
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
    recipients: [...new Set([...matched.values()].map((a) => a.id))],
    copies: draft.copies
      .map((c) =>
        c.purpose === 'REPORT' ? `${c.name} (báo cáo)` : c.purpose === 'COORDINATE' ? `${c.name} (phối hợp)` : c.name,
      )
      .join('\n'),
    tasks:
      draft.tasks.length > 0
        ? draft.tasks.map((t) => {
            const at = local(t.deadline);
            const every = t.recurrence?.every;
            return {
              code: t.code,
              text: t.text,
              assignees: t.assignees.map((id) => matched.get(id)?.id).filter((id): id is string => id !== undefined),
              deadlineDate: at?.toISODate() ?? '',
              deadlineTime: at?.toFormat('HH:mm') ?? '17:00',
              deadlineWorkingDays: t.deadlineWorkingDays ? String(t.deadlineWorkingDays) : '',
              recurrence: every === 'P1D' || every === 'P1W' ? every : '',
              recurrenceUntil: t.recurrence?.until ?? '',
              reportRequired: t.reportRequired,
            };
          })
        : base.tasks,
  };
  return { values, missing };
};
