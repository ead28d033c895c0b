import type { Agency } from '#core/agency.ts';
import { dayOf } from '#core/calendar/day.ts';
import { isoLocal, parseIso } from '#core/calendar/hanoi-time.ts';
import { type COPY_PURPOSES, END_OF_WORKING_DAY } from '#core/directive.ts';

/**
 * The directive form as the browser posts it (every value a string, as typed), and its translation into the
 * create body that the API validates. A rejected submit re-renders these values untouched.
 */
export type TaskValues = {
  code: string;
  text: string;
  assignees: string[];
  deadlineDate: string;
  deadlineTime: string;
  /** "within n working days", instead of a date. */
  deadlineWorkingDays: string;
  /** '' (once), 'P1D' (daily) or 'P1W' (weekly), until a date. */
  recurrence: string;
  recurrenceUntil: string;
  reportRequired: boolean;
};
/** A file already stored (storeFile), carried in hidden fields so that a re-rendered form keeps it. */
export type AttachedFile = { fileId: string; name: string; size: number };
export type LeaderValues = { name: string; title: string; email: string; phone: string; role: string };
export type FormValues = {
  idempotencyKey: string;
  number: string;
  /** The official means to reuse a number already used by the same issuer this year (otherwise 409). */
  allowDuplicateNumber: boolean;
  issuer: string;
  issuerParent: string;
  place: string;
  issuedOn: string;
  subject: string;
  legalBases: string;
  body: string;
  /** Every paragraph of the letter in order, as agencies read it (the parse step's fullText); may be empty. */
  fullText: string;
  addressees: string;
  signer: { name: string; title: string; onBehalfOf: string };
  leadership: LeaderValues[];
  recipients: string[];
  copies: string;
  tasks: TaskValues[];
  /** The signed original every agency receives, and the annexes: stored already, named by id. */
  originalFile?: AttachedFile | undefined;
  annexes: AttachedFile[];
  acknowledgeWithin: string;
  remindBefore: string[];
  remindOnTheDay: boolean;
  escalateAfterWorkingDays: string;
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []);
/** A list of values, each once: an agency ticked in two groups is one recipient. */
const strings = (v: unknown) => [
  ...new Set((Array.isArray(v) ? v.map(str) : typeof v === 'string' ? [v] : []).filter(Boolean)),
];
const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export const emptyTask = (code = ''): TaskValues => ({
  code,
  text: '',
  assignees: [],
  deadlineDate: '',
  deadlineTime: '17:00',
  deadlineWorkingDays: '',
  recurrence: '',
  recurrenceUntil: '',
  reportRequired: true,
});
export const emptyLeader = (): LeaderValues => ({ name: '', title: '', email: '', phone: '', role: '' });

export const blankForm = (idempotencyKey: string, today: string): FormValues => ({
  idempotencyKey,
  number: '',
  allowDuplicateNumber: false,
  issuer: '',
  issuerParent: '',
  place: '',
  issuedOn: today,
  subject: '',
  legalBases: '',
  body: '',
  fullText: '',
  addressees: '',
  signer: { name: '', title: '', onBehalfOf: '' },
  leadership: [emptyLeader()],
  recipients: [],
  copies: '',
  tasks: [emptyTask('1')],
  annexes: [],
  acknowledgeWithin: END_OF_WORKING_DAY,
  remindBefore: ['P2D', 'P1D'],
  remindOnTheDay: true,
  escalateAfterWorkingDays: '2',
});

/** A stored file as the hidden fields carry it; anything else is no file (the create body checks the id). */
const attached = (v: unknown): AttachedFile | undefined => {
  const r = (v ?? {}) as Record<string, unknown>;
  const fileId = str(r.fileId);
  const size = Number(str(r.size));
  return fileId ? { fileId, name: str(r.name) || fileId, size: Number.isFinite(size) ? size : 0 } : undefined;
};

/** A day typed dd/mm/yyyy (the form's date fields) as `YYYY-MM-DD`; what is no day stays as typed, to be refused. */
const day = (v: unknown) => {
  const typed = str(v);
  return dayOf(typed) ?? typed;
};

/** Reads what `qs` made of the posted body into the form's shape; missing parts come back empty. */
export const readForm = (body: Record<string, unknown>): FormValues => {
  const signer = (body.signer ?? {}) as Record<string, unknown>;
  return {
    idempotencyKey: str(body.idempotencyKey),
    number: str(body.number),
    allowDuplicateNumber: str(body.allowDuplicateNumber) === 'on',
    issuer: str(body.issuer),
    issuerParent: str(body.issuerParent),
    place: str(body.place),
    issuedOn: day(body.issuedOn),
    subject: str(body.subject),
    legalBases: str(body.legalBases),
    body: str(body.body),
    fullText: str(body.fullText),
    addressees: str(body.addressees),
    signer: { name: str(signer.name), title: str(signer.title), onBehalfOf: str(signer.onBehalfOf) },
    leadership: list(body.leadership).map((l) => {
      const r = (l ?? {}) as Record<string, unknown>;
      return { name: str(r.name), title: str(r.title), email: str(r.email), phone: str(r.phone), role: str(r.role) };
    }),
    recipients: strings(body.recipients),
    copies: str(body.copies),
    tasks: list(body.tasks).map((t) => {
      const r = (t ?? {}) as Record<string, unknown>;
      return {
        code: str(r.code),
        text: str(r.text),
        assignees: strings(r.assignees),
        deadlineDate: day(r.deadlineDate),
        deadlineTime: str(r.deadlineTime) || '17:00',
        deadlineWorkingDays: str(r.deadlineWorkingDays),
        recurrence: str(r.recurrence),
        recurrenceUntil: day(r.recurrenceUntil),
        reportRequired: str(r.reportRequired) === 'on',
      };
    }),
    originalFile: attached(body.originalFile),
    annexes: list(body.annexes)
      .map(attached)
      .filter((f): f is AttachedFile => f !== undefined),
    acknowledgeWithin: str(body.acknowledgeWithin) || END_OF_WORKING_DAY,
    remindBefore: strings(body.remindBefore),
    remindOnTheDay: str(body.remindOnTheDay) === 'on',
    escalateAfterWorkingDays: str(body.escalateAfterWorkingDays) || '2',
  };
};

const purposeOf = (line: string): (typeof COPY_PURPOSES)[number] => {
  if (/^lưu\b/i.test(line)) return 'ARCHIVE';
  if (/\((báo cáo|b\/c)\)/i.test(line)) return 'REPORT';
  if (/\((phối hợp|p\/h)\)/i.test(line)) return 'COORDINATE';
  return 'INFORM';
};

/** An empty date means no deadline; a date without a time means the end of the working day. */
const deadlineOf = (t: TaskValues) => {
  if (!t.deadlineDate) return undefined;
  const at = parseIso(`${t.deadlineDate}T${t.deadlineTime || '17:00'}`, 'hanoi');
  return at !== undefined ? isoLocal(at) : `${t.deadlineDate}T${t.deadlineTime}`;
};

/** The create body of the API, from the form. Recipients come from the directory by id. */
export const toDirectiveInput = (v: FormValues, directory: Agency[]) => {
  const byId = new Map(directory.map((a) => [a.id, a]));
  const recipients = v.recipients
    .map((id) => byId.get(id))
    .filter((a): a is Agency => a !== undefined)
    .map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.noSms ? { noSms: true } : {}),
      ...(a.noZalo ? { noZalo: true } : {}),
      ...(a.headName || a.headEmail || a.headPhone
        ? {
            head: {
              ...(a.headName ? { name: a.headName } : {}),
              ...(a.headEmail ? { email: a.headEmail } : {}),
              ...(a.headPhone ? { phone: a.headPhone } : {}),
            },
          }
        : {}),
    }));
  const chosen = new Set(recipients.map((r) => r.id));
  const addressees = lines(v.addressees);
  return {
    number: v.number,
    ...(v.allowDuplicateNumber ? { allowDuplicateNumber: true } : {}),
    issuer: v.issuer,
    ...(v.issuerParent.trim() ? { issuerParent: v.issuerParent } : {}),
    ...(v.place.trim() ? { place: v.place } : {}),
    issuedOn: v.issuedOn,
    subject: v.subject,
    legalBases: lines(v.legalBases),
    body: v.body,
    ...(v.fullText.trim() ? { fullText: v.fullText } : {}),
    addressees: addressees.length ? addressees : recipients.map((r) => r.name),
    signer: {
      name: v.signer.name,
      title: v.signer.title,
      ...(v.signer.onBehalfOf.trim() ? { onBehalfOf: v.signer.onBehalfOf } : {}),
    },
    leadership: v.leadership
      .filter((l) => l.name || l.title || l.email || l.phone)
      .map((l) => ({
        name: l.name,
        title: l.title,
        email: l.email,
        ...(l.phone.trim() ? { phone: l.phone } : {}),
        ...(l.role === 'SIGNER' || l.role === 'DIRECTOR' ? { role: l.role } : {}),
      })),
    recipients,
    copies: lines(v.copies).map((line) => ({
      name: line.replace(/[;.]+$/, '').replace(/\s*\((báo cáo|b\/c|phối hợp|p\/h)\)\s*$/i, ''),
      purpose: purposeOf(line),
    })),
    tasks: v.tasks.map((t) => ({
      code: t.code,
      text: t.text,
      // Only the recipients still chosen: unticking a recipient takes it off every task.
      assignees: t.assignees.filter((a) => chosen.has(a)),
      ...(deadlineOf(t) ? { deadline: deadlineOf(t) } : {}),
      ...(t.deadlineWorkingDays.trim() ? { deadlineWorkingDays: Number(t.deadlineWorkingDays) } : {}),
      ...(t.recurrence ? { recurrence: { every: t.recurrence, until: t.recurrenceUntil } } : {}),
      reportRequired: t.reportRequired,
    })),
    ...(v.originalFile ? { originalFile: v.originalFile.fileId } : {}),
    ...(v.annexes.length ? { annexes: v.annexes.map((f) => f.fileId) } : {}),
    acknowledgeWithin: v.acknowledgeWithin,
    remindBefore: v.remindBefore,
    remindOnTheDay: v.remindOnTheDay,
    escalateAfterWorkingDays: Number(v.escalateAfterWorkingDays),
  };
};

/**
 * Where a validation issue of the create body is shown in the form: `tasks.2.deadline` → the date field of
 * the third task, `recipients.4.email` → the recipient picker.
 */
export const fieldOf = (path: string) => {
  const [head, index, field] = path.split('.');
  switch (head) {
    case 'tasks':
      if (index === undefined) return 'tasks';
      if (field === 'deadline') return `tasks-${index}-deadlineDate`;
      if (field === 'recurrence') return `tasks-${index}-recurrenceUntil`;
      return `tasks-${index}-${field ?? 'code'}`;
    case 'leadership':
      return index === undefined ? 'leadership' : `leadership-${index}-${field ?? 'name'}`;
    case 'signer':
      return `signer-${index ?? 'name'}`;
    case 'recipients':
    case 'legalBases':
    case 'copies':
    case 'addressees':
    case 'remindBefore':
    case 'annexes':
      return head;
    default:
      return head || 'form';
  }
};
