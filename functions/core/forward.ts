import * as z from 'zod/mini';
import { type FieldProblem, problem } from '#contracts/problems.ts';
import { type Assignment, isOpen } from './assignment/model.ts';
import { dayField } from './calendar/day.ts';
import { endOfDayOn, localDateOf } from './calendar/time.ts';
import { type DirectiveBody, type StoredDirective, tasksOf } from './directive.ts';
import { addIssue, says } from './problems.ts';

/**
 * Forwarding to sub-units: an agency passes some of its tasks down to its own units (a district to its communes)
 * as a child directive that it issues itself. The child is an ordinary directive (its own assignments, links,
 * reminders and escalations), linked both ways: `forwardedFrom` on the child, `forwardedTo` on the parent
 * assignment. One child per assignment: a second forward is refused (`forward.already`), which keeps the parent
 * item bounded and the roll-up one read.
 */

/** A district has a few dozen communes and divisions; the child's "Kính gửi" lists each of them. */
export const MAX_UNITS = 100;

/** `Name <email>`: what a mail client writes and what an office clerk pastes. */
const UNIT_LINE = /^(.+?)\s*<\s*([^<>\s]+)\s*>$/;

export type Unit = { name: string; email: string };

const unitEmail = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email());

/** The units, one a line; blank lines are skipped, and a problem names its line (1-based, as the user counts). */
const readUnits = (text: string, ctx: z.core.ParsePayload): Unit[] => {
  const units: Unit[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.normalize('NFC').trim();
    if (line === '') return;
    const match = UNIT_LINE.exec(line);
    const name = match?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    const email = unitEmail.safeParse(match?.[2] ?? '');
    if (!match || name === '' || name.length > 300 || !email.success) {
      addIssue(ctx, [], 'forward.unitLine', { line: i + 1 });
      return;
    }
    if (seen.has(email.data)) {
      addIssue(ctx, [], 'forward.unitDuplicate', { line: i + 1, email: email.data });
      return;
    }
    seen.set(email.data, i + 1);
    units.push({ name, email: email.data });
  });
  if (units.length === 0 && ctx.issues.length === 0) addIssue(ctx, [], 'field.required', { field: 'units' });
  if (units.length > MAX_UNITS) addIssue(ctx, [], 'forward.tooManyUnits', { max: MAX_UNITS });
  return units;
};
const unitsField = z.pipe(z.string(says('field.required', { field: 'units' })), z.transform(readUnits));

/** One checkbox arrives as a string, several as an array. */
const taskCodesField = z.pipe(
  z.pipe(
    z.union([z.string(), z.array(z.string())], says('field.choose', { field: 'taskCodes' })),
    z.transform((v: string | string[]) => [
      ...new Set((Array.isArray(v) ? v : [v]).map((c) => c.trim()).filter((c) => c !== '')),
    ]),
  ),
  z
    .array(z.string().check(z.maxLength(40)))
    .check(z.minLength(1, says('field.choose', { field: 'taskCodes' })), z.maxLength(200)),
);

/** The form the recipient page posts to `POST /r/{token}/forward`. */
export const forwardForm = z.object({
  taskCodes: taskCodesField,
  deadline: dayField('forwardDeadline'),
  recipients: unitsField,
});
export type ForwardForm = z.infer<typeof forwardForm>;

/** What was posted, as text, to show a refused form again (bounded like the fields it fills). */
export const typedForward = (body: unknown) => {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  const codes = Array.isArray(b.taskCodes) ? b.taskCodes : [b.taskCodes];
  return {
    taskCodes: codes.filter((c): c is string => typeof c === 'string').slice(0, 200),
    deadline: text(b.deadline, 10),
    recipients: text(b.recipients, 64 * 1024),
  };
};

/**
 * The agency's own deadline in force for a task: the earliest report it still owes on it (an extension granted
 * moves it). A task with nothing left to report cannot be forwarded.
 */
export const ownDeadline = (a: Assignment, taskCode: string): string | null | undefined => {
  const open = Object.entries(a.reports).filter(([, s]) => s.taskCode === taskCode && !s.submittedAt);
  if (open.length === 0) return undefined;
  const deadlines = open.map(([, s]) => s.deadline).filter((d): d is string => d !== undefined);
  return deadlines.sort((x, y) => Date.parse(x) - Date.parse(y))[0] ?? null;
};

const todayIn = (now: string) => localDateOf(now) ?? now.slice(0, 10);
const dateIn = (iso: string) => localDateOf(iso) ?? iso.slice(0, 10);

/**
 * What a forward asks that the agency's own assignment does not allow, each on its field; and the units'
 * deadline: 17:00 on the date chosen, or the agency's own deadline when that is the same day and earlier.
 */
export const forwardRules = (
  directive: Pick<StoredDirective, 'tasks'>,
  a: Assignment,
  form: ForwardForm,
  now: string,
): { problems: FieldProblem[]; deadline: string } => {
  const problems: FieldProblem[] = [];
  const mine = new Set(tasksOf(directive.tasks, a).map((t) => t.code));
  let own: string | undefined;
  for (const code of form.taskCodes) {
    const deadline = mine.has(code) ? ownDeadline(a, code) : undefined;
    if (deadline === undefined)
      problems.push({ path: 'taskCodes', ...problem('forward.notOwnTask', { taskCode: code }) });
    else if (deadline !== null && (own === undefined || Date.parse(deadline) < Date.parse(own))) own = deadline;
  }
  let deadline = endOfDayOn(form.deadline);
  if (form.deadline < todayIn(now) || Date.parse(deadline) <= Date.parse(now))
    problems.push({ path: 'deadline', ...problem('forward.datePast', { date: form.deadline }) });
  else if (own !== undefined && form.deadline > dateIn(own))
    problems.push({ path: 'deadline', ...problem('forward.afterOwnDeadline', { date: form.deadline, deadline: own }) });
  else if (own !== undefined && Date.parse(own) < Date.parse(deadline)) {
    deadline = own;
    // The same day, but the agency's own deadline has passed meanwhile: nothing is left to give the units.
    if (Date.parse(own) <= Date.parse(now))
      problems.push({ path: 'deadline', ...problem('forward.datePast', { date: form.deadline }) });
  }
  return { problems, deadline };
};

/** Whether the agency may still forward: an open assignment, not yet forwarded. */
export const canForward = (a: Assignment) => isOpen(a.status) && a.status !== 'ISSUED' && !a.forwardedTo;

/** Units' ids in the child: `dv-1`, `dv-2`… in the order the agency listed them. */
export const unitId = (index: number) => `dv-${index + 1}`;

/**
 * The child directive: the same letter (number, subject, text, original and annexes) issued by the agency to its
 * units, with the tasks forwarded and the units' deadline. Its leadership is the agency itself (and its head when
 * the directory names one): the child's escalations reach the agency and never the issuing office's leaders.
 * The head signs when known, so that a first-level escalation reaches both the agency and its head, and the
 * second level the head.
 */
export const childDirective = (
  parent: StoredDirective,
  a: Assignment,
  form: ForwardForm,
  deadline: string,
  now: string,
): DirectiveBody => {
  const head = a.recipientHead?.email && a.recipientHead.email !== a.recipientEmail ? a.recipientHead : undefined;
  const headName = head?.name?.trim() || a.recipientName;
  const ids = form.recipients.map((_, i) => unitId(i));
  return {
    number: parent.number,
    issuer: a.recipientName,
    issuedOn: todayIn(now),
    subject: parent.subject,
    // The number is the parent letter's, repeated at each level of the chain.
    allowDuplicateNumber: true,
    addressees: form.recipients.map((u) => u.name),
    legalBases: parent.legalBases,
    body: parent.body,
    ...(parent.fullText ? { fullText: parent.fullText } : {}),
    signer: { name: headName, title: a.recipientName, email: head?.email ?? a.recipientEmail },
    leadership: [
      { name: a.recipientName, title: a.recipientName, email: a.recipientEmail, role: 'SIGNER' as const },
      ...(head?.email
        ? [{ name: headName, title: a.recipientName, email: head.email, role: 'DIRECTOR' as const }]
        : []),
    ],
    recipients: form.recipients.map((u, i) => ({ id: ids[i] ?? unitId(i), name: u.name, email: u.email })),
    tasks: parent.tasks
      .filter((t) => form.taskCodes.includes(t.code))
      .map((t) => ({ code: t.code, text: t.text, assignees: ids, deadline, reportRequired: true })),
    ...(parent.originalFile ? { originalFile: parent.originalFile } : {}),
    ...(parent.annexes?.length ? { annexes: parent.annexes } : {}),
  };
};

/** What the parent's row shows of the child: direct units only (a unit's own forwarding is its business). */
export type RollUp = { directiveId: string; total: number; acknowledged: number; completed: number; overdue: number };

export const rollUpOf = (child: Pick<StoredDirective, 'id' | 'recipientCount' | 'tally'>): RollUp => {
  const t = (k: string) => Math.max(0, child.tally[k] ?? 0);
  return {
    directiveId: child.id,
    total: Math.max(0, child.recipientCount - t('cancelled')),
    acknowledged: t('acknowledged'),
    completed: t('completedOnTime') + t('completedLate'),
    overdue: t('inProgressOverdue'),
  };
};

/** Where a child came from: the parent directive and the forwarding agency's assignment in it. */
export type ForwardedFrom = { directiveId: string; recipientId: string; issuer: string; number: string };
