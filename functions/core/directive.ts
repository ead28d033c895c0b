import * as z from 'zod/mini';
import { type Field, type FieldProblem, problem } from '#contracts/problems.ts';
import { ACK } from './assignment/model.ts';
import { dayField } from './calendar/day.ts';
import {
  durationMillis,
  startOfDay as hanoiMidnight,
  isoDate,
  parseDuration,
  parseIso,
  plusDuration,
} from './calendar/hanoi-time.ts';
import { addWorkingDays } from './calendar/index.ts';
import { isIsoDuration } from './calendar/time.ts';
import { fileIdSchema, MAX_ANNEXES } from './directive-file.ts';
import { customIssue, says } from './problems.ts';

/**
 * The create body of DESIGN.md ("extend it, don't rename it"). Each check says what is wrong as a problem naming
 * its field (contracts/problems.ts); web/i18n shows it next to the form field the path names.
 */

const text = (field: Field, max = 2000) =>
  z
    .string(says('field.required', { field }))
    .check(
      z.trim(),
      z.minLength(1, says('field.required', { field })),
      z.maxLength(max, says('field.tooLong', { field, max })),
    );

const optionalText = (field: Field, max = 2000) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max, says('field.tooLong', { field, max }))));

const email = (field: Field) =>
  z.pipe(
    z.string(says('field.required', { field })).check(z.trim(), z.toLowerCase()),
    z.email(says('field.email', { field })),
  );

/** Instants are stored in one form (UTC, milliseconds), so that they also sort and compare as strings. */
const instant = (field: Field) =>
  z.pipe(
    z.iso.datetime({ offset: true, ...says('field.instant', { field }) }),
    z.transform((v: string) => new Date(v).toISOString()),
  );

const HOUR_MS = 3_600_000;

/** A duration's length (a month as 30 days); NaN when unreadable, which fails both bounds as luxon's did. */
const millisOf = (v: string) => {
  const d = parseDuration(v);
  return d === undefined ? Number.NaN : durationMillis(d);
};

/** An ISO 8601 duration within sane bounds: `P1000Y` would never fire, `PT0S` would fire at once. */
const duration = (field: Field, bounds: { minHours: number; maxDays: number }) =>
  z.string().check(
    z.refine(isIsoDuration, says('field.duration', { field })),
    z.refine(
      (v) => millisOf(v) >= bounds.minHours * HOUR_MS,
      says('field.minHours', { field, hours: bounds.minHours }),
    ),
    z.refine(
      (v) => millisOf(v) <= bounds.maxDays * 24 * HOUR_MS,
      says('field.maxDays', { field, days: bounds.maxDays }),
    ),
  );

/**
 * Codes and ids are chosen by users and become keys of stored maps: the names Object.prototype carries
 * (`__proto__`, `constructor`, `toString`…) are refused, and lookups use own properties only. `ack` is the
 * acknowledgement's own obligation key: a task of that code would be taken for it.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype', ACK]);
export const isReservedKey = (key: string) => RESERVED_KEYS.has(key);

export const RECIPIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const recipientIdSchema = z.string(says('field.required', { field: 'agencyId' })).check(
  z.regex(RECIPIENT_ID, says('agencyId.format')),
  z.refine((v) => !isReservedKey(v), says('field.reserved', { field: 'agencyId' })),
);

/** "1", "1.3", "II.2.a": letters, digits, dots, dashes and slashes; `#` separates a period in slot keys. */
const TASK_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,19}$/u;

/** The head of a recipient agency: copied on its first-level escalations. */
export const headSchema = z.object({
  name: optionalText('headName', 200),
  email: z.optional(email('headEmail')),
  phone: optionalText('headPhone', 40),
});

export const recipientSchema = z.object({
  id: recipientIdSchema,
  name: text('agencyName', 300),
  email: email('recipientEmail'),
  phone: optionalText('recipientPhone', 40),
  /** The agency asked for no SMS, or no Zalo, notices (the directory's flags): email only by those channels. */
  noSms: z.optional(z.boolean()),
  noZalo: z.optional(z.boolean()),
  head: z.optional(headSchema),
});

export const signerSchema = z.object({
  name: text('signerName', 200),
  title: text('signerTitle', 200),
  onBehalfOf: optionalText('onBehalfOf', 200),
  /** Where the first level of escalation reaches the signer, when the signer is not among the leaders. */
  email: z.optional(email('signerEmail')),
});

/** SIGNER gets the first level of escalation, DIRECTOR the second (see domain/escalation.ts). */
export const LEADER_ROLES = ['SIGNER', 'DIRECTOR'] as const;

export const leaderSchema = z.object({
  name: text('leaderName', 200),
  title: text('leaderTitle', 200),
  email: email('leaderEmail'),
  phone: optionalText('leaderPhone', 40),
  role: z.optional(z.enum(LEADER_ROLES)),
});

export const COPY_PURPOSES = ['REPORT', 'COORDINATE', 'ARCHIVE', 'INFORM'] as const;
export const copySchema = z.object({
  name: text('copyName', 300),
  purpose: z._default(z.enum(COPY_PURPOSES), 'INFORM'),
});

export const taskSchema = z.object({
  code: text('taskCode', 20).check(
    z.regex(TASK_CODE, says('taskCode.format')),
    z.refine((v) => !isReservedKey(v), says('field.reserved', { field: 'taskCode' })),
  ),
  text: text('taskText', 5000),
  assignees: z
    .array(z.string(), says('field.choose', { field: 'assignees' }))
    .check(z.minLength(1, says('field.atLeastOneAgency', { field: 'assignees' }))),
  deadline: z.optional(instant('deadline')),
  /** "trong thời hạn 05 ngày làm việc": the deadline is computed from the issue time, skipping days off. */
  deadlineWorkingDays: z.optional(
    z
      .number(says('field.number', { field: 'workingDays' }))
      .check(
        z.int(),
        z.minimum(1, says('field.min', { field: 'workingDays', min: 1 })),
        z.maximum(60, says('field.max', { field: 'workingDays', max: 60 })),
      ),
  ),
  /** A periodic report ("hằng ngày", "định kỳ hằng tuần"): one deadline per period from `deadline` to `until`. */
  recurrence: z.optional(
    z.object({
      every: z.enum(['P1D', 'P1W'], says('recurrence.every')),
      until: dayField('recurrenceUntil'),
    }),
  ),
  reportRequired: z._default(z.boolean(), true),
});

export const MAX_RECIPIENTS = 5000;

export const END_OF_WORKING_DAY = 'END_OF_WORKING_DAY';

/** What a directive item may take, leaving room under DynamoDB's 400 KB for counts and keys. */
export const MAX_DIRECTIVE_BYTES = 300 * 1024;

/**
 * A year of daily reports. Each period adds a bounded number of events to the execution's history (a few
 * waits), so this bound keeps it far below Step Functions' 25,000.
 */
export const MAX_PERIODS = 366;

/** The reports one agency may owe under one directive: a year of daily reports (the item's size is bound by it). */
export const MAX_REPORT_SLOTS = 366;

/** How far ahead a deadline may lie: beyond a year the workflow goes on in a new execution (see checkpoints.ts). */
export const MAX_HORIZON_DAYS = 730;

/** The deadlines of a periodic report: the first one, then every period while its date is not after `until`. */
export const periodsOf = (first: string, recurrence: { every: 'P1D' | 'P1W'; until: string }) => {
  const deadlines: string[] = [];
  const start = parseIso(first);
  if (start === undefined) return deadlines;
  const step = recurrence.every === 'P1D' ? { days: 1 } : { weeks: 1 };
  for (let at = start; isoDate(at) <= recurrence.until && deadlines.length <= MAX_PERIODS; at = plusDuration(at, step))
    deadlines.push(new Date(at).toISOString());
  return deadlines;
};

export const directiveInputSchema = z
  .object({
    number: text('number', 100),
    issuer: text('issuer', 300),
    /** The body above the issuer in the header block, e.g. "UBND TỈNH GIA LAI". */
    issuerParent: optionalText('issuerParent', 300),
    /** The place in "Gia Lai, ngày 30 tháng 01 năm 2021". */
    place: optionalText('place', 100),
    issuedOn: dayField('issuedOn'),
    subject: text('subject', 1000),
    /** The same number from the same issuer in the same year is refused unless the official means it. */
    allowDuplicateNumber: z._default(z.boolean(), false),
    /** The "Kính gửi" lines as written, groups included; the recipients are who actually receive it. */
    addressees: z._default(z.array(text('addressees', 300)).check(z.maxLength(100)), []),
    legalBases: z._default(z.array(text('legalBases', 2000)).check(z.maxLength(50)), []),
    body: z._default(
      z.string().check(z.trim(), z.maxLength(100_000, says('field.tooLong', { field: 'body', max: 100_000 }))),
      '',
    ),
    /**
     * The whole content of the letter in order, paragraphs separated by newlines (the parse step's `fullText`):
     * section headings, contact paragraphs, notes and closing formula included. Shown to agencies when present.
     */
    fullText: z.optional(
      z.string().check(z.trim(), z.maxLength(100_000, says('field.tooLong', { field: 'body', max: 100_000 }))),
    ),
    signer: signerSchema,
    leadership: z
      .array(leaderSchema, says('field.required', { field: 'leadership' }))
      .check(z.minLength(1, says('leadership.atLeastOne')), z.maxLength(20)),
    recipients: z
      .array(recipientSchema, says('recipients.required'))
      .check(
        z.minLength(1, says('field.atLeastOneAgency', { field: 'recipients' })),
        z.maxLength(MAX_RECIPIENTS, says('field.atMostAgencies', { field: 'recipients', max: MAX_RECIPIENTS })),
      ),
    copies: z._default(z.array(copySchema).check(z.maxLength(100)), []),
    tasks: z
      .array(taskSchema, says('field.required', { field: 'tasks' }))
      .check(z.minLength(1, says('tasks.atLeastOne')), z.maxLength(200)),
    /** A duration from delivery, or the end of the working day of receipt (Decree 30/2020). */
    acknowledgeWithin: z._default(
      z.union([z.literal(END_OF_WORKING_DAY), duration('acknowledgeWithin', { minHours: 1, maxDays: 30 })]),
      END_OF_WORKING_DAY,
    ),
    remindBefore: z._default(z.array(duration('remindBefore', { minHours: 1, maxDays: 60 })).check(z.maxLength(10)), [
      'P2D',
      'P1D',
    ]),
    /** The original as sent (the signed PDF) and the annexes: ids from `POST /api/directives/files`. */
    originalFile: z.optional(fileIdSchema('originalFile')),
    annexes: z.optional(
      z
        .array(fileIdSchema('annexes'))
        .check(z.maxLength(MAX_ANNEXES, says('field.max', { field: 'annexes', max: MAX_ANNEXES }))),
    ),
    /** A reminder at 08:00 on the day a deadline falls. */
    remindOnTheDay: z._default(z.boolean(), true),
    /** The second level of escalation (the director) this many working days after a missed deadline. */
    escalateAfterWorkingDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(30)), 2),
  })
  .check(
    z.superRefine((d, ctx) => {
      // The directive item holds everything but the recipients and the assignee lists; it must stay well
      // under DynamoDB's 400 KB item limit.
      const stored = Buffer.byteLength(
        JSON.stringify({ ...d, recipients: [], tasks: d.tasks.map((t) => ({ ...t, assignees: [] })) }),
      );
      if (stored > MAX_DIRECTIVE_BYTES)
        ctx.addIssue(
          customIssue(['body'], 'directive.tooLarge', {
            kb: Math.round(stored / 1024),
            maxKb: MAX_DIRECTIVE_BYTES / 1024,
          }),
        );
      const ids = new Set<string>();
      d.recipients.forEach((r, i) => {
        if (ids.has(r.id)) ctx.addIssue(customIssue(['recipients', i, 'id'], 'recipient.duplicate', { id: r.id }));
        ids.add(r.id);
      });
      const codes = new Set<string>();
      d.tasks.forEach((t, i) => {
        if (t.deadline && t.deadlineWorkingDays)
          ctx.addIssue(customIssue(['tasks', i, 'deadlineWorkingDays'], 'task.oneDeadline'));
        if (t.recurrence && !t.deadline) ctx.addIssue(customIssue(['tasks', i, 'deadline'], 'task.firstPeriodMissing'));
        if (t.recurrence && t.deadline && periodsOf(t.deadline, t.recurrence).length > MAX_PERIODS)
          ctx.addIssue(customIssue(['tasks', i, 'recurrence', 'until'], 'task.tooManyPeriods', { max: MAX_PERIODS }));
        if (codes.has(t.code)) ctx.addIssue(customIssue(['tasks', i, 'code'], 'task.duplicate', { code: t.code }));
        codes.add(t.code);
        t.assignees.forEach((a, j) => {
          if (!ids.has(a)) ctx.addIssue(customIssue(['tasks', i, 'assignees', j], 'task.unknownAssignee', { id: a }));
        });
      });
      // Each agency's report slots are bounded, so that its assignment stays a small item (see storage).
      const slots = new Map<string, number>();
      d.tasks.forEach((t, i) => {
        if (!t.reportRequired) return;
        const n =
          t.recurrence && t.deadline ? Math.min(periodsOf(t.deadline, t.recurrence).length, MAX_PERIODS + 1) : 1;
        for (const a of new Set(t.assignees)) {
          const total = (slots.get(a) ?? 0) + n;
          slots.set(a, total);
          if (total > MAX_REPORT_SLOTS && total - n <= MAX_REPORT_SLOTS)
            ctx.addIssue(
              customIssue(['tasks', i, t.recurrence ? 'recurrence' : 'code'], 'agency.tooManyReports', {
                id: a,
                max: MAX_REPORT_SLOTS,
                total,
              }),
            );
        }
      });
    }),
  );

const startOfDay = (ymd: string) => hanoiMidnight(ymd) ?? Number.NaN;

/**
 * What makes sense only at the moment of issuing: no deadline (or first period) already past or before the
 * issue date, none beyond MAX_HORIZON_DAYS. The schema cannot say it, since it does not know the time.
 */
export const issueProblems = (d: DirectiveInput, now: string): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  const earliest = Math.max(Date.parse(now), startOfDay(d.issuedOn));
  const latest = Date.parse(now) + MAX_HORIZON_DAYS * 24 * HOUR_MS;
  const years = Math.round(MAX_HORIZON_DAYS / 365);
  d.tasks.forEach((t, i) => {
    if (t.deadline !== undefined) {
      const at = Date.parse(t.deadline);
      const field: Field = t.recurrence ? 'firstDeadline' : 'deadline';
      const path = `tasks.${i}.deadline`;
      if (at <= earliest)
        problems.push({
          path,
          ...(at < startOfDay(d.issuedOn)
            ? problem('deadline.beforeIssue', { field })
            : problem('deadline.past', { field })),
        });
      else if (at > latest) problems.push({ path, ...problem('deadline.tooFar', { field, years }) });
    }
    if (t.recurrence && startOfDay(t.recurrence.until) > latest)
      problems.push({
        path: `tasks.${i}.recurrence.until`,
        ...problem('deadline.tooFar', { field: 'recurrenceUntil', years }),
      });
  });
  return problems;
};

export type DirectiveInput = z.infer<typeof directiveInputSchema>;
/** What a caller sends: defaults not yet applied. */
export type DirectiveBody = z.input<typeof directiveInputSchema>;
export type Recipient = z.infer<typeof recipientSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Signer = z.infer<typeof signerSchema>;
export type Leader = z.infer<typeof leaderSchema>;
export type Copy = z.infer<typeof copySchema>;

/** A stored directive: the input plus what issuing it decided. Recipients live on their assignments. */
export type Directive = Omit<DirectiveInput, 'recipients' | 'allowDuplicateNumber'> & {
  id: string;
  createdAt: string;
  recipientCount: number;
  cancelledAt?: string;
  /** The office of the official who issued it (core/office.ts); none on directives stored before offices. */
  office?: string;
  /**
   * The phone channels the office had enabled when it issued the directive (its settings), copied so that a later
   * change of the settings does not change what running workflows send; none on directives from before.
   */
  channels?: ('sms' | 'zalo')[];
  /**
   * Its assignments carry the roster's keys from the start (contracts/table.ts): the dashboard filters from that
   * index. A directive stored before the roster has none, and its dashboard filters the assignments themselves.
   */
  rosterIndexed?: boolean;
  /** A child directive: the parent directive and the forwarding agency's assignment (core/forward.ts). */
  forwardedFrom?: { directiveId: string; recipientId: string; issuer: string; number: string };
};

/** A directive as stored: with the counts per bucket that every transition keeps (see core/tally.ts). */
export type StoredDirective = Directive & { tally: Record<string, number> };

/**
 * The tasks one recipient must carry out. A stored assignment lists their codes; the stored directive does not
 * keep the assignee lists (5,000 recipients on three tasks would pass DynamoDB's 400 KB item limit).
 */
export const tasksOf = (tasks: readonly Task[], assignee: { recipientId: string; taskCodes?: readonly string[] }) =>
  tasks.filter((t) =>
    assignee.taskCodes ? assignee.taskCodes.includes(t.code) : t.assignees.includes(assignee.recipientId),
  );

/** "Within n working days" becomes a date once, when the directive is issued. */
export const tasksAsIssued = (tasks: readonly Task[], issuedAt: string): Task[] =>
  tasks.map((t) =>
    t.deadlineWorkingDays && !t.deadline ? { ...t, deadline: addWorkingDays(issuedAt, t.deadlineWorkingDays) } : t,
  );
